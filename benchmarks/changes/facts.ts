/**
 * The table every change in this corpus works on: built by DuckDB in setup, deterministic.
 * `calibrate --changes` copies this file next to each change, so base.ts and variant.ts import it.
 */
import type { SuiteContext } from '@frozen-duckdb/bench';

/** Rows in the quick and the full profile. */
export function factsRows(profile: 'quick' | 'full'): number {
  return profile === 'full' ? 5_000_000 : 1_000_000;
}

/** `facts`: id in order, grp (1,000 groups), a name, an amount and a day. */
export async function createFacts(ctx: SuiteContext<undefined>, rows = factsRows(ctx.profile)): Promise<void> {
  await ctx.connection.run(`CREATE TABLE facts AS
    SELECT i::INTEGER AS id, (i % 1000)::INTEGER AS grp, 'name ' || (i % 5000) AS name,
           ((i * 7919) % 100003) / 100.0 AS amount, DATE '2024-01-01' + (i % 366)::INTEGER AS day
    FROM range(${rows}) t(i)`);
}
