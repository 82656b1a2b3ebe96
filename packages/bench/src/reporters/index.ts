import type { BenchResults } from '../results.js';
import { bmfReport } from './bmf.js';
import { consoleReport } from './console.js';
import { gabReport } from './gab.js';
import { jsonReport } from './json.js';
import { markdownReport } from './markdown.js';

export type Reporter = (results: BenchResults) => string;

/** Every reporter by the name of its CLI flag. */
export const reporters = { console: consoleReport, json: jsonReport, markdown: markdownReport, bmf: bmfReport, gab: gabReport } satisfies Record<
  string,
  Reporter
>;
export { bmfReport, consoleReport, gabReport, jsonReport, markdownReport };
