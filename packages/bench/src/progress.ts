import type { ProgressEvent } from './runner.js';

/** Live progress: one rewritten line on a terminal, plain lines otherwise (CI logs). */
export function progressPrinter(stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number }): (event: ProgressEvent) => void {
  const tty = stream.isTTY === true;
  let lastSetup = '';
  return (event) => {
    const where = `${event.processes > 1 ? `process ${event.process}/${event.processes} ` : ''}${event.suite}`;
    const step = `[${event.done}/${event.total}]`;
    let text: string | undefined;
    if (event.phase === 'setup') {
      text = `${step} ${where}: setup`;
      if (!tty && text === lastSetup) return;
      lastSetup = text;
    } else if (event.phase === 'measure') {
      if (!tty) return;
      text = `${step} ${where} / ${event.benchmark} (round ${event.round}/${event.rounds})`;
    } else if (event.phase === 'measured') {
      if (tty || event.round !== event.rounds) return;
      text = `${step} ${where} / ${event.benchmark}`;
    } else if (event.phase === 'skipped') {
      text = `${step} ${where}: skipped: ${(event.message ?? '').split('\n')[0]}`;
      if (tty) {
        stream.write(`\r\x1b[2K${text}\n`);
        return;
      }
    } else {
      text = `${step} ${where}${event.benchmark ? ` / ${event.benchmark}` : ''} FAILED: ${(event.message ?? '').split('\n')[0]}`;
      if (tty) {
        stream.write(`\r\x1b[2K${text}\n`);
        return;
      }
    }
    if (tty) {
      const width = (stream.columns !== undefined && stream.columns > 20 ? stream.columns : 100) - 1;
      stream.write(`\r\x1b[2K${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
    } else {
      stream.write(`${text}\n`);
    }
  };
}

/** Clears the live line before the table is printed. */
export function clearProgress(stream: NodeJS.WritableStream & { isTTY?: boolean }): void {
  if (stream.isTTY) stream.write('\r\x1b[2K');
}
