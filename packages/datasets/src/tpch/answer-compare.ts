// Comparing a query's answer with an answer file in DuckDB's published format. The published files print
// numbers their own way (532348211.649998 where DuckDB prints the DECIMAL 532348211.65, 6 decimals for an
// average DuckDB prints in full), so numbers agree when they are equal to the precision the less precise
// side printed; any other field must be the same text.

/** An answer file read back: its header and its rows, fields as text ('' for NULL). */
export interface ParsedAnswer {
  names: string[];
  rows: string[][];
}

/** Where an answer first differs from the expected file. */
export interface AnswerDifference {
  /** What differs, in words. */
  problem: string;
  /** 1-based data row (line row + 1 of the file); undefined for the header. */
  row?: number;
  expected?: string;
  actual?: string;
}

/** Parses '|'-separated text with a header line (the last newline optional, CRLF accepted). */
export function parseAnswer(text: string): ParsedAnswer {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines.at(-1) === '') lines.pop();
  const [header = '', ...rows] = lines;
  return { names: header.split('|'), rows: rows.map((line) => line.split('|')) };
}

const NUMBER = /^[+-]?(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?$/;

/** The decimals a number is printed with (an exponent counted: 1.5e-3 has 4); undefined when it is no number. */
export function printedDecimals(text: string): number | undefined {
  const match = NUMBER.exec(text);
  if (!match) return undefined;
  const fraction = match[2] ?? match[3] ?? '';
  return fraction.length - Number(match[4] ?? 0);
}

/** True when two fields agree: the same text, or numbers equal to the precision of the less precise one. */
export function fieldsAgree(expected: string, actual: string): boolean {
  const a = expected.trim();
  const b = actual.trim();
  if (a === b) return true;
  const da = printedDecimals(a);
  const db = printedDecimals(b);
  if (da === undefined || db === undefined) return false;
  const x = Number(a);
  const y = Number(b);
  // Half a unit in the last place printed, plus a little for the binary rounding of the two numbers.
  const tolerance = 0.5 * 10 ** -Math.min(da, db) + 1e-9 * Math.max(Math.abs(x), Math.abs(y));
  return Math.abs(x - y) <= tolerance;
}

/** The first place where `actual` differs from `expected` (columns, then rows in order); undefined when they agree. */
export function compareAnswer(
  expected: ParsedAnswer,
  actual: { names: readonly string[]; rows: readonly (readonly (string | null)[])[] },
): AnswerDifference | undefined {
  const expectedHeader = expected.names.join('|');
  const actualHeader = actual.names.join('|');
  if (expected.names.length !== actual.names.length || expectedHeader.toLowerCase() !== actualHeader.toLowerCase()) {
    return { problem: 'the columns differ', expected: expectedHeader, actual: actualHeader };
  }
  const rows = Math.max(expected.rows.length, actual.rows.length);
  for (let i = 0; i < rows; i++) {
    const want = expected.rows[i];
    const got = actual.rows[i]?.map((v) => v ?? '');
    if (!want || !got) {
      return {
        problem: `${expected.rows.length} rows expected, ${actual.rows.length} found`,
        row: i + 1,
        ...(want ? { expected: want.join('|') } : {}),
        ...(got ? { actual: got.join('|') } : {}),
      };
    }
    const column = want.length !== got.length ? -1 : want.findIndex((field, c) => !fieldsAgree(field, got[c] ?? ''));
    if (want.length !== got.length || column >= 0) {
      return {
        problem: column >= 0 ? `column ${expected.names[column]} differs` : `${want.length} fields expected, ${got.length} found`,
        row: i + 1,
        expected: want.join('|'),
        actual: got.join('|'),
      };
    }
  }
  return undefined;
}
