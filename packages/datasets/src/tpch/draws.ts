// Deterministic pseudo-random values in SQL: each row hashes its own key, and the 64 bits of a hash are cut
// into fields, one per random column. No state is shared between rows, so DuckDB generates in parallel.

/** Keys are spread over 16 streams (key * 16 + stream); the seed shifts them all beyond any key. */
const STREAMS = 16;
const SEED_SHIFT = 1n << 44n;
export const MAX_SEED = 65535;

/** The SQL for one 64-bit hash of `key` in `stream` for `seed`. */
export function hashSql(key: string, stream: number, seed: number): string {
  if (stream < 0 || stream >= STREAMS) throw new RangeError(`stream ${stream} out of range`);
  const offset = BigInt(seed) * SEED_SHIFT + BigInt(stream);
  return `hash((${key}) * ${STREAMS} + ${offset})`;
}

/** Bits a field for `range` values takes: exact for powers of two, else 7 spare bits to keep modulo bias < 1%. */
function bitsFor(range: number): number {
  const exact = Math.log2(range);
  if (Number.isInteger(exact)) return Math.max(1, exact);
  return Math.min(64, Math.ceil(exact) + 7);
}

/**
 * Hands out random fields over a row's hashes. The order of calls fixes the layout, so two queries that make
 * the same calls for the same key (orders and lineitem) draw the same values.
 */
export class Draws {
  private readonly hashes: string[] = [];
  private used = 64;

  constructor(
    private readonly key: string,
    private readonly firstStream: number,
    private readonly seed: number,
    /** How a query refers to hash i: a column name, or the hash expression itself. */
    private readonly ref: (i: number, expression: string) => string,
  ) {}

  /** A uniform integer in [lo, hi] (an UBIGINT expression offset to BIGINT). */
  int(lo: number, hi: number): string {
    const range = hi - lo + 1;
    if (!(range >= 1)) throw new RangeError(`empty range [${lo}, ${hi}]`);
    const bits = bitsFor(range);
    if (this.used + bits > 64) {
      this.hashes.push(hashSql(this.key, this.firstStream + this.hashes.length, this.seed));
      this.used = 0;
    }
    const i = this.hashes.length - 1;
    const h = this.ref(i, this.hashes[i] as string);
    const shift = this.used;
    this.used += bits;
    const field = bits === 64 ? h : `((${h} >> ${shift}) & ${(1n << BigInt(bits)) - 1n})`;
    const value = range === 1 ? '0' : Number.isInteger(Math.log2(range)) && bits < 64 ? field : `${field} % ${range}`;
    return `(${lo} + (${value})::BIGINT)`;
  }

  /** Picks one of `values` as a VARCHAR. */
  pick(values: readonly string[]): string {
    return `${sqlList(values)}[1 + ${this.int(0, values.length - 1)}]`;
  }

  /** The hash expressions drawn so far. */
  expressions(): string[] {
    return [...this.hashes];
  }

  /** The hash expressions drawn so far, as `expression AS name` for a subquery. */
  columns(name: (i: number) => string): string[] {
    return this.hashes.map((expression, i) => `${expression} AS ${name(i)}`);
  }
}

/** A SQL list literal of strings. */
export function sqlList(values: readonly string[]): string {
  return `[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}]`;
}
