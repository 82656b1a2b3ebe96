/** Waits between attempts: short and jittered, so waiting processes do not retry in step. */
export function backoffMs(attempt: number): number {
  return Math.min(250, 20 * 2 ** Math.min(attempt, 4)) * (0.5 + Math.random());
}

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));
