import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE } from '../../testing/run-cli.js';

/** Where each test file leaves its figures (inputs tried, faults injected, runs survived, data lost) for the README. */
export const FIGURES_DIR = join(WORKSPACE, 'reports', 'reliability');

/** Merges `figures` into reports/reliability/<name>.json. */
export function recordFigures(name: string, figures: Record<string, unknown>): void {
  mkdirSync(FIGURES_DIR, { recursive: true });
  const path = join(FIGURES_DIR, `${name}.json`);
  let previous: Record<string, unknown> = {};
  try {
    previous = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    // first figures of this file
  }
  writeFileSync(path, `${JSON.stringify({ ...previous, ...figures, updatedAt: new Date().toISOString() }, null, 2)}\n`);
}

/** Counts of each value. */
export function tally<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}
