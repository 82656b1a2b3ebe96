import { resolve } from 'node:path';
import { checkOutputs, writeFileAtomic } from '@frozen-duckdb/files';
import { comparisonConsole, comparisonJson, comparisonMarkdown, compare as compareSides, gateOutcome } from '@frozen-duckdb/regress';
import { fileFlags, requiredString, type Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { GATE_OPTIONS, gateSettings } from '../gate-options.js';
import { appendStepSummary } from '../step-summary.js';
import { HISTORY_OPTIONS, historyHook } from './history.js';

export const compare: Command = {
  name: 'compare',
  summary: 'Measure this checkout against a base side by side (interleaved, fresh processes) and gate on it',
  usage: 'compare --base REF [PROJECT_DIR] [--filter PATTERN] [--threshold PCT] [--budget SECONDS] [--json FILE] [--markdown FILE] [--history PATH] [--no-history]',
  positionals: ['PROJECT_DIR'],
  options: {
    base: { type: 'string', value: 'REF', description: 'Branch, tag or commit to compare with (its merge-base with HEAD is used)' },
    exact: { type: 'boolean', description: 'Compare with REF itself instead of the merge-base' },
    ...GATE_OPTIONS,
    json: { type: 'string', value: 'FILE', description: 'Write the comparison as JSON' },
    markdown: { type: 'string', value: 'FILE', description: 'Write the comparison as Markdown (also appended to $GITHUB_STEP_SUMMARY when set)' },
    ...HISTORY_OPTIONS,
  },
  details: `Checks out the base in a temporary git worktree (reusing node_modules when the lockfile is the same,
npm ci otherwise), builds it, then alternates base and candidate workers round by round, in fresh
process pairs, until every benchmark is decided or the budget is spent.
Exit codes: 0 no regression, 1 a regression confirmed, 2 usage or environment error, 3 inconclusive.`,
  async run(ctx) {
    const base = requiredString('base', ctx.values.base);
    const settings = gateSettings(ctx);
    const history = historyHook(ctx, settings.projectDir);
    // Resolved against the command's folder and checked before the comparison, which can take minutes.
    const jsonFile = typeof ctx.values.json === 'string' ? resolve(ctx.cwd, ctx.values.json) : undefined;
    const markdownFile = typeof ctx.values.markdown === 'string' ? resolve(ctx.cwd, ctx.values.markdown) : undefined;
    checkOutputs({ outputs: fileFlags(ctx, ['json', 'markdown']), inputs: history.files });
    const interactive = Boolean(ctx.stderr.isTTY);
    const result = await compareSides({
      ...settings,
      base,
      useMergeBase: !ctx.values.exact,
      onProgress: (message) => ctx.stderr.write(`${interactive ? '\u203a ' : ''}${message}\n`),
    });
    ctx.stdout.write(comparisonConsole(result));
    const markdown = comparisonMarkdown(result);
    if (jsonFile) writeFileAtomic(jsonFile, comparisonJson(result));
    if (markdownFile) writeFileAtomic(markdownFile, markdown);
    appendStepSummary(ctx, markdown);
    const { outcome } = gateOutcome(result);
    return history.append({ kind: 'compare', result, settings }, outcome === 'pass' ? EXIT.ok : outcome === 'fail' ? EXIT.failed : EXIT.inconclusive);
  },
};
