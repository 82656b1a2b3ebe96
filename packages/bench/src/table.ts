/** Column alignment in a text table. */
export type Align = 'left' | 'right';

export interface TableOptions {
  /** A first row, e.g. column names. */
  header?: readonly string[];
  /** A row of dashes under the header. */
  rule?: boolean;
  /** Alignment per column; left where not given. */
  align?: readonly Align[];
}

// Colour codes take no room on a terminal: widths are measured without them.
const visible = (text: string): number => text.replace(/\x1b\[[0-9;]*m/g, '').length;

/** The lines of a text table: columns two spaces apart, padded to their widest cell (colour codes not counted), lines end-trimmed. */
export function textTable(rows: readonly (readonly string[])[], options: TableOptions = {}): string[] {
  const all = options.header ? [options.header, ...rows] : rows;
  const columns = Math.max(0, ...all.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, i) => Math.max(0, ...all.map((r) => visible(r[i] ?? ''))));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => {
        const pad = ' '.repeat(Math.max(0, (widths[i] ?? 0) - visible(cell)));
        return options.align?.[i] === 'right' ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  const head = options.header ? [line(options.header), ...(options.rule ? [line(widths.map((w) => '-'.repeat(w)))] : [])] : [];
  return [...head, ...rows.map(line)];
}
