/** Numbers for people: times, sizes, counts, ratios and percentages with scaled units. Pure. */

/** A time unit: a value in milliseconds times `perMs` is the value in this unit. */
export interface TimeUnit {
  name: 'ns' | 'µs' | 'ms' | 's';
  perMs: number;
}

const TIME_UNITS: readonly TimeUnit[] = [
  { name: 'ns', perMs: 1e6 },
  { name: 'µs', perMs: 1e3 },
  { name: 'ms', perMs: 1 },
  { name: 's', perMs: 1e-3 },
];

/** The unit in which `maxMs` reads between 1 and 1000 (ms for zero, negative or non-finite). */
export function timeUnitFor(maxMs: number): TimeUnit {
  if (!Number.isFinite(maxMs) || maxMs <= 0) return TIME_UNITS[2] as TimeUnit;
  if (maxMs < 1e-3) return TIME_UNITS[0] as TimeUnit;
  if (maxMs < 1) return TIME_UNITS[1] as TimeUnit;
  if (maxMs < 1000) return TIME_UNITS[2] as TimeUnit;
  return TIME_UNITS[3] as TimeUnit;
}

/** Three significant digits without an exponent: 1.23, 45.6, 789, 1000. */
export function significant(value: number): string {
  const abs = Math.abs(value);
  const decimals = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return value.toFixed(decimals);
}

/** A duration given in ms, as ns, µs, ms or s with three significant digits ("1.23 ms", "456 µs"); '-' when missing. */
export function formatTime(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '-';
  const unit = timeUnitFor(Math.abs(ms));
  return `${significant(ms * unit.perMs)} ${unit.name}`;
}

/** A set limit (a timeout, a target) as one would write it: "200 ms", "1.5 s", "30 s". */
export function formatLimit(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toPrecision(3))} s` : `${ms} ms`;
}

/** A byte count as B, KB, MB, GB or TB (powers of 1024) with three significant digits; '-' when not finite. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '-';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${significant(value)} ${units[unit]}`;
}

/** A count with thousands separators: 6,001,215. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** A ratio as a factor: `1.00x`, `12.3x`, `150x`. */
export function formatRatio(ratio: number): string {
  return ratio >= 100 ? `${ratio.toFixed(0)}x` : ratio >= 10 ? `${ratio.toFixed(1)}x` : `${ratio.toFixed(2)}x`;
}

/** A ratio as a signed relative change with one decimal: 1.123 is "+12.3%", 0.9 is "-10.0%"; '-' when missing. */
export function formatChange(ratio: number | undefined): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return '-';
  const change = (ratio - 1) * 100;
  return `${change >= 0 ? '+' : ''}${change.toFixed(1)}%`;
}

/** A fraction as a percentage: 0.1 is "10%" (`decimals` 0), "10.0%" (1); '-' when missing. */
export function formatPercent(fraction: number | undefined, decimals = 0): string {
  if (fraction === undefined || !Number.isFinite(fraction)) return '-';
  return `${(fraction * 100).toFixed(decimals)}%`;
}
