import { createReadStream } from 'node:fs';
import * as zlib from 'node:zlib';
import type { Transform } from 'node:stream';

const QUOTE = 0x22;
const NEWLINE = 0x0a;
const RETURN = 0x0d;

export interface CsvProblem {
  /** 1-based line where the bad record starts. */
  line: number;
  message: string;
}

/**
 * Scans CSV text (RFC 4180 quoting) chunk by chunk and reports the first record whose field count differs
 * from the header's, or a quote left open. Pure state machine; `finish()` returns the verdict.
 */
export class CsvScanner {
  private line = 1;
  private recordLine = 1;
  private fields = 1;
  private header: number | undefined;
  private inQuotes = false;
  private quoteLine = 0;
  private previous = 0;
  private readonly delimiterByte: number;
  private recordHasContent = false;
  problem: CsvProblem | undefined;

  constructor(delimiter = ',') {
    this.delimiterByte = delimiter.charCodeAt(0);
  }

  /** Feeds the next chunk of bytes; UTF-8 is safe to scan bytewise (no multi-byte char holds these bytes). */
  push(chunk: Uint8Array | string): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    const delimiter = this.delimiterByte;
    for (let i = 0; i < bytes.length && !this.problem; i++) {
      const c = bytes[i] as number;
      if (this.inQuotes) {
        if (c === QUOTE) this.inQuotes = false;
        else if (c === NEWLINE) this.line++;
      } else if (c === QUOTE) {
        this.inQuotes = true;
        this.quoteLine = this.line;
        this.recordHasContent = true;
      } else if (c === delimiter) {
        this.fields++;
        this.recordHasContent = true;
      } else if (c === NEWLINE) {
        this.endRecord();
        this.line++;
        this.recordLine = this.line;
      } else if (c !== RETURN) {
        this.recordHasContent = true;
      }
      this.previous = c;
    }
  }

  finish(): CsvProblem | undefined {
    if (this.problem) return this.problem;
    if (this.inQuotes) return { line: this.quoteLine, message: `a quote opened on line ${this.quoteLine} is never closed` };
    if (this.previous !== NEWLINE) this.endRecord();
    return this.problem;
  }

  private endRecord(): void {
    if (this.recordHasContent) {
      if (this.header === undefined) this.header = this.fields;
      else if (this.fields !== this.header && !this.problem) {
        this.problem = {
          line: this.recordLine,
          message: `line ${this.recordLine} has ${this.fields} fields where the header has ${this.header}`,
        };
      }
    }
    this.fields = 1;
    this.recordHasContent = false;
  }
}

/** The compression a CSV file name says (DuckDB decompresses .gz and .zst by extension); undefined for plain text. */
export function csvCompression(path: string): 'gzip' | 'zstd' | undefined {
  const name = path.toLowerCase();
  return name.endsWith('.gz') ? 'gzip' : name.endsWith('.zst') ? 'zstd' : undefined;
}

/** A stream that decompresses `compression`, or undefined when this Node has no decompressor for it (zstd before Node 22.15). */
export function decompressor(compression: 'gzip' | 'zstd'): Transform | undefined {
  if (compression === 'gzip') return zlib.createGunzip();
  const zstd = (zlib as { createZstdDecompress?: () => Transform }).createZstdDecompress;
  return zstd ? zstd() : undefined;
}

/**
 * Finds the first malformed record of a CSV file, reading it as a stream (decompressed when its name
 * ends in .gz or .zst). `plainCopy` gives the text of a compressed file this Node cannot decompress.
 */
export async function findCsvProblem(path: string, delimiter = ',', plainCopy?: () => Promise<string>): Promise<CsvProblem | undefined> {
  const scanner = new CsvScanner(delimiter);
  const compression = csvCompression(path);
  const unpack = compression ? decompressor(compression) : undefined;
  let source: string = path;
  if (compression && !unpack) {
    if (!plainCopy) return undefined;
    source = await plainCopy();
  }
  const raw = createReadStream(source, { highWaterMark: 1 << 20 });
  const stream = unpack ? raw.pipe(unpack) : raw;
  try {
    for await (const chunk of stream) {
      scanner.push(chunk as Buffer);
      if (scanner.problem) break;
    }
  } finally {
    raw.destroy();
    unpack?.destroy();
  }
  return scanner.finish();
}
