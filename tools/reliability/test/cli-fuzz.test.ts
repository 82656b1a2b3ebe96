/**
 * Every command fuzzed with random and malformed arguments (seeded): thousands of cases through the
 * in-process entry main(argv, io), a few hundred as real child processes. Runs in a folder of fixtures
 * (see fuzzFolder) with an nx.json, so no upward search leaves it; guardCase keeps paths inside it and
 * caps the work a valid command line can start (see its comment).
 */
import { writeFileSync } from 'node:fs';
import { generateCase, guardCase, type CommandInfo } from '../src/args.js';
import { runCli } from '../../testing/run-cli.js';
import { describeCommands, runInProcess } from '../src/driver.js';
import { recordFigures, tally } from '../src/figures.js';
import { fillFuzzFolder, fuzzFolder, isolatedEnv } from '../src/fixtures.js';
import { changes, removeDir, snapshot, tempDir } from '../src/files.js';
import { explanation, violations, type Outcome } from '../src/outcome.js';
import { processesMarked, newMark, waitForNoneMarked } from '../src/processes.js';
import { Random, seedFromEnv } from '../src/random.js';

const IN_PROCESS = Number(process.env['RELIABILITY_FUZZ_CASES'] ?? 3000);
const CHILDREN = Number(process.env['RELIABILITY_FUZZ_CHILDREN'] ?? 300);
const SEED = seedFromEnv(20240607);
const CASE_TIMEOUT_MS = 30_000;

let commands: CommandInfo[];
let home: string;
beforeAll(() => {
  home = tempDir('fuzz-home');
  commands = describeCommands(home);
});
afterAll(() => removeDir(home));

function cases(seed: number, count: number, root: string): { argv: string[]; guarded: string[] }[] {
  const rng = new Random(seed);
  return Array.from({ length: count }, () => guardCase(generateCase(rng, commands), root));
}

/** The command a case names ('baseline record'), or '(unknown)'. */
function commandOf(argv: string[]): string {
  const known = commands.filter((c) => c.path.every((p, i) => argv[i] === p || (i === 0 && c.aliases.includes(argv[0] ?? ''))));
  return known.sort((a, b) => b.path.length - a.path.length)[0]?.path.join(' ') ?? '(unknown)';
}

describe('CLI fuzz', () => {
  it(`${IN_PROCESS} seeded cases through main(): exit 0-3, no stack trace, a usage line or fix on exit 2, nothing written on failure`, async () => {
    const root = fuzzFolder('fuzz');
    const mark = newMark('fuzz-main');
    try {
      const generated = cases(SEED, IN_PROCESS, root);
      const started = performance.now();
      const { replies, leaked } = await runInProcess(generated, root, isolatedEnv(home, { [mark.key]: mark.value }), CASE_TIMEOUT_MS);
      const seconds = (performance.now() - started) / 1000;
      const outcomes = replies.map((r) => ({ ...r, argv: generated[r.index]!.argv }));
      const broken = outcomes.map((o) => ({ argv: o.argv, problems: violations(o), stderr: o.stderr.slice(0, 600) })).filter((o) => o.problems.length);
      const left = await waitForNoneMarked(mark, 5000);
      recordFigures('cli-fuzz', {
        inProcess: {
          seed: SEED,
          cases: outcomes.length,
          guarded: generated.filter((c) => c.guarded.length).length,
          seconds: Number(seconds.toFixed(1)),
          exitCodes: tally(outcomes, (o) => String(o.code)),
          exit2Explained: tally(
            outcomes.filter((o) => o.code === 2),
            (o) => explanation(o),
          ),
          byCommand: tally(outcomes, (o) => commandOf(o.argv)),
          slowestMs: Math.round(Math.max(...replies.map((r) => r.ms))),
          violations: broken.length,
          firstViolations: broken.slice(0, 20),
          leakedOutputBytes: leaked.length,
        },
      });
      expect(broken.slice(0, 10)).toEqual([]);
      expect(outcomes).toHaveLength(IN_PROCESS);
      expect(left).toEqual([]);
      // Everything must go through io.stdout/io.stderr: a line written straight to the process's streams is a leak.
      expect(leaked).toBe('');
    } finally {
      removeDir(root);
    }
  }, 600_000);

  it(`${CHILDREN} seeded cases as real processes: the same rules, and no process left behind`, async () => {
    const mark = newMark('fuzz-child');
    const roots = [fuzzFolder('fuzz-child-a'), fuzzFolder('fuzz-child-b')];
    try {
      const generated = cases(SEED + 1, CHILDREN, roots[0]!);
      const outcomes: (Outcome & { ms: number })[] = [];
      const started = performance.now();
      // Two lanes, one folder each: a case's changes are checked against its own folder.
      await Promise.all(
        roots.map(async (root, lane) => {
          const before = snapshot(root);
          for (let i = lane; i < generated.length; i += roots.length) {
            const argv = generated[i]!.argv;
            const run = await runCli(argv, { cwd: root, env: isolatedEnv(home, { [mark.key]: mark.value }), timeoutMs: CASE_TIMEOUT_MS });
            const after = snapshot(root);
            const changed = changes(before, after);
            if (changed.length) {
              // A successful run may write; put the folder back for the next case.
              fillFuzzFolder(root);
            }
            outcomes.push({ argv, code: run.code, stdout: run.stdout, stderr: run.stderr, changed, timedOut: run.timedOut, ms: run.ms });
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      if (process.env['RELIABILITY_DUMP']) require_dump(outcomes);
      const left = await waitForNoneMarked(mark, 5000);
      const broken = outcomes.map((o) => ({ argv: o.argv, problems: violations(o), stderr: o.stderr.slice(0, 600) })).filter((o) => o.problems.length);
      recordFigures('cli-fuzz', {
        childProcesses: {
          seed: SEED + 1,
          cases: outcomes.length,
          seconds: Number(seconds.toFixed(1)),
          exitCodes: tally(outcomes, (o) => String(o.code)),
          exit2Explained: tally(
            outcomes.filter((o) => o.code === 2),
            (o) => explanation(o),
          ),
          violations: broken.length,
          firstViolations: broken.slice(0, 20),
          processesLeft: left.length,
        },
      });
      expect(broken.slice(0, 10)).toEqual([]);
      expect(left).toEqual([]);
      expect(processesMarked(mark)).toEqual([]);
    } finally {
      for (const root of roots) removeDir(root);
    }
  }, 600_000);
});

function require_dump(outcomes: Outcome[]): void {
  writeFileSync(
    process.env['RELIABILITY_DUMP']!,
    outcomes.map((o) => JSON.stringify({ argv: o.argv.map((a) => a.slice(0, 60)), code: o.code, err: o.stderr.slice(0, 300), changed: o.changed })).join('\n'),
  );
}
