import { formatTime } from '@frozen-duckdb/core';

// The page's own words for numbers, where they differ from the terminal's on purpose: an en dash for a
// missing value (a typeset page, not a table a script might split on '-'); the units themselves are core's.

/** A duration as the terminal shows it ("1.23 ms", "456 µs"), with an en dash when missing. */
export function formatDuration(ms: number | null | undefined): string {
  return ms === undefined || ms === null || !Number.isFinite(ms) ? '–' : formatTime(ms);
}

/** A ratio as a relative change: 1.123 is "+12.3%"; unlike the terminal's, "0.0%" unsigned when it rounds to none and whole percents past 100, for chart labels. */
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
