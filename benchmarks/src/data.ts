/** Generated data the suites share: deterministic, built by DuckDB itself so setup stays fast. */

/** Rows a suite uses at a profile: the quick size, or the full size. */
export function rowsFor(profile: 'quick' | 'full', quick: number, full: number): number {
  return profile === 'full' ? full : quick;
}

/** A facts table of `rows` rows: id in order, grp (1,000 groups), a name, an amount and a day. */
export function factsSql(table: string, rows: number): string {
  return `CREATE OR REPLACE TABLE ${table} AS
    SELECT i::INTEGER AS id, (i % 1000)::INTEGER AS grp, 'name ' || (i % 5000) AS name,
           ((i * 7919) % 100003) / 100.0 AS amount, DATE '2024-01-01' + (i % 366)::INTEGER AS day
    FROM range(${rows}) t(i)`;
}
