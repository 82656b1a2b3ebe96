// .github/workflows/release.yml cannot run here: its trigger and permissions are checked, its tag
// check runs in bash, and its publish command is the one this workspace dry-runs in CI.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const workflow = parse(readFileSync(join(root, '.github', 'workflows', 'release.yml'), 'utf8'));
const steps: { name?: string; run?: string; env?: Record<string, string>; with?: Record<string, unknown>; uses?: string }[] = workflow.jobs.publish.steps;
const step = (name: string) => steps.find((s) => s.name === name)!;

describe('release.yml', () => {
  it('runs on a version tag only, with an id token for provenance', () => {
    expect(workflow.on).toEqual({ push: { tags: ['v*.*.*'] } });
    expect(workflow.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with).toMatchObject({
      'node-version': 20,
      'registry-url': 'https://registry.npmjs.org',
    });
  });

  it('tests before it publishes, and publishes every package with provenance through nx release', () => {
    const runs = steps.map((s) => s.run ?? s.name);
    expect(runs.indexOf('npm ci')).toBeLessThan(runs.indexOf('npm test'));
    expect(runs.indexOf('npm test')).toBeLessThan(runs.indexOf('npx nx release publish'));
    expect(runs.indexOf('npm run typecheck')).toBeLessThan(runs.indexOf('npx nx release publish'));
    expect(step('Publish').env).toEqual({ NODE_AUTH_TOKEN: '${{ secrets.NPM_TOKEN }}', NPM_CONFIG_PROVENANCE: 'true' });
  });

  it("refuses a tag that is not the packages' version", () => {
    const version = JSON.parse(readFileSync(join(root, 'packages', 'cli', 'package.json'), 'utf8')).version;
    const check = (tag: string) =>
      spawnSync('bash', ['-e', '-c', step("The tag is the packages' version").run!], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, GITHUB_REF_NAME: tag },
      });
    expect(check(`v${version}`).status).toBe(0);
    const wrong = check('v99.0.0');
    expect(wrong.status).toBe(1);
    expect(wrong.stdout).toContain(`the tag is v99.0.0 but the packages are at ${version}`);
  });
});
