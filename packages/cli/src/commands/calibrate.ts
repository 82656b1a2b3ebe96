import { resolve } from 'node:path';
import { checkOutputs, writeFileAtomic } from '@frozen-duckdb/files';
import { calibrate as runCalibration, calibrationMarkdown } from '@frozen-duckdb/regress';
import { fileFlags, positiveInteger, UsageError, type Command } from '../command.js';
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
    ...GATE_OPTIONS,
    markdown: { type: 'string', value: 'FILE', description: 'Write the report as Markdown' },
    json: { type: 'string', value: 'FILE', description: 'Write every trial as JSON' },
  },
  details: `Compares HEAD with itself (A/A) and with a CPU slowdown injected into every timed iteration of the
candidate, and prints per benchmark the false-alarm rate, the detection rate per level, the realized size
of each injection, the naive gate's rates on the same data, and which benchmarks are too noisy to gate.
Run it once per CI runner type. Exit 0 when every benchmark can be gated, 1 when some should be quarantined.`,
  async run(ctx) {
    const settings = gateSettings(ctx);
    const levels = parseLevels(ctx.values.levels);
    // Checked before calibrating (it takes many minutes), resolved against the command's folder.
    const markdownFile = typeof ctx.values.markdown === 'string' ? resolve(ctx.cwd, ctx.values.markdown) : undefined;
    const jsonFile = typeof ctx.values.json === 'string' ? resolve(ctx.cwd, ctx.values.json) : undefined;
    checkOutputs({ outputs: fileFlags(ctx, ['markdown', 'json']) });
    const report = await runCalibration({
      ...settings,
      levels: [0, ...levels],
      trials: positiveInteger('trials', ctx.values.trials, 5),
      cpuHog: Boolean(ctx.values['cpu-hog']),
      onProgress: (message) => ctx.stderr.write(`${message}\n`),
    });
    const markdown = calibrationMarkdown(report);
    ctx.stdout.write(markdown);
    if (markdownFile) writeFileAtomic(markdownFile, markdown);
    if (jsonFile) writeFileAtomic(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
    return report.benchmarks.some((b) => b.quarantine) ? EXIT.failed : EXIT.ok;
  },
};

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
