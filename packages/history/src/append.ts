import { History } from './history.js';
import { stageRun } from './pending.js';
import type { RunRecord } from './record.js';

export type AppendOutcome =
  | { status: 'written'; path: string; merged: number; warnings: string[] }
  | { status: 'staged'; path: string; file: string; reason: string }
  | { status: 'lost'; path: string; reason: string };

/**
 * Appends a run and never throws: a database that stays busy past the wait (or cannot be
 * written at all) gets the run staged as JSON next to it, for the next writer or reader to merge.
 * 'lost' only when even staging failed (an unwritable folder); the caller still has its results.
 */
export async function appendRun(path: string, record: RunRecord, options: { waitMs?: number } = {}): Promise<AppendOutcome> {
  let reason: string;
  try {
    const history = await History.open(path, options);
    try {
      await history.append(record);
      return { status: 'written', path: history.path, merged: history.merged, warnings: history.warnings };
    } finally {
      await history.close();
    }
  } catch (error) {
    reason = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
  }
  try {
    return { status: 'staged', path, file: stageRun(path, record), reason };
  } catch (error) {
    return { status: 'lost', path, reason: `${reason}; staging failed too: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** One line for stderr about an append that did not simply succeed; undefined when there is nothing to say. */
export function appendWarning(outcome: AppendOutcome): string | undefined {
  switch (outcome.status) {
    case 'written':
      return outcome.warnings.length ? `history: ${outcome.warnings.join('; ')}` : undefined;
    case 'staged':
      return `history: run staged as ${outcome.file} (${outcome.reason}); the next history write or read merges it`;
    case 'lost':
      return `history: run not recorded in ${outcome.path}: ${outcome.reason}`;
  }
}
