// The built-in TPC-H generator: one SELECT per table over range(), following clause 4.2 of the specification.
// Pure: scale and seed in, SQL out. The text pools are session variables set by generate.ts.
import { Draws, sqlList } from './draws.js';
import {
  COLORS,
  COMMENT_LENGTHS,
  CONTAINER_SYLLABLES,
  CURRENT_DATE,
  NATIONS,
  ORDER_DATE_DAYS,
  PRIORITIES,
  REGIONS,
  SEGMENTS,
  SHIP_INSTRUCTIONS,
  SHIP_MODES,
  START_DATE,
  TPCH_SCHEMA,
  TYPE_SYLLABLES,
  tpchCounts,
  type TpchCounts,
  type TpchTable,
} from './spec.js';

export const TEXT_POOL_VARIABLE = 'tpch_text';
export const VSTRING_POOL_VARIABLE = 'tpch_vstring';
export const TEXT_POOL_LENGTH = 1 << 20;
export const VSTRING_POOL_LENGTH = 1 << 16;

// Hash streams per table (0..15); orders and lineitem share the order stream so line counts agree.
const STREAM = { region: 0, nation: 1, supplier: 2, customer: 5, part: 8, partsupp: 11, order: 12, line: 13 } as const;

type Lengths = readonly [number, number];

function comment(d: Draws, [lo, hi]: Lengths): string {
  const offset = d.int(0, TEXT_POOL_LENGTH - hi - 1);
  const length = d.int(lo, hi);
  return `substr(getvariable('${TEXT_POOL_VARIABLE}'), 1 + ${offset}, ${length})`;
}

function vString(d: Draws, lo: number, hi: number): string {
  const offset = d.int(0, VSTRING_POOL_LENGTH - hi - 1);
  return `substr(getvariable('${VSTRING_POOL_VARIABLE}'), 1 + ${offset}, ${d.int(lo, hi)})`;
}

/** The phone number format of 4.2.2.9: country code (nation + 10), then three local numbers. */
function phone(d: Draws, nation: string): string {
  return `concat(${nation} + 10, '-', ${d.int(100, 999)}, '-', ${d.int(100, 999)}, '-', ${d.int(1000, 9999)})`;
}

function money(cents: string): string {
  return `((${cents}) / 100)::DECIMAL(15,2)`;
}

function keyName(prefix: string, key: string): string {
  return `'${prefix}#' || lpad((${key})::VARCHAR, 9, '0')`;
}

function castColumns(table: TpchTable, expressions: string[]): string {
  return TPCH_SCHEMA[table].map(([name, type], i) => `CAST(${expressions[i]} AS ${type}) AS ${name}`).join(',\n  ');
}

/** Where row indexes come from: range() (one thread) or a table of keys, which DuckDB scans in parallel. */
export type KeySource = (rows: number) => string;

export const rangeKeys: KeySource = (rows) => `range(${rows}) r(k)`;

/** Keys from a table with column k holding 0, 1, 2, ... (see generate.ts). */
export function tableKeys(table: string): KeySource {
  return (rows) => `(SELECT k FROM ${table} WHERE k < ${rows}) r(k)`;
}

/** A SELECT over `rows` keys whose hashes are columns h0..hn of an inner query. */
function overRange(table: TpchTable, rows: number, stream: number, seed: number, keys: KeySource, build: (d: Draws) => string[]): string {
  const d = new Draws('k', stream, seed, (i) => `h${i}`);
  const expressions = build(d);
  const hashes = d.columns((i) => `h${i}`);
  return `SELECT\n  ${castColumns(table, expressions)}\nFROM (SELECT k${hashes.map((h) => `, ${h}`).join('')} FROM ${keys(rows)})`;
}

function region(seed: number): string {
  const values = REGIONS.map((name, i) => `(${i}, '${name}')`).join(', ');
  const d = new Draws('k', STREAM.region, seed, (_, e) => e);
  return `SELECT\n  ${castColumns('region', ['k', 'name', comment(d, COMMENT_LENGTHS.r_comment)])}\nFROM (VALUES ${values}) v(k, name)`;
}

function nation(seed: number): string {
  const values = NATIONS.map(([name, regionKey], i) => `(${i}, '${name}', ${regionKey})`).join(', ');
  const d = new Draws('k', STREAM.nation, seed, (_, e) => e);
  return `SELECT\n  ${castColumns('nation', ['k', 'name', 'regionkey', comment(d, COMMENT_LENGTHS.n_comment)])}\nFROM (VALUES ${values}) v(k, name, regionkey)`;
}

function supplier(n: TpchCounts, seed: number, keys: KeySource): string {
  return overRange('supplier', n.supplier, STREAM.supplier, seed, keys, (d) => {
    const nationKey = d.int(0, 24);
    // Clause 4.2.3: SF * 5 suppliers have customer complaints in their comment, SF * 5 recommendations.
    const marker = d.int(0, 1999);
    const text = comment(d, COMMENT_LENGTHS.s_comment);
    const withMarker = `CASE WHEN ${marker} = 0 THEN left(${text}, 20) || 'Customer ' || left(${text}, 10) || 'Complaints'
      WHEN ${marker} = 1 THEN left(${text}, 20) || 'Customer ' || left(${text}, 10) || 'Recommends'
      ELSE ${text} END`;
    return ['k + 1', keyName('Supplier', 'k + 1'), vString(d, 10, 40), nationKey, phone(d, nationKey), money(d.int(-99999, 999999)), withMarker];
  });
}

