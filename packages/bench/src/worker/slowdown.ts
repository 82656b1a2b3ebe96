/**
 * Calibration only: the environment variable that makes a worker slower by a known fraction.
 * Each timed iteration is followed by a busy-wait of that fraction of its own duration, so the
 * gate can be tested against a slowdown of known nominal size.
 */
export const SLOWDOWN_ENV = 'FROZEN_DUCKDB_SLOWDOWN';

/** The fraction from the environment (0 when unset); throws on a value that is not a fraction >= 0. */
export function slowdownFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const text = env[SLOWDOWN_ENV];
  if (text === undefined || text === '') return 0;
  const fraction = Number(text);
  if (!Number.isFinite(fraction) || fraction < 0) throw new Error(`${SLOWDOWN_ENV}=${text} is not a fraction >= 0`);
  return fraction;
}

/** Wraps `fn` so that each call also spins for `fraction` of the time the call took. */
export function withSlowdown(fn: () => unknown, fraction: number): () => unknown {
  if (fraction === 0) return fn;
  return async () => {
    const started = performance.now();
    await fn();
    const end = performance.now() + (performance.now() - started) * fraction;
    while (performance.now() < end);
  };
}
