import chalk from 'chalk';
import type { Diagnosis } from '../diagnose/diagnose.js';
import { contributorText, diffTreeLines, functionText, javascriptLeads, keyQuery, queryChangeText, sidesText } from './diagnosis-words.js';

/** Lines of the statement tree shown per benchmark: enough for the operators around the change. */
const TREE_LINES = 10;

/** A few lines per diagnosed benchmark: where the time went on each side, the top contributors, the changed plan. */
export function diagnosisConsole(diagnoses: readonly Diagnosis[] | undefined): string[] {
  const lines: string[] = [];
  for (const d of diagnoses ?? []) {
    lines.push(chalk.bold(`why ${d.id} ${d.reason === 'regressed' ? 'is slower' : 'differs'} (each side profiled once more):`));
    if (d.error || !d.base || !d.candidate || !d.plan || !d.cpu) {
      lines.push(`  no diagnosis: ${d.error ?? 'no profile'}`);
      continue;
    }
    lines.push(`  ${sidesText(d.base, d.candidate)}`);
    const js = d.cpu.slower.slice(0, 3).map((f, i) => `  js ${i + 1}. ${functionText(f)}`);
    if (javascriptLeads(d)) lines.push(...js);
    d.plan.top.forEach((c, i) => lines.push(`  ${i + 1}. ${contributorText(c)}`));
    const query = keyQuery(d.plan);
    if (query) {
      lines.push(...queryChangeText(query).map((l) => `  ${l}`));
      const tree = diffTreeLines(query);
      lines.push(...tree.slice(0, TREE_LINES).map((l) => chalk.dim(`    ${l}`)));
      if (tree.length > TREE_LINES) lines.push(chalk.dim(`    ... ${tree.length - TREE_LINES} more operators`));
    }
  }
  return lines;
}
