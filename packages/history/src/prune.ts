import type { Connection } from '@frozen-duckdb/core';
import { ISO_TIMESTAMP } from './store.js';

/** Which runs to keep: the newest N, those at or after a moment, or both (a run must pass each given test). */
export interface PruneCriteria {
  keepRuns?: number;
  /** ISO 8601: runs created before it are deleted. */
  before?: string;
}

export interface RunAge {
  id: string;
  /** ISO 8601 UTC. */
  createdAt: string;
}

/** The ids of the runs the criteria delete: outside the newest `keepRuns` (by time, then id), or before `before`. */
export function runsToPrune(runs: readonly RunAge[], criteria: PruneCriteria): string[] {
  const newestFirst = [...runs].sort((a, b) => (a.createdAt === b.createdAt ? b.id.localeCompare(a.id) : b.createdAt.localeCompare(a.createdAt)));
  const cutoff = criteria.before === undefined ? undefined : Date.parse(criteria.before);
  return newestFirst
    .filter((run, rank) => (criteria.keepRuns !== undefined && rank >= criteria.keepRuns) || (cutoff !== undefined && Date.parse(run.createdAt) < cutoff))
    .map((run) => run.id);
}

/**
 * A --before value as ISO 8601 UTC: a date (YYYY-MM-DD, midnight UTC) or a date and time (an offset, else UTC).
 * Undefined when it is neither.
 */
export function parsePruneDate(text: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(text.trim());
  if (!match) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = match;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${frac}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`);
  // Date() rolls 2026-02-30 over to March: a day that does not exist is refused instead.
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (Number.isNaN(date.getTime()) || day.toISOString().slice(0, 10) !== `${y}-${mo}-${d}`) return undefined;
  return date.toISOString();
}

export interface PruneResult {
  /** Rows deleted per table. */
  deleted: { runs: number; results: number; samples: number; fingerprints: number };
  /** Runs left. */
  kept: number;
}

/** Deletes the chosen runs with their results and samples, and machines no run names any more, in one transaction. */
export async function deleteRuns(connection: Connection, criteria: PruneCriteria): Promise<PruneResult> {
  const runs = await connection.query<{ id: string; createdAt: string }>(`SELECT id, ${ISO_TIMESTAMP('created_at')} AS "createdAt" FROM runs`);
  const doomed = runsToPrune(runs, criteria);
  const deleted = { runs: 0, results: 0, samples: 0, fingerprints: 0 };
  if (doomed.length === 0) return { deleted, kept: runs.length };
  await connection.run('BEGIN TRANSACTION');
  try {
    await connection.run('CREATE TEMP TABLE doomed AS SELECT unnest(?::VARCHAR[]) AS id', [doomed]);
    deleted.samples = await connection.run('DELETE FROM samples WHERE run_id IN (SELECT id FROM doomed)');
    deleted.results = await connection.run('DELETE FROM results WHERE run_id IN (SELECT id FROM doomed)');
    deleted.runs = await connection.run('DELETE FROM runs WHERE id IN (SELECT id FROM doomed)');
    deleted.fingerprints = await connection.run('DELETE FROM fingerprints WHERE hash NOT IN (SELECT fingerprint FROM runs WHERE fingerprint IS NOT NULL)');
    await connection.run('DROP TABLE doomed');
    await connection.run('COMMIT');
  } catch (error) {
    await connection.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return { deleted, kept: runs.length - deleted.runs };
}