function customer(n: TpchCounts, seed: number, keys: KeySource): string {
  return overRange('customer', n.customer, STREAM.customer, seed, keys, (d) => {
    const nationKey = d.int(0, 24);
    return [
      'k + 1',
      keyName('Customer', 'k + 1'),
      vString(d, 10, 40),
      nationKey,
      phone(d, nationKey),
      money(d.int(-99999, 999999)),
      d.pick(SEGMENTS),
      comment(d, COMMENT_LENGTHS.c_comment),
    ];
  });
}

/** Clause 4.2.3's retail price, in cents, of part key `key`. */
function retailCents(key: string): string {
  return `(90000 + ((${key}) // 10) % 20001 + 100 * ((${key}) % 1000))`;
}

function part(n: TpchCounts, seed: number, keys: KeySource): string {
  return overRange('part', n.part, STREAM.part, seed, keys, (d) => {
    // Five distinct colours: each step moves 1..18 places on, so five steps never wrap onto an earlier word.
    const first = d.int(0, COLORS.length - 1);
    const steps = [1, 2, 3, 4].map(() => d.int(1, 18));
    const offsets = [first, ...steps.map((_, i) => `${first} + ${steps.slice(0, i + 1).join(' + ')}`)];
    const name = `concat_ws(' ', ${offsets.map((o) => `${sqlList(COLORS)}[1 + (${o}) % ${COLORS.length}]`).join(', ')})`;
    const manufacturer = d.int(1, 5);
    const type = TYPE_SYLLABLES.map((s) => d.pick(s)).join(` || ' ' || `);
    const container = CONTAINER_SYLLABLES.map((s) => d.pick(s)).join(` || ' ' || `);
    return [
      'k + 1',
      name,
      `'Manufacturer#' || ${manufacturer}`,
      `'Brand#' || ${manufacturer} || ${d.int(1, 5)}`,
      type,
      d.int(1, 50),
      container,
      money(retailCents('k + 1')),
      comment(d, COMMENT_LENGTHS.p_comment),
    ];
  });
}

/** Clause 4.2.3: the i-th (0..3) supplier of a part, so that every part has four distinct ones. */
function supplierOf(partKey: string, i: string, suppliers: number): string {
  return `((${partKey}) + (${i}) * (${Math.floor(suppliers / 4)} + ((${partKey}) - 1) // ${suppliers})) % ${suppliers} + 1`;
}

function partsupp(n: TpchCounts, seed: number, keys: KeySource): string {
  return overRange('partsupp', n.partsupp, STREAM.partsupp, seed, keys, (d) => [
    'k // 4 + 1',
    supplierOf('k // 4 + 1', 'k % 4', n.supplier),
    d.int(1, 9999),
    money(d.int(100, 100000)),
    comment(d, COMMENT_LENGTHS.ps_comment),
  ]);
}

/** The sparse order keys of 4.2.3: 8 used keys in each group of 32. */
function orderKey(index: string): string {
  return `((${index}) // 8) * 32 + (${index}) % 8 + 1`;
}

interface OrderFields {
  date: string;
  lines: string;
}

/** The fields lineitem needs from its order: drawn first, in this order, by both queries. */
function orderFields(d: Draws): OrderFields {
  return { date: `(DATE '${START_DATE}' + ${d.int(0, ORDER_DATE_DAYS - 1)}::INTEGER)`, lines: d.int(1, 7) };
}

interface LineFields {
  partKey: string;
  supplierIndex: string;
  quantity: string;
  discount: string;
  tax: string;
  shipDays: string;
}

/** The fields orders needs from its lines, drawn first and in this order by both queries. */
function lineFields(d: Draws, n: TpchCounts): LineFields {
  return {
    partKey: d.int(1, n.part),
    supplierIndex: d.int(0, 3),
    quantity: d.int(1, 50),
    discount: d.int(0, 10),
    tax: d.int(0, 8),
    shipDays: d.int(1, 121),
  };
}

