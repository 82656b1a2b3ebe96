// Facts from the TPC-H specification (clause 4.2): tables, cardinalities and value domains.

export const TPCH_TABLES = ['region', 'nation', 'supplier', 'customer', 'part', 'partsupp', 'orders', 'lineitem'] as const;
export type TpchTable = (typeof TPCH_TABLES)[number];

/** Column name and DuckDB type, in the specification's order. */
export type ColumnDef = readonly [name: string, type: string];

const MONEY = 'DECIMAL(15,2)';

export const TPCH_SCHEMA: Record<TpchTable, readonly ColumnDef[]> = {
  region: [
    ['r_regionkey', 'INTEGER'],
    ['r_name', 'VARCHAR'],
    ['r_comment', 'VARCHAR'],
  ],
  nation: [
    ['n_nationkey', 'INTEGER'],
    ['n_name', 'VARCHAR'],
    ['n_regionkey', 'INTEGER'],
    ['n_comment', 'VARCHAR'],
  ],
  supplier: [
    ['s_suppkey', 'INTEGER'],
    ['s_name', 'VARCHAR'],
    ['s_address', 'VARCHAR'],
    ['s_nationkey', 'INTEGER'],
    ['s_phone', 'VARCHAR'],
    ['s_acctbal', MONEY],
    ['s_comment', 'VARCHAR'],
  ],
  customer: [
    ['c_custkey', 'INTEGER'],
    ['c_name', 'VARCHAR'],
    ['c_address', 'VARCHAR'],
    ['c_nationkey', 'INTEGER'],
    ['c_phone', 'VARCHAR'],
    ['c_acctbal', MONEY],
    ['c_mktsegment', 'VARCHAR'],
    ['c_comment', 'VARCHAR'],
  ],
  part: [
    ['p_partkey', 'INTEGER'],
    ['p_name', 'VARCHAR'],
    ['p_mfgr', 'VARCHAR'],
    ['p_brand', 'VARCHAR'],
    ['p_type', 'VARCHAR'],
    ['p_size', 'INTEGER'],
    ['p_container', 'VARCHAR'],
    ['p_retailprice', MONEY],
    ['p_comment', 'VARCHAR'],
  ],
  partsupp: [
    ['ps_partkey', 'INTEGER'],
    ['ps_suppkey', 'INTEGER'],
    ['ps_availqty', 'INTEGER'],
    ['ps_supplycost', MONEY],
    ['ps_comment', 'VARCHAR'],
  ],
  orders: [
    ['o_orderkey', 'BIGINT'],
    ['o_custkey', 'INTEGER'],
    ['o_orderstatus', 'VARCHAR'],
    ['o_totalprice', MONEY],
    ['o_orderdate', 'DATE'],
    ['o_orderpriority', 'VARCHAR'],
    ['o_clerk', 'VARCHAR'],
    ['o_shippriority', 'INTEGER'],
    ['o_comment', 'VARCHAR'],
  ],
  lineitem: [
    ['l_orderkey', 'BIGINT'],
    ['l_partkey', 'INTEGER'],
    ['l_suppkey', 'INTEGER'],
    ['l_linenumber', 'INTEGER'],
    ['l_quantity', MONEY],
    ['l_extendedprice', MONEY],
    ['l_discount', MONEY],
    ['l_tax', MONEY],
    ['l_returnflag', 'VARCHAR'],
    ['l_linestatus', 'VARCHAR'],
    ['l_shipdate', 'DATE'],
    ['l_commitdate', 'DATE'],
    ['l_receiptdate', 'DATE'],
    ['l_shipinstruct', 'VARCHAR'],
    ['l_shipmode', 'VARCHAR'],
    ['l_comment', 'VARCHAR'],
  ],
};

/** Rows per table at scale factor `scale` (lineitem varies: 1 to 7 per order, about 4 on average). */
export interface TpchCounts {
  region: number;
  nation: number;
  supplier: number;
  customer: number;
  part: number;
  partsupp: number;
  orders: number;
}

/** The smallest scale factor whose suppliers still give each part four distinct partsupp rows. */
export const MIN_SCALE = 0.001;

export function tpchCounts(scale: number): TpchCounts {
  const part = Math.floor(200_000 * scale);
  return {
    region: 5,
    nation: 25,
    supplier: Math.floor(10_000 * scale),
    customer: Math.floor(150_000 * scale),
    part,
    partsupp: part * 4,
    orders: Math.floor(1_500_000 * scale),
  };
}

export const REGIONS = ['AFRICA', 'AMERICA', 'ASIA', 'EUROPE', 'MIDDLE EAST'] as const;

