// Every file argument of every command (read from the command specs, so a new one is covered or this
// test fails) given a folder, a missing folder, a path under a file, a place root cannot write
// (/proc/self: these tests run as root, where permission bits stop nothing) and an existing file:
// an exit code of 0-3, never a stack trace, a fix or usage line on exit 2, nothing written on failure.
// Through main() in this process, so that the whole matrix stays cheap; the reliability campaign
// (tools/reliability) runs it with the slow commands too, as real processes.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commands } from '../src/commands/index.js';
import type { Command } from '../src/command.js';
import { FILE_ARGUMENT_LINES, fileArgumentLine, MEASURING, SMALL_COMPARISON } from './file-argument-lines.js';
import { runMain } from './run-main.js';
import { commitAll, scratchProject } from '../../../tools/testing/scratch-project.js';

/** A command's file arguments: flags whose value is a FILE, DIR or PATH, and its positionals. */
function fileArguments(): { path: string[]; argument: string }[] {
  const out: { path: string[]; argument: string }[] = [];
  const walk = (command: Command, path: string[]) => {
    const here = [...path, command.name];
    if (command.run) {
      for (const [name, spec] of Object.entries(command.options ?? {}))
        if (/FILE|DIR|PATH/.test(spec.value ?? '')) out.push({ path: here, argument: `--${name}` });
      for (const name of new Set(command.positionals ?? [])) out.push({ path: here, argument: name });
    }
    for (const sub of command.subcommands ?? []) walk(sub, here);
  };
  for (const command of commands) walk(command, []);
  return out;
}

// The measuring commands run here only with these places for an output, which they must refuse before
// measuring; the reliability campaign runs every place of every argument.
const REFUSED_FIRST = ['a folder', 'a missing folder', 'a path under a file', '/proc/self'];

const KINDS: Record<string, (world: string) => string> = {
  'a folder': (w) => join(w, 'folder'),
  'a missing folder': (w) => join(w, 'missing', 'deeper', 'x.out'),
  'a path under a file': (w) => join(w, 'file.txt', 'x.out'),
  '/proc/self': () => '/proc/self/x.out',
  'an existing file': (w) => join(w, 'file.txt'),
};

let world: string;
const fixtures: Record<string, string> = {};

const env = (home: string): NodeJS.ProcessEnv => {
  const e: NodeJS.ProcessEnv = { ...process.env, HOME: home, FORCE_COLOR: '0', NO_COLOR: '1', FROZEN_DUCKDB_HISTORY: 'off', OLLAMA_HOST: '127.0.0.1:9' };
  for (const key of ['GITHUB_ENV', 'GITHUB_STEP_SUMMARY', 'OLLAMA_API_KEY']) delete e[key];
  return e;
};

const run = (argv: string[]) => runMain(argv, { cwd: world, env: env(join(world, 'home')) });

/** Every entry under the world folder with its content hash: what a failed run must leave as it was. */
function snapshot(dir = world, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = `${prefix}${entry.name}`;
    if (rel === 'home' || rel === 'project/.git') continue;
    if (entry.isDirectory()) {
      out.set(rel, 'dir');
      for (const [k, v] of snapshot(join(dir, entry.name), `${rel}/`)) out.set(k, v);
    } else if (entry.isFile())
      out.set(
        rel,
        createHash('sha1')
          .update(readFileSync(join(dir, entry.name)))
          .digest('hex'),
      );
  }
  return out;
}

function changes(before: Map<string, string>, after: Map<string, string>): string[] {
  const out = [...after].filter(([k, v]) => before.get(k) !== v).map(([k]) => `+ ${k}`);
  for (const k of before.keys()) if (!after.has(k)) out.push(`- ${k}`);
  return out;
}

/** A fixture's path: `world/x` in the test's folder, the others made in beforeAll. */
const fixture = (name: string) => (name.startsWith('world/') ? join(world, name.slice(6)) : (fixtures[name] as string));

beforeAll(async () => {
  world = mkdtempSync(join(tmpdir(), 'cli-file-arguments-'));
  mkdirSync(join(world, 'home'));
  mkdirSync(join(world, 'folder'));
  writeFileSync(join(world, 'file.txt'), 'just text\n');
  writeFileSync(join(world, 'nx.json'), '{}');
  writeFileSync(join(world, 'input.csv'), 'id,name\n1,a\n');
  const project = scratchProject('', {
    dir: join(world, 'project'),
    files: { 'demo.bench.ts': "export default { name: 'demo', benchmarks: { a: () => {}, b: () => {} } };\n" },
  });
  commitAll(project, 'first');
  fixtures['project'] = project;
  fixtures['history'] = join(world, 'history.duckdb');
  fixtures['tpch'] = join(world, 'tpch');
  fixtures['comparison'] = join(world, 'comparison.json');
  writeFileSync(fixtures['comparison'], SMALL_COMPARISON);

  const made = [
    await run(['history', 'import', fixtures['comparison'], '--history', fixtures['history']]),
    await run(['download', '--dataset', 'tpch', '--scale', '0.01', '--format', 'parquet', '--seed', '1', '--output-dir', fixtures['tpch']]),
  ];
  for (const m of made) if (m.code !== 0) throw new Error(m.stderr);
}, 180_000);
afterAll(() => rmSync(world, { recursive: true, force: true }));

describe('every file argument of every command', () => {
  const all = fileArguments();

  it('has a base command line here, so that a new command or file flag is tested from the day it is added', () => {
    expect(all.length).toBeGreaterThan(30);
    expect([...new Set(all.map((a) => a.path.join(' ')))].filter((p) => !(p in FILE_ARGUMENT_LINES))).toEqual([]);
  });

  const cases = all.flatMap(({ path, argument }) =>
    Object.keys(KINDS)
      .filter((kind) => !MEASURING.has(path.join(' ')) || (argument.startsWith('--') && argument !== '--history' && REFUSED_FIRST.includes(kind)))
      .map((kind) => ({ name: `${path.join(' ')} ${argument} <${kind}>`, path, argument, kind })),
  );

  it.each(cases)(
    '$name: exit 0-3, no stack trace, a fix on exit 2, nothing written on failure',
    async ({ path, argument, kind }) => {
      const argv = fileArgumentLine(path, argument, (KINDS[kind] as (w: string) => string)(world), fixture);
      const before = snapshot();
      const result = await run(argv);
      const changed = changes(before, snapshot());
      // Put the world back for the next case: what a run added goes, the file it may replace is rewritten.
      for (const line of changed) if (line.startsWith('+ ') && !before.has(line.slice(2))) rmSync(join(world, line.slice(2)), { recursive: true, force: true });
      writeFileSync(join(world, 'file.txt'), 'just text\n');
      const said = `${argv.join(' ')}\n${result.stderr}`;
      expect({ said, code: [0, 1, 2, 3].includes(result.code) }).toEqual({ said, code: true });
      expect({ said, stack: /^\s+at /m.test(result.stderr + result.stdout) }).toEqual({ said, stack: false });
      if (result.code === 2) expect({ said, explained: /^(fix|usage): /m.test(result.stderr) }).toEqual({ said, explained: true });
      if (result.code !== 0) expect({ said, changed }).toEqual({ said, changed: [] });
      // An output in a place no file can go is refused, whatever the command.
      if (MEASURING.has(path.join(' '))) expect({ said, code: result.code }).toEqual({ said, code: 2 });
    },
    120_000,
  );
});