function orders(n: TpchCounts, seed: number, keys: KeySource): string {
  const d = new Draws('k', STREAM.order, seed, (i) => `h${i}`);
  const order = orderFields(d);
  const clerks = Math.max(1, Math.floor(n.supplier / 10));
  // Every third customer places no order (4.2.3): draw among the others and skip the multiples of 3.
  const activeCustomers = n.customer - Math.floor(n.customer / 3);
  const customerIndex = d.int(0, activeCustomers - 1);
  const expressions = [
    orderKey('k'),
    `(${customerIndex}) // 2 * 3 + (${customerIndex}) % 2 + 1`,
    'status',
    'total / 100',
    'odate',
    d.pick(PRIORITIES),
    keyName('Clerk', d.int(1, clerks)),
    '0',
    comment(d, COMMENT_LENGTHS.o_comment),
  ];
  // The order's lines, unrolled: total price and status need them, and recomputing beats a join.
  // Each line's hashes are columns (NULL past the last line) so that each is computed once.
  const charges: string[] = [];
  const shipDates: string[] = [];
  const lineHashes: string[] = [];
  for (let j = 0; j < 7; j++) {
    const ld = new Draws(`k * 8 + ${j}`, STREAM.line, seed, (i) => `l${j}_${i}`);
    const line = lineFields(ld, n);
    // In DOUBLE: exact below 2^53 (a line is at most 1.1e11) and free of BIGINT's overflow checks.
    const charge = `${line.quantity}::DOUBLE * ${retailCents(line.partKey)}::DOUBLE * (100 - ${line.discount})::DOUBLE * (100 + ${line.tax})::DOUBLE`;
    charges.push(j === 0 ? charge : `coalesce(${charge}, 0)`);
    shipDates.push(line.shipDays);
    ld.expressions().forEach((hash, i) => {
      lineHashes.push(j === 0 ? `${hash} AS l${j}_${i}` : `CASE WHEN lines > ${j} THEN ${hash} END AS l${j}_${i}`);
    });
  }
  const current = `DATE '${CURRENT_DATE}'`;
  const hashes = d.columns((i) => `h${i}`);
  return `SELECT\n  ${castColumns('orders', expressions)}
FROM (
  SELECT *,
    CASE WHEN odate + greatest(${shipDates.join(', ')})::INTEGER <= ${current} THEN 'F'
         WHEN odate + least(${shipDates.join(', ')})::INTEGER > ${current} THEN 'O' ELSE 'P' END AS status,
    round((${charges.join(' + ')}) / 10000) AS total
  FROM (
    SELECT *, ${lineHashes.join(', ')} FROM (
      SELECT *, ${order.date} AS odate, ${order.lines} AS lines FROM (SELECT k, ${hashes.join(', ')} FROM ${keys(n.orders)})
    )
  )
)`;
}

function lineitem(n: TpchCounts, seed: number, keys: KeySource): string {
  const od = new Draws('k', STREAM.order, seed, (i) => `h${i}`);
  const order = orderFields(od);
  const d = new Draws('k * 8 + j', STREAM.line, seed, (i) => `g${i}`);
  const line = lineFields(d, n);
  const commitDays = d.int(30, 90);
  const receiptDays = d.int(1, 30);
  const returned = d.int(0, 1);
  const current = `DATE '${CURRENT_DATE}'`;
  const expressions = [
    orderKey('k'),
    'partkey',
    supplierOf('partkey', line.supplierIndex, n.supplier),
    'j + 1',
    'quantity',
    money(`quantity * ${retailCents('partkey')}`),
    money(line.discount),
    money(line.tax),
    `CASE WHEN receipt <= ${current} THEN (CASE WHEN ${returned} = 0 THEN 'R' ELSE 'A' END) ELSE 'N' END`,
    `CASE WHEN ship > ${current} THEN 'O' ELSE 'F' END`,
    'ship',
    `odate + ${commitDays}::INTEGER`,
    'receipt',
    d.pick(SHIP_INSTRUCTIONS),
    d.pick(SHIP_MODES),
    comment(d, COMMENT_LENGTHS.l_comment),
  ];
  const lineHashes = d.columns((i) => `g${i}`);
  const orderHashes = od.columns((i) => `h${i}`);
  return `SELECT\n  ${castColumns('lineitem', expressions)}
FROM (
  SELECT *, ship + ${receiptDays}::INTEGER AS receipt FROM (
    SELECT *, ${line.partKey} AS partkey, ${line.quantity} AS quantity, odate + ${line.shipDays}::INTEGER AS ship FROM (
      SELECT k, j, odate, ${lineHashes.join(', ')} FROM (
        SELECT k, ${order.date} AS odate, unnest(range(${order.lines})) AS j
        FROM (SELECT k, ${orderHashes.join(', ')} FROM ${keys(n.orders)})
      )
    )
  )
)`;
}

/** The SELECT that generates `table` at `scale` with `seed` (needs the text pools, see generate.ts). */
export function tpchTableSql(table: TpchTable, scale: number, seed: number, keys: KeySource = rangeKeys): string {
  const n = tpchCounts(scale);
  switch (table) {
    case 'region':
      return region(seed);
    case 'nation':
      return nation(seed);
    case 'supplier':
      return supplier(n, seed, keys);
    case 'customer':
      return customer(n, seed, keys);
    case 'part':
      return part(n, seed, keys);
    case 'partsupp':
      return partsupp(n, seed, keys);
    case 'orders':
      return orders(n, seed, keys);
    case 'lineitem':
      return lineitem(n, seed, keys);
  }
}

/** CREATE TABLE for one table with the specification's columns and types. */
export function tpchCreateSql(table: TpchTable, options: { replace?: boolean } = {}): string {
  const columns = TPCH_SCHEMA[table].map(([name, type]) => `${name} ${type} NOT NULL`).join(', ');
  return `CREATE ${options.replace ? 'OR REPLACE ' : ''}TABLE ${table} (${columns})`;
}
