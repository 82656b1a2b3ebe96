// .github/workflows/bench.yml cannot run here: it is parsed, its shape checked, its shell snippets run
// in bash, and every nx / frozen-duckdb command in it checked against this workspace's targets and the
// options the CLI declares (its --help). The same for the workflow `frozen-duckdb init` writes for a
// project without Nx: both are renderings of one template.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workflowSource } from 'frozen-duckdb/init';
import { parse } from 'yaml';
import { CLI, REPO, nx, run } from './helpers.js';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  if?: string;
  permissions?: Record<string, string>;
  steps: Step[];
}

type Workflow = { on: Record<string, any>; jobs: Record<string, Job>; env: Record<string, string> };

const flavors = [
  {
    label: "this repository's bench.yml (Nx project benchmarks)",
    text: readFileSync(join(REPO, '.github', 'workflows', 'bench.yml'), 'utf8'),
    compare: 'npx nx run benchmarks:bench-compare',
    bench: 'npx nx run benchmarks:bench',
    calibrate: 'npx frozen-duckdb calibrate benchmarks',
  },
  {
    label: 'the workflow of `frozen-duckdb init` (suites in bench/)',
    text: workflowSource({ runner: 'npm', dir: 'bench' }),
    compare: 'npx frozen-duckdb compare bench',
    bench: 'npx frozen-duckdb bench bench',
    calibrate: 'npx frozen-duckdb calibrate bench',
  },
];

