/** Numbers for people: times and sizes with scaled units. Pure. */

/** A duration given in milliseconds, as ns, µs, ms or s with three significant digits. */
export function formatTime(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  if (ms < 0.001) return `${(ms * 1e6).toPrecision(3)} ns`;
  if (ms < 1) return `${(ms * 1000).toPrecision(3)} µs`;
  if (ms < 1000) return `${ms.toPrecision(3)} ms`;
  return `${(ms / 1000).toPrecision(3)} s`;
}

/** A byte count as B, KB, MB or GB (powers of 1024). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '-';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toPrecision(3)} ${units[unit]}`;
}

/** A ratio as `1.00x`, `12.3x`. */
export function formatRatio(ratio: number): string {
  return ratio >= 100 ? `${ratio.toFixed(0)}x` : ratio >= 10 ? `${ratio.toFixed(1)}x` : `${ratio.toFixed(2)}x`;
}

/** A note's value with its unit scaled when it is bytes or ms. */
export function formatNote(value: number, unit: string): string {
  if (unit === 'bytes') return formatBytes(value);
  if (unit === 'ms') return formatTime(value);
  return `${value.toLocaleString('en-US')}${unit ? ` ${unit}` : ''}`;
}
