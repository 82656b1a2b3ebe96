import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from '@frozen-duckdb/core';
import { checkInputFolder, checkOutputs, makeFolders, pathKind, readInput, withAtomicOutputs, type AtomicOutputs, type NamedPath } from '@frozen-duckdb/files';
import { compareAnswer, parseAnswer, type AnswerDifference } from './answer-compare.js';
import { tpchQuery, type FractionRule } from './queries.js';

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

/** Runs query n and returns its result as DuckDB prints each value (query 11's FRACTION as DuckDB's answers have it, by default). */
export async function answerQuery(connection: Connection, number: number, scale: number, fraction: FractionRule = 'duckdb'): Promise<QueryAnswer> {
  const result = await connection.columns(`SELECT COLUMNS(*)::VARCHAR FROM (${tpchQuery(number, { scale, fraction })})`);
  const rows: (string | null)[][] = [];
  for (let i = 0; i < result.rowCount; i++) {
    rows.push(result.names.map((name) => (result.columns[name]?.[i] ?? null) as string | null));
  }
  return { number, names: result.names, rows };
}

const ALL_QUERIES = Array.from({ length: 22 }, (_, i) => i + 1);

export interface AnswerOptions {
  /** Default all 22. */
  queries?: number[];
  /** Default: from the supplier count. */
  scale?: number;
  /** Query 11's FRACTION (default 'duckdb', as DuckDB's published answers). */
  fraction?: FractionRule;
}

/** Runs `queries` (default all 22) on the loaded tables and writes q01.csv... into `outDir`, all or nothing. */
export async function writeAnswers(
  connection: Connection,
  outDir: string,
  options: AnswerOptions & { force?: boolean; inputs?: NamedPath[]; onQuery?: (answer: QueryAnswer, ms: number) => void } = {},
): Promise<QueryAnswer[]> {
  const queries = options.queries ?? ALL_QUERIES;
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
      const answer = await answerQuery(connection, n, scale, options.fraction);
      writeFileSync(outputs.temp(join(outDir, answerFileName(n))), formatAnswer(answer.names, answer.rows));
      answers.push(answer);
      options.onQuery?.(answer, performance.now() - started);
    }
    return answers;
  }
}

/** One query checked against an answer file: a difference, or the file missing from the folder. */
export interface AnswerCheck {
  number: number;
  file: string;
  difference?: AnswerDifference;
}

/**
 * Runs `queries` and compares each result with `<dir>/qNN.csv` (DuckDB's published format). A missing
 * folder, or a file that cannot be read, throws (exit 2); a missing file is that query's failure.
 */
export async function checkAnswers(connection: Connection, dir: string, options: AnswerOptions = {}): Promise<AnswerCheck[]> {
  checkInputFolder(dir, '--check');
  const scale = options.scale ?? (await detectScale(connection));
  const checks: AnswerCheck[] = [];
  for (const number of options.queries ?? ALL_QUERIES) {
    const file = join(dir, answerFileName(number));
    if (pathKind(file) === 'missing') {
      checks.push({ number, file, difference: { problem: `no ${answerFileName(number)} in ${dir}` } });
      continue;
    }
    const expected = parseAnswer((await readInput(file, 'the answer file')).toString('utf8'));
    const difference = compareAnswer(expected, await answerQuery(connection, number, scale, options.fraction));
    checks.push({ number, file, ...(difference ? { difference } : {}) });
  }
  return checks;
}
