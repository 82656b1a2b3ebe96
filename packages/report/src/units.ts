/** A time unit for an axis: a value in milliseconds times `perMs` is the value in this unit. */
export interface TimeUnit {
  name: 'ns' | 'µs' | 'ms' | 's';
  perMs: number;
}

const UNITS: TimeUnit[] = [
  { name: 'ns', perMs: 1e6 },
  { name: 'µs', perMs: 1e3 },
  { name: 'ms', perMs: 1 },
  { name: 's', perMs: 1e-3 },
];

/** The unit in which the largest value reads between 1 and 1000. */
export function timeUnitFor(maxMs: number): TimeUnit {
  if (!Number.isFinite(maxMs) || maxMs <= 0) return UNITS[2] as TimeUnit;
  if (maxMs < 1e-3) return UNITS[0] as TimeUnit;
  if (maxMs < 1) return UNITS[1] as TimeUnit;
  if (maxMs < 1000) return UNITS[2] as TimeUnit;
  return UNITS[3] as TimeUnit;
}

/** A duration with three significant digits in its own unit: "1.23 ms", "456 µs". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === undefined || ms === null || !Number.isFinite(ms)) return '–';
  const unit = timeUnitFor(Math.abs(ms));
  return `${significant(ms * unit.perMs)} ${unit.name}`;
}

/** Three significant digits without an exponent: 1.23, 45.6, 789. */
export function significant(value: number): string {
  const abs = Math.abs(value);
  const decimals = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return value.toFixed(decimals);
}

/** A ratio as a relative change: 1.123 is "+12.3%". */
export function formatChange(ratio: number | null | undefined): string {
  if (ratio === undefined || ratio === null || !Number.isFinite(ratio)) return '–';
  const change = (ratio - 1) * 100;
  const text = Math.abs(change) >= 100 ? change.toFixed(0) : change.toFixed(1);
  if (Number(text) === 0) return '0.0%';
  return `${change > 0 ? '+' : ''}${text}%`;
}

/** A ratio as a factor, for shifts in a trend: "×1.25". */
export function formatFactor(ratio: number): string {
  return Number.isFinite(ratio) ? `×${ratio >= 10 ? ratio.toFixed(1) : ratio.toFixed(2)}` : '×?';
}

/** A timestamp as "2024-05-01 13:45 UTC" when it parses, else as given. */
export function formatTimestamp(text: string): string {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return text;
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The first 7 characters of a commit id, the way git abbreviates it. */
export function shortCommit(commit: string): string {
  return /^[0-9a-f]{8,}$/i.test(commit) ? commit.slice(0, 7) : commit;
}
