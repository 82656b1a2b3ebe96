import { formatBytes, formatCount, formatTime } from '@frozen-duckdb/core';

export interface TableReport {
  table: string;
  rows: number;
  bytes?: number;
  ms: number;
}

export interface Progress {
  start(table: string): void;
  done(report: TableReport): void;
  /** Stops any live line (call on failure too). */
  stop(): void;
}

interface Stream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** One line per finished table; the line of the running table ticks on a terminal, and stays silent in CI. */
export function createProgress(stream: Stream, options: { live?: boolean } = {}): Progress {
  const live = options.live ?? stream.isTTY === true;
  let timer: NodeJS.Timeout | undefined;
  let started = 0;
  const clear = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
    if (live) stream.write('\r\x1b[2K');
  };
  return {
    start(table) {
      clear();
      if (!live) return;
      started = performance.now();
      const draw = () => stream.write(`\r\x1b[2K  ${table.padEnd(10)} generating... ${formatTime(performance.now() - started)}`);
      draw();
      timer = setInterval(draw, 200);
      timer.unref();
    },
    done(report) {
      clear();
      stream.write(`${tableLine(report)}\n`);
    },
    stop: clear,
  };
}

/** "  lineitem   6,001,215 rows  163.2 MB  4.1 s" */
export function tableLine(report: TableReport): string {
  const size = report.bytes === undefined ? '' : `  ${formatBytes(report.bytes).padStart(9)}`;
  return `  ${report.table.padEnd(14)} ${formatCount(report.rows).padStart(11)} rows${size}  ${formatTime(report.ms).padStart(8)}`;
}
