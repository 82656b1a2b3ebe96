/** One operator of a physical plan. */
export interface PlanNode {
  operator: string;
  extraInfo: Record<string, unknown>;
  estimatedCardinality: number | null;
  children: PlanNode[];
}

/** One operator of an executed plan, with what it cost. */
export interface ProfileNode {
  /** Operator type, e.g. HASH_GROUP_BY, TABLE_SCAN. */
  operator: string;
  /** Operator name as DuckDB shows it (a scan shows its function, e.g. RANGE, SEQ_SCAN). */
  name: string;
  /** Seconds spent in this operator alone. */
  timing: number;
  /** Rows this operator produced. */
  cardinality: number;
  rowsScanned: number;
  extraInfo: Record<string, unknown>;
  children: ProfileNode[];
}

/** A query's EXPLAIN ANALYZE: totals and the operator tree (the EXPLAIN_ANALYZE wrapper removed). */
export interface QueryProfile {
  /** The statement's SQL as DuckDB names it (profiles written by `enable_profiling`); absent for EXPLAIN ANALYZE. */
  query?: string;
  /** Wall seconds for the whole query. */
  latency: number;
  /** CPU seconds summed over operators and threads. */
  cpuTime: number;
  rowsReturned: number;
  peakBufferMemory: number;
  tree: ProfileNode[];
}

type RawNode = Record<string, unknown> & { children?: RawNode[] };

/** Parses DuckDB's `EXPLAIN (FORMAT JSON)` output. */
export function parsePlan(json: string): PlanNode {
  const roots = JSON.parse(json) as RawNode[];
  const root = roots[0];
  if (!root) throw new Error('EXPLAIN returned no plan');
  return toPlanNode(root);
}

function toPlanNode(raw: RawNode): PlanNode {
  const extraInfo = (raw.extra_info as Record<string, unknown>) ?? {};
  return {
    operator: String(raw.name ?? ''),
    extraInfo,
    estimatedCardinality: numberOrNull(extraInfo['Estimated Cardinality']),
    children: (raw.children ?? []).map(toPlanNode),
  };
}

/** Parses DuckDB's `EXPLAIN (ANALYZE, FORMAT JSON)` output, or a profile `enable_profiling = 'json'` wrote (the same shape). */
export function parseAnalyzedPlan(json: string): QueryProfile {
  const root = JSON.parse(json) as RawNode;
  let tree = (root.children ?? []).map(toProfileNode);
  let rowsReturned = Number(root.rows_returned ?? 0);
  // The top operator is DuckDB's own EXPLAIN_ANALYZE wrapper: show the query's operators, and the rows
  // the query gave it (the EXPLAIN statement itself returns none).
  if (tree.length === 1 && tree[0]?.operator === 'EXPLAIN_ANALYZE') {
    tree = tree[0].children;
    rowsReturned = tree.reduce((sum, node) => sum + node.cardinality, 0);
  }
  // EXPLAIN ANALYZE names its own wrapper statement, not the query: no name then.
  const query = typeof root.query_name === 'string' && !/^\s*EXPLAIN\b/i.test(root.query_name) ? root.query_name : undefined;
  return {
    ...(query === undefined ? {} : { query }),
    latency: Number(root.latency ?? 0),
    cpuTime: Number(root.cpu_time ?? 0),
    rowsReturned,
    peakBufferMemory: Number(root.system_peak_buffer_memory ?? 0),
    tree,
  };
}

function toProfileNode(raw: RawNode): ProfileNode {
  return {
    operator: String(raw.operator_type ?? ''),
    name: String(raw.operator_name ?? raw.operator_type ?? ''),
    timing: Number(raw.operator_timing ?? 0),
    cardinality: Number(raw.operator_cardinality ?? 0),
    rowsScanned: Number(raw.operator_rows_scanned ?? 0),
    extraInfo: (raw.extra_info as Record<string, unknown>) ?? {},
    children: (raw.children ?? []).map(toProfileNode),
  };
}

function numberOrNull(value: unknown): number | null {
  const n = Number(value);
  return value === undefined || Number.isNaN(n) ? null : n;
}

/** Every node of a tree, depth first: handy for "which operator took the time". */
export function flattenProfile(nodes: ProfileNode[]): ProfileNode[] {
  return nodes.flatMap((node) => [node, ...flattenProfile(node.children)]);
}
