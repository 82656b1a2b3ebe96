import { basename } from 'node:path';

/**
 * Whether a changed file cannot change what the suites measure: the baseline itself, prose
 * (Markdown, docs/) and CI configuration. Anything else (code, suites, lockfiles, settings) can.
 */
export function isTimingNeutral(path: string): boolean {
  const name = basename(path);
  return name === '.performance_baseline' || /\.md$/i.test(name) || /^(docs|\.github)\//.test(path) || /(^|\/)LICENSE(\.\w+)?$/.test(path);
}
