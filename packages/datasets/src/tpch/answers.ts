import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from '@frozen-duckdb/core';
import { checkOutputs, makeFolders, withAtomicOutputs, type AtomicOutputs, type NamedPath } from '@frozen-duckdb/files';
import { tpchQuery } from './queries.js';

export interface QueryAnswer {
  number: number;
  names: string[];
  rows: (string | null)[][];
}

/**
 * Formats a result like DuckDB's published TPC-H answer files: '|'-separated, a header line, values as
 * DuckDB casts them to text (dates YYYY-MM-DD), NULL as an empty field.
 */
export function formatAnswer(names: readonly string[], rows: readonly (readonly (string | null)[])[]): string {
  const lines = [names.join('|'), ...rows.map((row) => row.map((v) => v ?? '').join('|'))];
  return `${lines.join('\n')}\n`;
}

/** The answer file name of query n: q01.csv ... q22.csv. */
export function answerFileName(number: number): string {
  return `q${String(number).padStart(2, '0')}.csv`;
}

/** The scale factor of loaded data, from the supplier count (10,000 per unit of scale). */
export async function detectScale(connection: Connection): Promise<number> {
  const suppliers = Number(await connection.scalar('SELECT count(*) FROM supplier'));
  return Math.max(suppliers, 1) / 10_000;
}

/** Runs query n and returns its result as DuckDB prints each value. */
export async function answerQuery(connection: Connection, number: number, scale: number): Promise<QueryAnswer> {
  const result = await connection.columns(`SELECT COLUMNS(*)::VARCHAR FROM (${tpchQuery(number, { scale })})`);
  const rows: (string | null)[][] = [];
  for (let i = 0; i < result.rowCount; i++) {
    rows.push(result.names.map((name) => (result.columns[name]?.[i] ?? null) as string | null));
  }
  return { number, names: result.names, rows };
}

/** Runs `queries` (default all 22) on the loaded tables and writes q01.csv... into `outDir`, all or nothing. */
export async function writeAnswers(
  connection: Connection,
  outDir: string,
  options: { force?: boolean; queries?: number[]; scale?: number; inputs?: NamedPath[]; onQuery?: (answer: QueryAnswer, ms: number) => void } = {},
): Promise<QueryAnswer[]> {
  const queries = options.queries ?? Array.from({ length: 22 }, (_, i) => i + 1);
  checkOutputs({
    outputs: queries.map((n) => ({ name: '--out', path: join(outDir, answerFileName(n)) })),
    inputs: options.inputs ?? [],
    force: options.force ?? false,
    createFolders: true,
  });
  const undoFolder = makeFolders(outDir);
  const scale = options.scale ?? (await detectScale(connection));
  return withAtomicOutputs(async (outputs) => {
    try {
      return await answerAll(outputs);
    } catch (error) {
      outputs.abort();
      undoFolder();
      throw error;
    }
  });
  async function answerAll(outputs: AtomicOutputs): Promise<QueryAnswer[]> {
    const answers: QueryAnswer[] = [];
    for (const n of queries) {
      const started = performance.now();
      const answer = await answerQuery(connection, n, scale);
      writeFileSync(outputs.temp(join(outDir, answerFileName(n))), formatAnswer(answer.names, answer.rows));
      answers.push(answer);
      options.onQuery?.(answer, performance.now() - started);
    }
    return answers;
  }
}
