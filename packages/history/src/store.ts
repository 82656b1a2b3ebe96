import type { Connection } from '@frozen-duckdb/core';
import { HistoryImportError } from './errors.js';
import { runRecordProblem, type RunRecord } from './record.js';

/** ISO 8601 (any offset) as the naive UTC text a TIMESTAMP column takes, whatever the session's time zone. */
export function utcTimestamp(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a timestamp: ${JSON.stringify(iso)}`);
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

/** Reads a TIMESTAMP column back as ISO 8601 UTC text. */
export const ISO_TIMESTAMP = (column: string) => `strftime(${column}, '%Y-%m-%dT%H:%M:%S.%gZ')`;

/**
 * Inserts one run with its fingerprint, results and samples in one transaction. Returns false,
 * changing nothing, when a run with this id is there already (a staged run merged twice).
 */
export async function insertRun(connection: Connection, record: RunRecord): Promise<boolean> {
  // Checked before the transaction: a bad value must not reach (and abort) it.
  const problem = runRecordProblem(record);
  if (problem) throw new HistoryImportError(record.run?.source ?? 'a run', `cannot be recorded: ${problem}`, 'the run was not added; the history is unchanged');
  await connection.run('BEGIN TRANSACTION');
  try {
    const exists = await connection.scalar('SELECT count(*) FROM runs WHERE id = ?', [record.run.id]);
    if (Number(exists) > 0) {
      await connection.run('ROLLBACK');
      return false;
    }
    const f = record.fingerprint;
    if (f) {
      await connection.run('INSERT OR IGNORE INTO fingerprints VALUES (?, ?, ?, ?, ?, ?, ?)', [
        f.hash,
        f.cpuModel,
        f.cores,
        BigInt(Math.round(f.memoryBytes)),
        f.os,
        f.node,
        f.duckdb,
      ]);
    }
    const r = record.run;
    await connection.run('INSERT INTO runs VALUES (?, ?, ?::TIMESTAMP, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [
      r.id,
      r.kind,
      utcTimestamp(r.createdAt),
      r.commit,
      r.baseCommit,
      r.dirty,
      r.fingerprint,
      r.profile,
      JSON.stringify(r.settings),
      r.shard,
      r.outcome,
      r.durationMs,
      r.project,
      r.source,
    ]);
    await appendResults(connection, record);
    await appendSamples(connection, record);
    await connection.run('COMMIT');
    return true;
  } catch (error) {
    await connection.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

const big = (n: number | null) => (n === null || !Number.isFinite(n) ? null : BigInt(Math.round(n)));
const num = (n: number | null | undefined) => (n === null || n === undefined || !Number.isFinite(n) ? null : n);

async function appendResults(connection: Connection, record: RunRecord): Promise<void> {
  if (record.results.length === 0) return;
  const appender = await connection.appender('results');
  try {
    for (const x of record.results) {
      appender.appendRow([
        record.run.id,
        x.benchmark,
        x.suite,
        x.name,
        x.status,
        num(x.medianMs),
        num(x.meanMs),
        num(x.minMs),
        num(x.p25Ms),
        num(x.p75Ms),
        num(x.p99Ms),
        num(x.maxMs),
        num(x.sdMs),
        x.n,
        big(x.iterations),
        num(x.cpuMs),
        big(x.peakRssBytes),
        num(x.baseMs),
        num(x.ratio),
        num(x.ratioLow),
        num(x.ratioHigh),
        num(x.threshold),
        x.verdict,
        x.reason,
        x.error,
        num(x.instructions ?? null),
        num(x.baseInstructions ?? null),
      ]);
    }
  } finally {
    appender.close();
  }
}

async function appendSamples(connection: Connection, record: RunRecord): Promise<void> {
  const runId: string[] = [];
  const benchmark: string[] = [];
  const block: number[] = [];
  const seq: number[] = [];
  const ms: number[] = [];
  const baseMs: (number | null)[] = [];
  for (const s of record.samples) {
    s.ms.forEach((value, i) => {
      runId.push(record.run.id);
      benchmark.push(s.benchmark);
      block.push(s.block);
      seq.push(i);
      ms.push(value);
      baseMs.push(num(s.baseMs?.[i]));
    });
  }
  if (ms.length === 0) return;
  const appender = await connection.appender('samples');
  try {
    appender.appendColumns([runId, benchmark, block, seq, ms, baseMs]);
  } finally {
    appender.close();
  }
}
