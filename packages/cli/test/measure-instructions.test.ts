// --measure instructions without valgrind: exit 2 before anything is measured, naming how to install it.
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliSync } from '../../../tools/testing/run-cli.js';
import { scratchProject } from '../../../tools/testing/scratch-project.js';

const SUITE = `import { defineSuite } from '@frozen-duckdb/bench';
export default defineSuite({ name: 'tiny', benchmarks: { one: (ctx) => ctx.connection.query('SELECT 1') } });
`;

describe('--measure instructions', () => {
  const project = scratchProject('fd-measure-', { files: { 'tiny.bench.ts': SUITE } });
  // A PATH with git and node but no valgrind: the real one with valgrind's folder left out would also drop git.
  const bin = mkdtempSync(join(tmpdir(), 'fd-measure-bin-'));
  for (const tool of ['git', 'setarch']) {
    const path = ['/usr/bin', '/bin', '/usr/local/bin'].map((d) => join(d, tool)).find((p) => existsSync(p));
    if (path) symlinkSync(path, join(bin, tool));
  }
  const env = { PATH: bin };

  afterAll(() => {
    rmSync(project, { recursive: true, force: true });
    rmSync(bin, { recursive: true, force: true });
  });

  it.each([
    ['compare', ['compare', project, '--base', 'main', '--measure', 'instructions']],
    ['bench', ['bench', project, '--no-baseline', '--measure', 'instructions']],
    ['baseline record', ['baseline', 'record', project, '--measure', 'instructions']],
  ])('%s exits 2 and says how to install valgrind when it is missing', (_, args) => {
    const run = runCliSync(args, { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/valgrind is not on PATH/);
    expect(run.stderr).toMatch(/apt-get install valgrind/);
    expect(run.stdout).toBe('');
  });

  it('refuses another measure and a threshold without --measure', () => {
    const other = runCliSync(['compare', project, '--base', 'main', '--measure', 'cycles']);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/--measure takes 'instructions'/);
    const alone = runCliSync(['compare', project, '--base', 'main', '--instructions-threshold', '2']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/--instructions-threshold needs --measure instructions/);
  });

  it('doctor says whether valgrind is there', () => {
    const run = runCliSync(['doctor', project, '--offline', '--json'], { env: { PATH: bin } });
    const report = JSON.parse(run.stdout) as { checks: { name: string; status: string; fix: string }[] };
    const line = report.checks.find((c) => c.name === 'valgrind (instruction counts)');
    expect(line).toMatchObject({ status: 'warn' });
    expect(line?.fix).toMatch(/apt-get install valgrind/);
  });
});
