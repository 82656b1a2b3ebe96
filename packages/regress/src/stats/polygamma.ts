// Digamma, trigamma and their kin, for fitting a prior to sample variances (`moderated.ts`).
// Each shifts x up by the recurrence until the asymptotic series is accurate to ~1e-12.

const SHIFT = 8;

/** ψ(x), the derivative of ln Γ(x), for x > 0. */
export function digamma(x: number): number {
  let sum = 0;
  for (; x < SHIFT; x += 1) sum -= 1 / x;
  const x2 = 1 / (x * x);
  return sum + Math.log(x) - 0.5 / x - x2 * (1 / 12 - x2 * (1 / 120 - x2 * (1 / 252 - x2 * (1 / 240))));
}

/** ψ₁(x), the derivative of ψ, for x > 0. */
export function trigamma(x: number): number {
  let sum = 0;
  for (; x < SHIFT; x += 1) sum += 1 / (x * x);
  const x2 = 1 / (x * x);
  return sum + 1 / x + x2 / 2 + (x2 / x) * (1 / 6 - x2 * (1 / 30 - x2 * (1 / 42 - x2 * (1 / 30))));
}

/** ψ₂(x), the derivative of ψ₁, for x > 0. */
export function tetragamma(x: number): number {
  let sum = 0;
  for (; x < SHIFT; x += 1) sum -= 2 / (x * x * x);
  const x2 = 1 / (x * x);
  return sum - x2 - x2 / x - (x2 * x2) / 2 + x2 * x2 * x2 * (1 / 6 - x2 * (1 / 6 - x2 * (3 / 10 - x2 * (5 / 6))));
}

/** The x > 0 with ψ₁(x) = y, by Newton's method on 1/ψ₁ (which is nearly linear in x). */
export function trigammaInverse(y: number): number {
  if (!(y > 0)) throw new RangeError(`trigamma takes only positive values, got ${y}`);
  if (y > 1e7) return 1 / Math.sqrt(y);
  if (y < 1e-6) return 1 / y;
  let x = 0.5 + 1 / y;
  for (let i = 0; i < 50; i++) {
    const tri = trigamma(x);
    const step = (tri * (1 - tri / y)) / tetragamma(x);
    x += step;
    if (-step / x < 1e-10) break;
  }
  return x;
}