describe.each(flavors)('$label', (flavor) => {
  const workflow = parse(flavor.text) as Workflow;
  const steps = (job: string) => workflow.jobs[job]?.steps ?? [];
  const step = (job: string, name: string) => {
    const found = steps(job).find((s) => s.name === name);
    if (!found) throw new Error(`no step "${name}" in job ${job}`);
    return found;
  };

  it('shards pull-request comparisons when BENCH_SHARDS is set, and merges the shards in the compare job', () => {
    const shard = workflow.jobs['compare-shard'] as Job & { strategy: { matrix: { shard: string } }; needs?: string };
    expect(shard.if).toBe("github.event_name == 'pull_request' && vars.BENCH_SHARDS != ''");
    expect(shard.strategy.matrix.shard).toBe("${{ fromJSON(vars.BENCH_SHARDS || '[1]') }}");
    expect(step('compare-shard', 'Compare this shard side by side').run).toContain(`${flavor.compare} --base="origin/$BASE_REF" --shard="$SHARD"`);
    expect((workflow.jobs['compare'] as Job & { needs?: string }).needs).toBe('compare-shard');
    // Runs when the shards were skipped too: then it compares every suite itself.
    expect(workflow.jobs['compare']?.if).toBe("always() && github.event_name == 'pull_request'");
    expect(step('compare', 'Collect the shards').with).toMatchObject({ pattern: 'bench-shard-*' });
    expect(step('compare', 'Compare side by side').run).toContain('npx frozen-duckdb merge-shards "$RUNNER_TEMP"/shards/*/bench-shard.json');
  });

  it('gates on instruction counts too when BENCH_INSTRUCTIONS is true, installing valgrind before comparing', () => {
    expect(workflow.env['MEASURE']).toBe("${{ vars.BENCH_INSTRUCTIONS == 'true' && '--measure=instructions' || '' }}");
    for (const [job, compareStep] of [
      ['compare', 'Compare side by side'],
      ['compare-shard', 'Compare this shard side by side'],
    ] as const) {
      const names = steps(job).map((s) => s.name);
      const install = step(job, 'Install valgrind (instruction counts)');
      expect(install.if).toBe("vars.BENCH_INSTRUCTIONS == 'true'");
      expect(install.run).toContain('apt-get install -y -qq valgrind');
      expect(names.indexOf('Install valgrind (instruction counts)')).toBeLessThan(names.indexOf(compareStep));
      const line = (step(job, compareStep).run ?? '').split('\n').find((l) => l.includes(flavor.compare)) ?? '';
      expect(line.split(/\s+/)).toContain('$MEASURE');
    }
    // Unset, $MEASURE is empty and unquoted: no argument at all.
    const args = spawnSync('bash', ['-c', 'set -- x $MEASURE; echo $#'], { env: { ...process.env, MEASURE: '' }, encoding: 'utf8' });
    expect(args.stdout.trim()).toBe('1');
  });

  it('compares pull requests and records pushes to main', () => {
    expect(workflow.on).toHaveProperty('pull_request');
    expect(workflow.on['push'].branches).toEqual(['main']);
    expect(workflow.jobs['compare']?.if).toContain("github.event_name == 'pull_request'");
    expect(workflow.jobs['record']?.if).toContain("github.event_name == 'push'");
    expect(workflow.jobs['compare']?.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    // calibrate runs on demand, instead of a bench on main.
    expect(workflow.on['workflow_dispatch'].inputs.calibrate).toMatchObject({ type: 'boolean', default: false });
    expect(workflow.jobs['calibrate']?.if).toBe("github.event_name == 'workflow_dispatch' && inputs.calibrate");
    expect(workflow.jobs['record']?.if).toContain('!inputs.calibrate');
  });

  it.each(['compare', 'record', 'calibrate'])('%s: full history, Node 20, npm ci before anything runs', (job) => {
    const list = steps(job);
    const checkout = list.findIndex((s) => s.uses?.startsWith('actions/checkout@'));
    const node = list.findIndex((s) => s.uses?.startsWith('actions/setup-node@'));
    const install = list.findIndex((s) => s.run === 'npm ci');
    expect(list[checkout]?.with?.['fetch-depth']).toBe(0);
    expect(list[node]?.with?.['node-version']).toBe(20);
    expect(checkout).toBeLessThan(node);
    expect(node).toBeLessThan(install);
    const firstCommand = list.findIndex((s) => /npx (nx|frozen-duckdb)/.test(s.run ?? ''));
    expect(install).toBeLessThan(firstCommand);
  });

  it.each(['compare-shard', 'compare', 'record', 'calibrate'])(
    '%s: checks the engine (doctor, then link-check --verify) after npm ci and before measuring',
    (job) => {
      const list = steps(job);
      const check = list.findIndex((s) => s.name === 'Check the engine');
      const install = list.findIndex((s) => s.run === 'npm ci');
      const measure = list.findIndex((s) => /(bench|compare|calibrate|merge-shards)\b/.test(s.run ?? '') && s.name !== 'Check the engine');
      expect(install).toBeGreaterThanOrEqual(0);
      expect([install < check, check < measure]).toEqual([true, true]);
      const lines = (list[check]?.run ?? '').split('\n').map((l) => l.trim());
      const doctor = lines.indexOf('npx frozen-duckdb doctor --offline');
      const verify = lines.indexOf('npx frozen-duckdb link-check --verify');
      expect([doctor >= 0, doctor < verify]).toEqual([true, true]);
    },
  );

  it('the engine check passes on this workspace and fails the step on a drifted engine', () => {
    const script = step('record', 'Check the engine').run ?? '';
    // As GitHub runs a bash step: -e, so the first failing command fails it.
    const bash = (env: NodeJS.ProcessEnv) =>
      spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
        cwd: REPO,
        env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...env },
        encoding: 'utf8',
      });
    const healthy = bash({});
    expect([healthy.status, healthy.stdout]).toEqual([0, expect.stringContaining('manifest: engine matches')]);
    // The environment names another DuckDB than the one installed: doctor fails, and the step stops there.
    const drifted = bash({ DUCKDB_VERSION: 'v0.10.0' });
    expect(drifted.status).toBe(1);
    expect(drifted.stdout).toMatch(/FAIL\s+env: DUCKDB_VERSION/);
    expect(drifted.stdout).not.toContain('manifest: engine matches');
  }, 60_000);

  it('compares against origin/<base branch> and posts the Markdown as a PR comment and in the summary', () => {
    const compare = step('compare', 'Compare side by side');
    expect(compare.env?.['BASE_REF']).toBe('${{ github.base_ref }}');
    expect(compare.run).toContain(`${flavor.compare} --base="origin/$BASE_REF"`);
    expect(compare.run).toContain('--markdown="$RUNNER_TEMP/bench-compare.md"');
    expect(compare.run).toContain('$GITHUB_STEP_SUMMARY');
    const comment = step('compare', 'Comment on the pull request');
    expect(comment.uses).toMatch(/^actions\/github-script@v\d+$/);
    expect(comment.env?.['REPORT']).toBe('${{ runner.temp }}/bench-compare.md');
    expect(String(comment.with?.['script'])).toContain('createComment');
  });

  it('records main to the history and uploads it as Parquet', () => {
    expect(step('record', 'Bench against the baseline').run).toContain(`${flavor.bench} --json="$RUNNER_TEMP/bench.json"`);
    expect(step('record', 'Restore the history').uses).toMatch(/^actions\/cache\/restore@/);
    expect(step('record', 'Save the history').uses).toMatch(/^actions\/cache\/save@/);
    // Pruned (and rewritten smaller) before the cache keeps it.
    const names = steps('record').map((s) => s.name);
    expect(names.indexOf('Prune the history')).toBe(names.indexOf('Save the history') - 1);
    expect(step('record', 'Prune the history').run).toBe('npx frozen-duckdb history prune --keep-runs="$HISTORY_KEEP_RUNS" --history="$FROZEN_DUCKDB_HISTORY"');
    expect(Number((workflow.jobs['record'] as Job & { env: Record<string, string> }).env['HISTORY_KEEP_RUNS'])).toBeGreaterThan(0);
    const upload = step('record', 'Keep the results and the history');
    expect(upload.if).toContain('always()');
    expect(String(upload.with?.['path'])).toContain('history-parquet/');
  });

  it('reads the verdict back from the comparison JSON: pass 0, fail 1, inconclusive 3, anything else (or no JSON) 2', () => {
    const line = (step('compare', 'Compare side by side').run ?? '').split('\n').find((l) => l.includes('node -e'));
    expect(line).toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), 'nx-plugin-verdict-'));
    try {
      const cases = [
        ['pass', '0'],
        ['fail', '1'],
        ['inconclusive', '3'],
        ['exploded', '2'],
        [undefined, '2'],
      ] as const;
      for (const [outcome, code] of cases) {
        // No outcome: a file cut short, which is no verdict either.
        const text = outcome === undefined ? '{"schema": "frozen-duckdb/comp' : JSON.stringify({ schema: 'frozen-duckdb/comparison', version: 1, outcome });
        writeFileSync(join(dir, 'bench-compare.json'), text);
        // FORCE_COLOR on, as some CI setups have it: the code must stay a bare digit.
        const result = spawnSync('bash', ['-c', `${line!.trim()}\necho "$code"`], {
          env: { ...process.env, RUNNER_TEMP: dir, FORCE_COLOR: '1' },
          encoding: 'utf8',
        });
        expect(result.stdout.trim()).toBe(code);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails the job on 1 and 2, passes 3 with a warning unless FAIL_ON_INCONCLUSIVE is true', () => {
    const gate = step('compare', 'Gate').run ?? '';
    const exit = (code: string, strict = workflow.env['FAIL_ON_INCONCLUSIVE']) =>
      spawnSync('bash', ['-e', '-c', gate], { env: { ...process.env, CODE: code, VERDICT: 'v', FAIL_ON_INCONCLUSIVE: strict }, encoding: 'utf8' });
    expect(exit('0').status).toBe(0);
    expect(exit('1').status).toBe(1);
    expect(exit('2').status).toBe(2);
    expect(exit('3').status).toBe(0);
    expect(exit('3').stdout).toContain('::warning title=Benchmarks inconclusive::');
    expect(exit('3', 'true').status).toBe(3);
  });

  it('runs only commands that exist here: the Nx targets, the CLI commands and every flag they are given', () => {
    const commands = Object.values(workflow.jobs)
      .flatMap((job) => job.steps)
      .flatMap((s) => (s.run ?? '').replace(/\\\n\s*/g, ' ').split('\n'))
      .map((l) => l.trim().replace(/^\{\s*/, ''))
      // $MEASURE as it is when the repository opts in to instruction counts: its flag is checked too.
      .map((l) => l.replace('$MEASURE', '--measure=instructions'))
      .filter((l) => /^npx (nx|frozen-duckdb) /.test(l));
    const starts = commands.map((l) => l.split(' ').slice(0, 4).join(' '));
    expect(starts).toEqual(
      expect.arrayContaining([flavor.compare, flavor.bench, 'npx frozen-duckdb history export', 'npx frozen-duckdb history prune', flavor.calibrate]),
    );
    const targets = new Map<string, Record<string, { options: { command?: string } }>>();
    for (const line of commands) {
      const words = line.split(/\s+/).filter((w) => !w.startsWith('>'));
      let cliArgs: string[];
      if (words[1] === 'nx') {
        expect(words[2]).toBe('run');
        const [project, target] = (words[3] ?? '').split(':') as [string, string];
        if (!targets.has(project)) {
          const shown = nx(REPO, ['show', 'project', project, '--json']);
          expect(shown.status).toBe(0);
          targets.set(project, JSON.parse(shown.output.slice(shown.output.indexOf('{'))).targets);
        }
        const command = targets.get(project)?.[target]?.options.command;
        expect(command).toMatch(/^frozen-duckdb /);
        // The target's command (without its project folder) and the flags the workflow adds.
        cliArgs = [...command!.split(' ').slice(1, -1), ...words.slice(4)];
      } else {
        cliArgs = words.slice(2);
      }
      const path = cliArgs.filter((w) => !w.startsWith('-'));
      const flags = cliArgs.filter((w) => w.startsWith('--')).map((w) => w.slice(2).split('=')[0]);
      const help = run(process.execPath, [CLI, ...path, '--help'], REPO);
      expect(help.status).toBe(0);
      const declared = new Set([...help.output.matchAll(/^\s+(?:-\w, )?--([\w-]+)/gm)].map((m) => m[1]));
      for (const flag of flags) {
        if (!declared.has(flag)) throw new Error(`\`${line}\`: frozen-duckdb ${path.join(' ')} has no --${flag}`);
      }
    }
  });
});
