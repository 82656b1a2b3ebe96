import { resolve } from 'node:path';
import { checkOutputs, writeFileAtomic } from '@frozen-duckdb/files';
import {
  calibrate as runCalibration,
  calibrateChanges,
  calibrationMarkdown,
  changesCalibrationMarkdown,
  type ChangesCalibrationReport,
} from '@frozen-duckdb/regress';
import { fileFlags, positiveInteger, positiveNumber, UsageError, type Command, type CommandContext } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { GATE_OPTIONS, gateSettings } from '../gate-options.js';

export const calibrate: Command = {
  name: 'calibrate',
  summary: 'Measure the gate on this machine: false alarms on identical code, detection of injected slowdowns',
  positionals: ['PROJECT_DIR'],
  options: {
    trials: { type: 'string', value: 'N', description: 'Comparisons per level (default 5)' },
    levels: { type: 'string', value: 'PCTS', description: 'Injected slowdowns in percent besides 0 (default 5,10,15,20)' },
    'cpu-hog': { type: 'boolean', description: 'Keep one core busy the whole time, as a noisy neighbour would' },
    changes: { type: 'string', value: 'DIR', description: 'Calibrate on real changes instead: a folder with one subfolder per change (base.ts, variant.ts)' },
    'truth-processes': { type: 'string', value: 'N', description: "With --changes: processes that measure each change's size without the gate (default 4)" },
    'truth-seconds': {
      type: 'string',
      value: 'SECONDS',
      description: 'With --changes: how long each of those processes alternates base and variant (default 15)',
    },
    'remeasure-truth': { type: 'boolean', description: "With --changes: measure every change's size again, even when truth.json has it for this machine" },
    'truth-only': { type: 'boolean', description: "With --changes: measure (or show) each change's size without the gate, and compare nothing" },
    ...GATE_OPTIONS,
    markdown: { type: 'string', value: 'FILE', description: 'Write the report as Markdown' },
    json: { type: 'string', value: 'FILE', description: 'Write every trial as JSON' },
  },
  details: `Compares HEAD with itself (A/A) and with a CPU slowdown injected into every timed iteration of the
candidate, and prints per benchmark the false-alarm rate, the detection rate per level, the realized size
of each injection, the naive gate's rates on the same data, and which benchmarks are too noisy to gate.
Run it once per CI runner type. Exit 0 when every benchmark can be gated, 1 when some should be quarantined.

With --changes DIR it calibrates on real code changes instead (the project's corpus is benchmarks/changes):
each change is a folder holding base.ts and variant.ts, the same one-benchmark suite before and after the
change (files at DIR's top level are shared helpers they import as ../name.js). Each change becomes a
two-commit repository compared --trials times. Its true size is measured without the gate: both suites set
up in one process, batches alternating for --truth-seconds, in --truth-processes fresh processes; it is
stored per machine in DIR/truth.json and measured again when missing or when the files changed. --filter
picks changes by folder name. The report gives per change the truth with its interval, the fail and
inconclusive rates, and the mean and spread of the gate's estimate minus the truth. Exit 1 when a change
whose whole truth interval is under +3% was failed, or one whose whole interval is over +20% was passed.`,
  async run(ctx) {
    if (ctx.values.changes !== undefined) return runOnChanges(ctx);
    for (const flag of ['truth-processes', 'truth-seconds', 'remeasure-truth', 'truth-only']) {
      if (ctx.values[flag] !== undefined) throw new UsageError(`--${flag} works with --changes DIR only`, 'add --changes DIR, or leave the flag out');
    }
    const settings = gateSettings(ctx);
    const levels = parseLevels(ctx.values.levels);
    const write = reportWriter(ctx);
    const report = await runCalibration({
      ...settings,
      levels: [0, ...levels],
      trials: positiveInteger('trials', ctx.values.trials, 5),
      cpuHog: Boolean(ctx.values['cpu-hog']),
      onProgress: (message) => ctx.stderr.write(`${message}\n`),
    });
    write(calibrationMarkdown(report), report);
    return report.benchmarks.some((b) => b.quarantine) ? EXIT.failed : EXIT.ok;
  },
};

/**
 * Checks --markdown and --json before calibrating (it takes many minutes), resolved against the
 * command's folder; returns what prints the report and writes those files.
 */
function reportWriter(ctx: CommandContext): (markdown: string, report: object) => void {
  const markdownFile = typeof ctx.values.markdown === 'string' ? resolve(ctx.cwd, ctx.values.markdown) : undefined;
  const jsonFile = typeof ctx.values.json === 'string' ? resolve(ctx.cwd, ctx.values.json) : undefined;
  checkOutputs({ outputs: fileFlags(ctx, ['markdown', 'json']) });
  return (markdown, report) => {
    ctx.stdout.write(markdown);
    if (markdownFile) writeFileAtomic(markdownFile, markdown);
    if (jsonFile) writeFileAtomic(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
  };
}

async function runOnChanges(ctx: CommandContext): Promise<number> {
  if (ctx.positionals.length)
    throw new UsageError(`--changes DIR replaces PROJECT_DIR; got both (${ctx.positionals[0]})`, 'leave PROJECT_DIR out: each change brings its own suite');
  for (const flag of ['levels', 'file']) {
    if (ctx.values[flag] !== undefined)
      throw new UsageError(`--${flag} does not apply with --changes: each change is its own suite and its own size`, `leave --${flag} out`);
  }
  const { projectDir: _unused, filter, files: _files, ...settings } = gateSettings(ctx);
  const write = reportWriter(ctx);
  const report = await calibrateChanges({
    ...settings,
    corpusDir: resolve(ctx.cwd, String(ctx.values.changes)),
    ...(filter ? { only: filter } : {}),
    trials: positiveInteger('trials', ctx.values.trials, 5),
    cpuHog: Boolean(ctx.values['cpu-hog']),
    truth: {
      processes: positiveInteger('truth-processes', ctx.values['truth-processes'], 4),
      seconds: positiveNumber('truth-seconds', ctx.values['truth-seconds'], 15),
      remeasure: Boolean(ctx.values['remeasure-truth']),
    },
    truthOnly: Boolean(ctx.values['truth-only']),
    onProgress: (message) => ctx.stderr.write(`${message}\n`),
  });
  write(changesCalibrationMarkdown(report), report);
  return gateWasWrong(report) ? EXIT.failed : EXIT.ok;
}

/** A clear no-op failed, or a clear large slowdown passed: the two errors no noise excuses. */
function gateWasWrong(report: ChangesCalibrationReport): boolean {
  return report.changes.some(
    (c) => (c.truth.high <= 1.03 && c.trials.some((t) => t.status === 'regressed')) || (c.truth.low > 1.2 && c.trials.some((t) => t.status === 'ok')),
  );
}

function parseLevels(value: unknown): number[] {
  if (value === undefined) return [0.05, 0.1, 0.15, 0.2];
  const parts = String(value)
    .split(',')
    .map((p) => p.trim().replace(/%$/, ''));
  const levels = parts.map(Number);
  if (parts.some((p) => p === '') || levels.some((l) => !Number.isFinite(l) || l <= 0 || l > 500)) {
    throw new UsageError(`--levels must be percentages above 0 separated by commas, e.g. 5,10,20; got ${JSON.stringify(value)}`);
  }
  return [...new Set(levels)].sort((a, b) => a - b).map((l) => l / 100);
}
