// The 22 TPC-H queries (specification clause 2.4), written for DuckDB, with the substitution parameters of
// the validation run (clause 2.4.x.4 "Query Validation"). Parameters appear in a template as :NAME.

export type ParameterValue = string | number;

export interface TpchQuery {
  number: number;
  title: string;
  /** The validation values; FRACTION of query 11 is divided by the scale factor under the spec's rule. */
  parameters: Readonly<Record<string, ParameterValue>>;
  template: string;
}

export const tpchQueries: readonly TpchQuery[] = [
  {
    number: 1,
    title: 'Pricing Summary Report',
    parameters: { DELTA: 90 },
    template: `SELECT l_returnflag, l_linestatus,
  sum(l_quantity) AS sum_qty,
  sum(l_extendedprice) AS sum_base_price,
  sum(l_extendedprice * (1 - l_discount)) AS sum_disc_price,
  sum(l_extendedprice * (1 - l_discount) * (1 + l_tax)) AS sum_charge,
  avg(l_quantity) AS avg_qty,
  avg(l_extendedprice) AS avg_price,
  avg(l_discount) AS avg_disc,
  count(*) AS count_order
FROM lineitem
WHERE l_shipdate <= DATE '1998-12-01' - INTERVAL (:DELTA) DAY
GROUP BY l_returnflag, l_linestatus
ORDER BY l_returnflag, l_linestatus`,
  },
  {
    number: 2,
    title: 'Minimum Cost Supplier',
    parameters: { SIZE: 15, TYPE: 'BRASS', REGION: 'EUROPE' },
    template: `SELECT s_acctbal, s_name, n_name, p_partkey, p_mfgr, s_address, s_phone, s_comment
FROM part, supplier, partsupp, nation, region
WHERE p_partkey = ps_partkey
  AND s_suppkey = ps_suppkey
  AND p_size = :SIZE
  AND p_type LIKE '%' || :TYPE
  AND s_nationkey = n_nationkey
  AND n_regionkey = r_regionkey
  AND r_name = :REGION
  AND ps_supplycost = (
    SELECT min(ps_supplycost)
    FROM partsupp, supplier, nation, region
    WHERE p_partkey = ps_partkey
      AND s_suppkey = ps_suppkey
      AND s_nationkey = n_nationkey
      AND n_regionkey = r_regionkey
      AND r_name = :REGION)
ORDER BY s_acctbal DESC, n_name, s_name, p_partkey
LIMIT 100`,
  },
  {
    number: 3,
    title: 'Shipping Priority',
    parameters: { SEGMENT: 'BUILDING', DATE: '1995-03-15' },
    template: `SELECT l_orderkey, sum(l_extendedprice * (1 - l_discount)) AS revenue, o_orderdate, o_shippriority
FROM customer, orders, lineitem
WHERE c_mktsegment = :SEGMENT
  AND c_custkey = o_custkey
  AND l_orderkey = o_orderkey
  AND o_orderdate < DATE :DATE
  AND l_shipdate > DATE :DATE
GROUP BY l_orderkey, o_orderdate, o_shippriority
ORDER BY revenue DESC, o_orderdate
LIMIT 10`,
  },
  {
    number: 4,
    title: 'Order Priority Checking',
    parameters: { DATE: '1993-07-01' },
    template: `SELECT o_orderpriority, count(*) AS order_count
FROM orders
WHERE o_orderdate >= DATE :DATE
  AND o_orderdate < DATE :DATE + INTERVAL 3 MONTH
  AND EXISTS (SELECT * FROM lineitem WHERE l_orderkey = o_orderkey AND l_commitdate < l_receiptdate)
GROUP BY o_orderpriority
ORDER BY o_orderpriority`,
  },
  {
    number: 5,
    title: 'Local Supplier Volume',
    parameters: { REGION: 'ASIA', DATE: '1994-01-01' },
    template: `SELECT n_name, sum(l_extendedprice * (1 - l_discount)) AS revenue
FROM customer, orders, lineitem, supplier, nation, region
WHERE c_custkey = o_custkey
  AND l_orderkey = o_orderkey
  AND l_suppkey = s_suppkey
  AND c_nationkey = s_nationkey
  AND s_nationkey = n_nationkey
  AND n_regionkey = r_regionkey
  AND r_name = :REGION
  AND o_orderdate >= DATE :DATE
  AND o_orderdate < DATE :DATE + INTERVAL 1 YEAR
GROUP BY n_name
ORDER BY revenue DESC`,
  },
  {
    number: 6,
    title: 'Forecasting Revenue Change',
    parameters: { DATE: '1994-01-01', DISCOUNT: 0.06, QUANTITY: 24 },
    template: `SELECT sum(l_extendedprice * l_discount) AS revenue
FROM lineitem
WHERE l_shipdate >= DATE :DATE
  AND l_shipdate < DATE :DATE + INTERVAL 1 YEAR
  AND l_discount BETWEEN :DISCOUNT - 0.01 AND :DISCOUNT + 0.01
  AND l_quantity < :QUANTITY`,
  },
  {
    number: 7,
    title: 'Volume Shipping',
    parameters: { NATION1: 'FRANCE', NATION2: 'GERMANY' },
    template: `SELECT supp_nation, cust_nation, l_year, sum(volume) AS revenue
FROM (
  SELECT n1.n_name AS supp_nation, n2.n_name AS cust_nation, extract(year FROM l_shipdate) AS l_year,
    l_extendedprice * (1 - l_discount) AS volume
  FROM supplier, lineitem, orders, customer, nation n1, nation n2
  WHERE s_suppkey = l_suppkey
    AND o_orderkey = l_orderkey
    AND c_custkey = o_custkey
    AND s_nationkey = n1.n_nationkey
    AND c_nationkey = n2.n_nationkey
    AND ((n1.n_name = :NATION1 AND n2.n_name = :NATION2) OR (n1.n_name = :NATION2 AND n2.n_name = :NATION1))
    AND l_shipdate BETWEEN DATE '1995-01-01' AND DATE '1996-12-31'
) AS shipping
GROUP BY supp_nation, cust_nation, l_year
ORDER BY supp_nation, cust_nation, l_year`,
  },
  {
    number: 8,
    title: 'National Market Share',
    parameters: { NATION: 'BRAZIL', REGION: 'AMERICA', TYPE: 'ECONOMY ANODIZED STEEL' },
    template: `SELECT o_year, sum(CASE WHEN nation = :NATION THEN volume ELSE 0 END) / sum(volume) AS mkt_share
FROM (
  SELECT extract(year FROM o_orderdate) AS o_year, l_extendedprice * (1 - l_discount) AS volume, n2.n_name AS nation
  FROM part, supplier, lineitem, orders, customer, nation n1, nation n2, region
  WHERE p_partkey = l_partkey
    AND s_suppkey = l_suppkey
    AND l_orderkey = o_orderkey
    AND o_custkey = c_custkey
    AND c_nationkey = n1.n_nationkey
    AND n1.n_regionkey = r_regionkey
    AND r_name = :REGION
    AND s_nationkey = n2.n_nationkey
    AND o_orderdate BETWEEN DATE '1995-01-01' AND DATE '1996-12-31'
    AND p_type = :TYPE
) AS all_nations
GROUP BY o_year
ORDER BY o_year`,
  },
  {
    number: 9,
    title: 'Product Type Profit Measure',
    parameters: { COLOR: 'green' },
    template: `SELECT nation, o_year, sum(amount) AS sum_profit
FROM (
  SELECT n_name AS nation, extract(year FROM o_orderdate) AS o_year,
    l_extendedprice * (1 - l_discount) - ps_supplycost * l_quantity AS amount
  FROM part, supplier, lineitem, partsupp, orders, nation
  WHERE s_suppkey = l_suppkey
    AND ps_suppkey = l_suppkey
    AND ps_partkey = l_partkey
    AND p_partkey = l_partkey
    AND o_orderkey = l_orderkey
    AND s_nationkey = n_nationkey
    AND p_name LIKE '%' || :COLOR || '%'
) AS profit
GROUP BY nation, o_year
ORDER BY nation, o_year DESC`,
  },
  {
    number: 10,
    title: 'Returned Item Reporting',
    parameters: { DATE: '1993-10-01' },
    template: `SELECT c_custkey, c_name, sum(l_extendedprice * (1 - l_discount)) AS revenue, c_acctbal, n_name, c_address,
  c_phone, c_comment
FROM customer, orders, lineitem, nation
WHERE c_custkey = o_custkey
  AND l_orderkey = o_orderkey
  AND o_orderdate >= DATE :DATE
  AND o_orderdate < DATE :DATE + INTERVAL 3 MONTH
  AND l_returnflag = 'R'
  AND c_nationkey = n_nationkey
GROUP BY c_custkey, c_name, c_acctbal, c_phone, n_name, c_address, c_comment
ORDER BY revenue DESC
LIMIT 20`,
  },
  {
    number: 11,
    title: 'Important Stock Identification',
    parameters: { NATION: 'GERMANY', FRACTION: 0.0001 },
    template: `SELECT ps_partkey, sum(ps_supplycost * ps_availqty) AS value
FROM partsupp, supplier, nation
WHERE ps_suppkey = s_suppkey
  AND s_nationkey = n_nationkey
  AND n_name = :NATION
GROUP BY ps_partkey
HAVING sum(ps_supplycost * ps_availqty) > (
  SELECT sum(ps_supplycost * ps_availqty) * :FRACTION
  FROM partsupp, supplier, nation
  WHERE ps_suppkey = s_suppkey
    AND s_nationkey = n_nationkey
    AND n_name = :NATION)
ORDER BY value DESC`,
  },
  {
    number: 12,
    title: 'Shipping Modes and Order Priority',
    parameters: { SHIPMODE1: 'MAIL', SHIPMODE2: 'SHIP', DATE: '1994-01-01' },
    template: `SELECT l_shipmode,
  sum(CASE WHEN o_orderpriority = '1-URGENT' OR o_orderpriority = '2-HIGH' THEN 1 ELSE 0 END) AS high_line_count,
  sum(CASE WHEN o_orderpriority <> '1-URGENT' AND o_orderpriority <> '2-HIGH' THEN 1 ELSE 0 END) AS low_line_count
FROM orders, lineitem
WHERE o_orderkey = l_orderkey
  AND l_shipmode IN (:SHIPMODE1, :SHIPMODE2)
  AND l_commitdate < l_receiptdate
  AND l_shipdate < l_commitdate
  AND l_receiptdate >= DATE :DATE
  AND l_receiptdate < DATE :DATE + INTERVAL 1 YEAR
GROUP BY l_shipmode
ORDER BY l_shipmode`,
  },
  {
    number: 13,
    title: 'Customer Distribution',
    parameters: { WORD1: 'special', WORD2: 'requests' },
    template: `SELECT c_count, count(*) AS custdist
FROM (
  SELECT c_custkey, count(o_orderkey) AS c_count
  FROM customer LEFT OUTER JOIN orders
    ON c_custkey = o_custkey AND o_comment NOT LIKE '%' || :WORD1 || '%' || :WORD2 || '%'
  GROUP BY c_custkey
) AS c_orders
GROUP BY c_count
ORDER BY custdist DESC, c_count DESC`,
  },
  {
    number: 14,
    title: 'Promotion Effect',
    parameters: { DATE: '1995-09-01' },
    template: `SELECT 100.00 * sum(CASE WHEN p_type LIKE 'PROMO%' THEN l_extendedprice * (1 - l_discount) ELSE 0 END)
  / sum(l_extendedprice * (1 - l_discount)) AS promo_revenue
FROM lineitem, part
WHERE l_partkey = p_partkey
  AND l_shipdate >= DATE :DATE
  AND l_shipdate < DATE :DATE + INTERVAL 1 MONTH`,
  },
  {
    number: 15,
    title: 'Top Supplier',
    parameters: { DATE: '1996-01-01' },
    template: `WITH revenue AS (
  SELECT l_suppkey AS supplier_no, sum(l_extendedprice * (1 - l_discount)) AS total_revenue
  FROM lineitem
  WHERE l_shipdate >= DATE :DATE
    AND l_shipdate < DATE :DATE + INTERVAL 3 MONTH
  GROUP BY l_suppkey
)
SELECT s_suppkey, s_name, s_address, s_phone, total_revenue
FROM supplier, revenue
WHERE s_suppkey = supplier_no
  AND total_revenue = (SELECT max(total_revenue) FROM revenue)
ORDER BY s_suppkey`,
  },
  {
    number: 16,
    title: 'Parts/Supplier Relationship',
    parameters: {
      BRAND: 'Brand#45',
      TYPE: 'MEDIUM POLISHED',
      SIZE1: 49,
      SIZE2: 14,
      SIZE3: 23,
      SIZE4: 45,
      SIZE5: 19,
      SIZE6: 3,
      SIZE7: 36,
      SIZE8: 9,
    },
    template: `SELECT p_brand, p_type, p_size, count(DISTINCT ps_suppkey) AS supplier_cnt
FROM partsupp, part
WHERE p_partkey = ps_partkey
  AND p_brand <> :BRAND
  AND p_type NOT LIKE :TYPE || '%'
  AND p_size IN (:SIZE1, :SIZE2, :SIZE3, :SIZE4, :SIZE5, :SIZE6, :SIZE7, :SIZE8)
  AND ps_suppkey NOT IN (SELECT s_suppkey FROM supplier WHERE s_comment LIKE '%Customer%Complaints%')
GROUP BY p_brand, p_type, p_size
ORDER BY supplier_cnt DESC, p_brand, p_type, p_size`,
  },
  {
    number: 17,
    title: 'Small-Quantity-Order Revenue',
    parameters: { BRAND: 'Brand#23', CONTAINER: 'MED BOX' },
    template: `SELECT sum(l_extendedprice) / 7.0 AS avg_yearly
FROM lineitem, part
WHERE p_partkey = l_partkey
  AND p_brand = :BRAND
  AND p_container = :CONTAINER
  AND l_quantity < (SELECT 0.2 * avg(l_quantity) FROM lineitem WHERE l_partkey = p_partkey)`,
  },
  {
    number: 18,
    title: 'Large Volume Customer',
    parameters: { QUANTITY: 300 },
    template: `SELECT c_name, c_custkey, o_orderkey, o_orderdate, o_totalprice, sum(l_quantity)
FROM customer, orders, lineitem
WHERE o_orderkey IN (SELECT l_orderkey FROM lineitem GROUP BY l_orderkey HAVING sum(l_quantity) > :QUANTITY)
  AND c_custkey = o_custkey
  AND o_orderkey = l_orderkey
GROUP BY c_name, c_custkey, o_orderkey, o_orderdate, o_totalprice
ORDER BY o_totalprice DESC, o_orderdate
LIMIT 100`,
  },
  {
    number: 19,
    title: 'Discounted Revenue',
    parameters: { QUANTITY1: 1, QUANTITY2: 10, QUANTITY3: 20, BRAND1: 'Brand#12', BRAND2: 'Brand#23', BRAND3: 'Brand#34' },
    template: `SELECT sum(l_extendedprice * (1 - l_discount)) AS revenue
FROM lineitem, part
WHERE (p_partkey = l_partkey
    AND p_brand = :BRAND1
    AND p_container IN ('SM CASE', 'SM BOX', 'SM PACK', 'SM PKG')
    AND l_quantity >= :QUANTITY1 AND l_quantity <= :QUANTITY1 + 10
    AND p_size BETWEEN 1 AND 5
    AND l_shipmode IN ('AIR', 'AIR REG')
    AND l_shipinstruct = 'DELIVER IN PERSON')
  OR (p_partkey = l_partkey
    AND p_brand = :BRAND2
    AND p_container IN ('MED BAG', 'MED BOX', 'MED PKG', 'MED PACK')
    AND l_quantity >= :QUANTITY2 AND l_quantity <= :QUANTITY2 + 10
    AND p_size BETWEEN 1 AND 10
    AND l_shipmode IN ('AIR', 'AIR REG')
    AND l_shipinstruct = 'DELIVER IN PERSON')
  OR (p_partkey = l_partkey
    AND p_brand = :BRAND3
    AND p_container IN ('LG CASE', 'LG BOX', 'LG PACK', 'LG PKG')
    AND l_quantity >= :QUANTITY3 AND l_quantity <= :QUANTITY3 + 10
    AND p_size BETWEEN 1 AND 15
    AND l_shipmode IN ('AIR', 'AIR REG')
    AND l_shipinstruct = 'DELIVER IN PERSON')`,
  },
  {
    number: 20,
    title: 'Potential Part Promotion',
    parameters: { COLOR: 'forest', DATE: '1994-01-01', NATION: 'CANADA' },
    template: `SELECT s_name, s_address
FROM supplier, nation
WHERE s_suppkey IN (
    SELECT ps_suppkey
    FROM partsupp
    WHERE ps_partkey IN (SELECT p_partkey FROM part WHERE p_name LIKE :COLOR || '%')
      AND ps_availqty > (
        SELECT 0.5 * sum(l_quantity)
        FROM lineitem
        WHERE l_partkey = ps_partkey
          AND l_suppkey = ps_suppkey
          AND l_shipdate >= DATE :DATE
          AND l_shipdate < DATE :DATE + INTERVAL 1 YEAR))
  AND s_nationkey = n_nationkey
  AND n_name = :NATION
ORDER BY s_name`,
  },
  {
    number: 21,
    title: 'Suppliers Who Kept Orders Waiting',
    parameters: { NATION: 'SAUDI ARABIA' },
    template: `SELECT s_name, count(*) AS numwait
FROM supplier, lineitem l1, orders, nation
WHERE s_suppkey = l1.l_suppkey
  AND o_orderkey = l1.l_orderkey
  AND o_orderstatus = 'F'
  AND l1.l_receiptdate > l1.l_commitdate
  AND EXISTS (SELECT * FROM lineitem l2 WHERE l2.l_orderkey = l1.l_orderkey AND l2.l_suppkey <> l1.l_suppkey)
  AND NOT EXISTS (
    SELECT * FROM lineitem l3
    WHERE l3.l_orderkey = l1.l_orderkey AND l3.l_suppkey <> l1.l_suppkey AND l3.l_receiptdate > l3.l_commitdate)
  AND s_nationkey = n_nationkey
  AND n_name = :NATION
GROUP BY s_name
ORDER BY numwait DESC, s_name
LIMIT 100`,
  },
  {
    number: 22,
    title: 'Global Sales Opportunity',
    parameters: { I1: '13', I2: '31', I3: '23', I4: '29', I5: '30', I6: '18', I7: '17' },
    template: `SELECT cntrycode, count(*) AS numcust, sum(c_acctbal) AS totacctbal
FROM (
  SELECT substring(c_phone, 1, 2) AS cntrycode, c_acctbal
  FROM customer
  WHERE substring(c_phone, 1, 2) IN (:I1, :I2, :I3, :I4, :I5, :I6, :I7)
    AND c_acctbal > (
      SELECT avg(c_acctbal) FROM customer
      WHERE c_acctbal > 0.00 AND substring(c_phone, 1, 2) IN (:I1, :I2, :I3, :I4, :I5, :I6, :I7))
    AND NOT EXISTS (SELECT * FROM orders WHERE o_custkey = c_custkey)
) AS custsale
GROUP BY cntrycode
ORDER BY cntrycode`,
  },
];

