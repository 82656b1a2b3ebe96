import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalizeOptions, DEFAULTS } from '../src/options.cjs';
import { benchTargets } from '../src/targets.cjs';
import { groupByProject, projectRootOf } from '../src/project-root.cjs';
import plugin from '../src/index.cjs';
import { writeFiles } from './helpers.js';

describe('plugin options', () => {
  it('fills the defaults: the README targets, origin/main, and no threshold (the CLI owns its default)', () => {
    expect(normalizeOptions(undefined)).toEqual({
      benchTargetName: 'bench',
      recordTargetName: 'bench-record',
      compareTargetName: 'bench-compare',
      buildTargetName: 'build',
      base: 'origin/main',
    });
    expect(benchTargets(normalizeOptions(undefined))['bench']?.options).toEqual({ command: 'frozen-duckdb bench .', cwd: '{projectRoot}' });
    expect(normalizeOptions({ threshold: 15, base: 'upstream/dev' })).toMatchObject({ threshold: 15, base: 'upstream/dev', benchTargetName: 'bench' });
  });

  it.each([
    [{ threshold: '10' }, /"threshold" must be a percentage between 0 and 100, e\.g\. 10; got "10"/],
    [{ threshold: 100 }, /"threshold" must be a percentage/],
    [{ base: '--all' }, /"base" must be a git ref such as "origin\/main"; got "--all"/],
    [{ benchTargetName: 'has space' }, /"benchTargetName" must be a target name such as "bench"/],
    [{ benchTargetName: 'perf', compareTargetName: 'perf' }, /the three target names must differ; got perf, bench-record, perf/],
    [{ buildTargetName: 'bench' }, /"buildTargetName" \(bench\) must not be one of the benchmark targets/],
    [{ treshold: 10 }, /unknown option "treshold"; known: benchTargetName, .*threshold/],
    [['bench'], /"options" must be an object/],
  ])('rejects %j, naming the option and nx.json', (options, message) => {
    expect(() => normalizeOptions(options)).toThrow(message);
    expect(() => normalizeOptions(options)).toThrow(/@frozen-duckdb\/nx-plugin: .*in the "plugins" entry of nx\.json/);
  });
});

describe('inferred targets', () => {
  const targets = benchTargets({ ...DEFAULTS, threshold: 12, base: 'origin/trunk', compareTargetName: 'perf-pr' });

  it('runs the CLI in the project root, never cached, not beside other tasks, after the builds', () => {
    expect(Object.keys(targets)).toEqual(['bench', 'bench-record', 'perf-pr']);
    expect(targets['bench']?.options).toEqual({ command: 'frozen-duckdb bench .', cwd: '{projectRoot}', threshold: 12 });
    expect(targets['bench-record']?.options).toEqual({ command: 'frozen-duckdb baseline record .', cwd: '{projectRoot}', threshold: 12 });
    expect(targets['perf-pr']?.options).toEqual({ command: 'frozen-duckdb compare .', cwd: '{projectRoot}', base: 'origin/trunk', threshold: 12 });
    for (const target of Object.values(targets)) {
      expect(target.executor).toBe('nx:run-commands');
      expect(target.cache).toBe(false);
      expect(target.parallelism).toBe(false);
      expect(target.dependsOn).toEqual(['^build', 'build']);
    }
  });

  it('points each target at the help of the command it runs', () => {
    expect(targets['bench-record']?.metadata.help.command).toBe('npx frozen-duckdb baseline record --help');
    expect(targets['perf-pr']?.metadata.help.command).toBe('npx frozen-duckdb compare --help');
  });

  it('depends on the configured build target', () => {
    expect(benchTargets({ ...DEFAULTS, buildTargetName: 'compile' })['bench']?.dependsOn).toEqual(['^compile', 'compile']);
  });
});

describe('which project a suite belongs to', () => {
  const ws = mkdtempSync(join(tmpdir(), 'nx-plugin-roots-'));
  writeFiles(ws, {
    'package.json': '{}',
    'apps/web/package.json': '{}',
    'apps/web/src/deep/a.bench.ts': '',
    'libs/json-only/project.json': '{}',
    'libs/json-only/b.bench.ts': '',
    'scripts/loose.bench.ts': '',
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('is the nearest folder with a package.json or project.json', () => {
    expect(projectRootOf('apps/web/src/deep/a.bench.ts', ws)).toBe('apps/web');
    expect(projectRootOf('libs/json-only/b.bench.ts', ws)).toBe('libs/json-only');
  });

  it('is none for folders the CLI skips, and for the workspace root without project.json', () => {
    expect(projectRootOf('apps/web/node_modules/x/c.bench.ts', ws)).toBeUndefined();
    expect(projectRootOf('apps/web/dist/c.bench.ts', ws)).toBeUndefined();
    expect(projectRootOf('apps/web/.cache/c.bench.ts', ws)).toBeUndefined();
    expect(projectRootOf('scripts/loose.bench.ts', ws)).toBeUndefined();
  });

  it('gives one result per project, however many suites it has', async () => {
    const grouped = groupByProject(['apps/web/src/z.bench.ts', 'apps/web/src/deep/a.bench.ts', 'libs/json-only/b.bench.ts'], ws);
    expect([...grouped]).toEqual([
      ['apps/web', ['apps/web/src/deep/a.bench.ts', 'apps/web/src/z.bench.ts']],
      ['libs/json-only', ['libs/json-only/b.bench.ts']],
    ]);
    const [pattern, createNodes] = plugin.createNodes;
    expect(pattern).toBe('**/*.bench.{ts,mts,js,mjs}');
    const results = await createNodes(
      ['apps/web/src/z.bench.ts', 'apps/web/src/deep/a.bench.ts', 'apps/web/src/types.bench.d.ts'],
      { threshold: 20 },
      { workspaceRoot: ws, nxJsonConfiguration: {} },
    );
    expect(results).toHaveLength(1);
    expect(results[0]?.[0]).toBe('apps/web/src/deep/a.bench.ts');
    expect(results[0]?.[1].projects?.['apps/web']?.targets?.['bench']?.options).toMatchObject({ threshold: 20 });
    expect(plugin.createNodesV2).toBe(plugin.createNodes);
  });

  it('adds a target per suite file, relative to the project, and one that runs them all', async () => {
    const [, createNodes] = plugin.createNodes;
    const results = await createNodes(['apps/web/src/z.bench.ts', "apps/web/src/it's.bench.ts"], {}, { workspaceRoot: ws, nxJsonConfiguration: {} });
    const targets = results[0]?.[1].projects?.['apps/web']?.targets ?? {};
    expect(targets['bench-compare--src/z.bench.ts']?.options).toMatchObject({
      command: 'frozen-duckdb compare . --file src/z.bench.ts',
      base: 'origin/main',
      cwd: '{projectRoot}',
    });
    expect(targets['bench--src/z.bench.ts']?.options).toMatchObject({ command: 'frozen-duckdb bench . --file src/z.bench.ts' });
    expect(targets["bench--src/it's.bench.ts"]?.options?.command).toBe("frozen-duckdb bench . --file 'src/it'\\''s.bench.ts'");
    expect(targets['bench-compare-ci']).toMatchObject({ executor: 'nx:noop', cache: false });
    expect(targets['bench-compare-ci']?.dependsOn).toEqual([
      { target: "bench-compare--src/it's.bench.ts", projects: 'self', params: 'forward' },
      { target: 'bench-compare--src/z.bench.ts', projects: 'self', params: 'forward' },
    ]);
  });
});