// Word lists stay as written, many to a line (prettier would put one word on each).
/** [name, regionkey] for nation keys 0..24. */
// prettier-ignore
export const NATIONS: readonly (readonly [string, number])[] = [
  ['ALGERIA', 0], ['ARGENTINA', 1], ['BRAZIL', 1], ['CANADA', 1], ['EGYPT', 4], ['ETHIOPIA', 0], ['FRANCE', 3],
  ['GERMANY', 3], ['INDIA', 2], ['INDONESIA', 2], ['IRAN', 4], ['IRAQ', 4], ['JAPAN', 2], ['JORDAN', 4], ['KENYA', 0],
  ['MOROCCO', 0], ['MOZAMBIQUE', 0], ['PERU', 1], ['CHINA', 2], ['ROMANIA', 3], ['SAUDI ARABIA', 4], ['VIETNAM', 2],
  ['RUSSIA', 3], ['UNITED KINGDOM', 3], ['UNITED STATES', 1],
];

/** The 92 words that part names are made of (five distinct ones per part). */
// prettier-ignore
export const COLORS = [
  'almond', 'antique', 'aquamarine', 'azure', 'beige', 'bisque', 'black', 'blanched', 'blue', 'blush', 'brown',
  'burlywood', 'burnished', 'chartreuse', 'chiffon', 'chocolate', 'coral', 'cornflower', 'cornsilk', 'cream', 'cyan',
  'dark', 'deep', 'dim', 'dodger', 'drab', 'firebrick', 'floral', 'forest', 'frosted', 'gainsboro', 'ghost',
  'goldenrod', 'green', 'grey', 'honeydew', 'hot', 'indian', 'ivory', 'khaki', 'lace', 'lavender', 'lawn', 'lemon',
  'light', 'lime', 'linen', 'magenta', 'maroon', 'medium', 'metallic', 'midnight', 'mint', 'misty', 'moccasin',
  'navajo', 'navy', 'olive', 'orange', 'orchid', 'pale', 'papaya', 'peach', 'peru', 'pink', 'plum', 'powder', 'puff',
  'purple', 'red', 'rose', 'rosy', 'royal', 'saddle', 'salmon', 'sandy', 'seashell', 'sienna', 'sky', 'slate', 'smoke',
  'snow', 'spring', 'steel', 'tan', 'thistle', 'tomato', 'turquoise', 'violet', 'wheat', 'white', 'yellow',
] as const;

export const TYPE_SYLLABLES = [
  ['STANDARD', 'SMALL', 'MEDIUM', 'LARGE', 'ECONOMY', 'PROMO'],
  ['ANODIZED', 'BURNISHED', 'PLATED', 'POLISHED', 'BRUSHED'],
  ['TIN', 'NICKEL', 'BRASS', 'STEEL', 'COPPER'],
] as const;

export const CONTAINER_SYLLABLES = [
  ['SM', 'LG', 'MED', 'JUMBO', 'WRAP'],
  ['CASE', 'BOX', 'BAG', 'JAR', 'PKG', 'PACK', 'CAN', 'DRUM'],
] as const;

export const SEGMENTS = ['AUTOMOBILE', 'BUILDING', 'FURNITURE', 'MACHINERY', 'HOUSEHOLD'] as const;
export const PRIORITIES = ['1-URGENT', '2-HIGH', '3-MEDIUM', '4-NOT SPECIFIED', '5-LOW'] as const;
export const SHIP_INSTRUCTIONS = ['DELIVER IN PERSON', 'COLLECT COD', 'NONE', 'TAKE BACK RETURN'] as const;
export const SHIP_MODES = ['REG AIR', 'AIR', 'RAIL', 'SHIP', 'TRUCK', 'MAIL', 'FOB'] as const;

/** STARTDATE, CURRENTDATE and ENDDATE of clause 4.2.3. */
export const START_DATE = '1992-01-01';
export const CURRENT_DATE = '1995-06-17';
/** Order dates run from STARTDATE to ENDDATE - 151 days (1998-08-02): 2,406 days. */
export const ORDER_DATE_DAYS = 2406;

/** Comment lengths [min, max] per column (clause 4.2.3: text strings of these sizes). */
export const COMMENT_LENGTHS = {
  r_comment: [31, 115],
  n_comment: [31, 114],
  s_comment: [25, 100],
  c_comment: [29, 116],
  p_comment: [5, 22],
  ps_comment: [49, 198],
  o_comment: [19, 78],
  l_comment: [10, 43],
} as const;