function literal(value: ParameterValue): string {
  return typeof value === 'number' ? String(value) : `'${value.replace(/'/g, "''")}'`;
}

/**
 * Query 11's FRACTION: 'spec' is the specification's 0.0001 / SF; 'duckdb' keeps 0.0001 at every scale, as
 * the queries and published answers of DuckDB's tpch extension do.
 */
export type FractionRule = 'spec' | 'duckdb';

/** The query's parameters at `scale`: the validation values, query 11's FRACTION by `fraction` (default 'duckdb', as DuckDB's own queries and answers). */
export function tpchParameters(number: number, scale = 1, fraction: FractionRule = 'duckdb'): Record<string, ParameterValue> {
  const query = tpchQueries[number - 1];
  if (!query) throw new RangeError(`TPC-H has queries 1 to 22; got ${number}`);
  const parameters = { ...query.parameters };
  if (number === 11 && fraction === 'spec') parameters.FRACTION = Number((0.0001 / scale).toPrecision(12));
  return parameters;
}

/** The SQL text of TPC-H query `number` (1..22) with the validation parameters, or `overrides`. */
export function tpchQuery(number: number, options: { scale?: number; fraction?: FractionRule; overrides?: Record<string, ParameterValue> } = {}): string {
  const query = tpchQueries[number - 1] as TpchQuery;
  const parameters = { ...tpchParameters(number, options.scale ?? 1, options.fraction), ...(options.overrides ?? {}) };
  return query.template.replace(/:([A-Z][A-Z0-9]*)/g, (match, name: string) => {
    const value = parameters[name];
    if (value === undefined) throw new Error(`query ${number} has no parameter ${name}`);
    return literal(value);
  });
}

/** Parses a query list such as "1,3,5" or "1-6,22"; throws a RangeError naming the bad part. */
export function parseQueryList(text: string): number[] {
  const numbers = new Set<number>();
  for (const part of text.split(',').map((p) => p.trim())) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(part);
    const from = Number(range?.[1]);
    const to = Number(range?.[2] ?? range?.[1]);
    if (!range || from < 1 || to > 22 || from > to) throw new RangeError(`'${part}' is not a query number from 1 to 22`);
    for (let n = from; n <= to; n++) numbers.add(n);
  }
  return [...numbers].sort((a, b) => a - b);
}
