/**
 * Compares what two sides' benchmark calls did inside DuckDB: the statements are paired (same
 * text first, then in the order they ran), each pair's operator trees are matched, and every
 * operator's time and rows are set side by side. Pure: profiles in, a diff out.
 */
import { flattenProfile, operatorLabel, type ProfileNode, type QueryRuns } from '@frozen-duckdb/core';

/** One operator of one side's tree, with its counterpart's numbers when it has one. */
export interface DiffNode {
  /** What the operator is, for people and for matching: e.g. `SEQ_SCAN orders`, `HASH_JOIN INNER a = b`. */
  label: string;
  /** Time in this operator alone over the profiled call, ms. */
  ms: number;
  rows: number;
  /** `added`: only the candidate has it; `removed`: only the base has it. */
  change: 'matched' | 'added' | 'removed';
  /** The other side's time and rows, for a matched operator. */
  other?: { ms: number; rows: number };
  children: DiffNode[];
}

/** One statement, as each side ran it. */
export interface QueryDiff {
  /** The candidate's statement (the base's when only the base ran it). */
  query: string;
  /** The base's statement when the pair was made by order and the text differs. */
  baseQuery?: string;
  /** `changed`: paired by order, the text differs; `added` / `removed`: only one side ran it. */
  change: 'same' | 'changed' | 'added' | 'removed';
  baseRuns: number;
  candidateRuns: number;
  /** DuckDB's latency summed over the runs, ms. */
  baseMs: number;
  candidateMs: number;
  base: DiffNode[];
  candidate: DiffNode[];
  /** The tables in the order the joins read them, when it differs between the sides. */
  joinOrder?: { base: string[]; candidate: string[] };
}

/** An operator that explains part of the difference. */
export interface Contributor {
  /** Index into `PlanDiff.queries`. */
  query: number;
  label: string;
  change: DiffNode['change'];
  baseMs: number;
  candidateMs: number;
  rows: { base: number | undefined; candidate: number | undefined };
}

export interface PlanDiff {
  queries: QueryDiff[];
  /** The operators that added the most time, most first (at most three; none when nothing got slower). */
  top: Contributor[];
}

const ms = (seconds: number) => seconds * 1000;

interface Flat {
  label: string;
  diff: DiffNode;
}

function toDiffNodes(nodes: ProfileNode[], change: DiffNode['change'], into: Flat[]): DiffNode[] {
  return nodes.map((node) => {
    const diff: DiffNode = { label: operatorLabel(node), ms: ms(node.timing), rows: node.cardinality, change, children: [] };
    into.push({ label: diff.label, diff });
    diff.children = toDiffNodes(node.children, change, into);
    return diff;
  });
}

/** How far apart two operators of one label are: rows first (orders of magnitude), then place among their kind. */
function distance(b: Flat, c: Flat, i: number, j: number): number {
  const rows = Math.abs(Math.log10((b.diff.rows + 1) / (c.diff.rows + 1)));
  return rows * 1000 + Math.abs(i - j);
}

/**
 * Matches two operator trees: operators of one label (`SEQ_SCAN orders`, `PROJECTION`) are paired
 * closest first, by the rows they produced and then by their order in the tree; the rest were added
 * or removed. An operator added above or between others (a sort, a join) leaves the others matched.
 */
export function matchTrees(base: ProfileNode[], candidate: ProfileNode[]): { base: DiffNode[]; candidate: DiffNode[] } {
  const baseFlat: Flat[] = [];
  const candidateFlat: Flat[] = [];
  const baseTree = toDiffNodes(base, 'removed', baseFlat);
  const candidateTree = toDiffNodes(candidate, 'added', candidateFlat);
  const byLabel = (flat: Flat[]) => {
    const groups = new Map<string, Flat[]>();
    for (const f of flat) groups.set(f.label, [...(groups.get(f.label) ?? []), f]);
    return groups;
  };
  const baseGroups = byLabel(baseFlat);
  for (const [label, cs] of byLabel(candidateFlat)) {
    const bs = baseGroups.get(label) ?? [];
    const pairs = bs.flatMap((b, i) => cs.map((c, j) => ({ b, c, d: distance(b, c, i, j) }))).sort((x, y) => x.d - y.d);
    for (const { b, c } of pairs) {
      if (b.diff.change === 'matched' || c.diff.change === 'matched') continue;
      b.diff.change = c.diff.change = 'matched';
      b.diff.other = { ms: c.diff.ms, rows: c.diff.rows };
      c.diff.other = { ms: b.diff.ms, rows: b.diff.rows };
    }
  }
  return { base: baseTree, candidate: candidateTree };
}

/** The tables a tree's joins read, in order (leaves only); empty without a join. */
function joinedTables(nodes: ProfileNode[]): string[] {
  const all = flattenProfile(nodes);
  if (!all.some((n) => n.operator.includes('JOIN'))) return [];
  return all.filter((n) => n.children.length === 0).map((n) => operatorLabel(n));
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function queryDiff(base: QueryRuns | undefined, candidate: QueryRuns | undefined): QueryDiff {
  const trees = matchTrees(base?.profile.tree ?? [], candidate?.profile.tree ?? []);
  const query = candidate?.query ?? base?.query ?? '';
  const change: QueryDiff['change'] = !base ? 'added' : !candidate ? 'removed' : base.query === candidate.query ? 'same' : 'changed';
  const diff: QueryDiff = {
    query,
    ...(change === 'changed' ? { baseQuery: base?.query ?? '' } : {}),
    change,
    baseRuns: base?.runs ?? 0,
    candidateRuns: candidate?.runs ?? 0,
    baseMs: ms(base?.profile.latency ?? 0),
    candidateMs: ms(candidate?.profile.latency ?? 0),
    ...trees,
  };
  if (base && candidate) {
    const order = { base: joinedTables(base.profile.tree), candidate: joinedTables(candidate.profile.tree) };
    // The same tables joined in another order: a changed join order (not a join added or removed).
    if (order.base.length > 1 && sameList([...order.base].sort(), [...order.candidate].sort()) && !sameList(order.base, order.candidate)) {
      diff.joinOrder = order;
    }
  }
  return diff;
}

/** Pairs the statements of two sides: same text first (in the order run), then the rest in order. */
export function pairQueries(base: readonly QueryRuns[], candidate: readonly QueryRuns[]): [QueryRuns | undefined, QueryRuns | undefined][] {
  const pairs: [QueryRuns | undefined, QueryRuns | undefined][] = [];
  const baseLeft = [...base];
  const candidateLeft: QueryRuns[] = [];
  for (const c of candidate) {
    const i = baseLeft.findIndex((b) => b.query === c.query);
    if (i >= 0) pairs.push([baseLeft.splice(i, 1)[0], c]);
    else candidateLeft.push(c);
  }
  const count = Math.max(baseLeft.length, candidateLeft.length);
  for (let i = 0; i < count; i++) pairs.push([baseLeft[i], candidateLeft[i]]);
  return pairs;
}

/** Every operator of both sides once: the candidate's (matched or added), then the base's removed ones. */
function contributions(queries: readonly QueryDiff[]): Contributor[] {
  return queries.flatMap((q, query) => {
    const walk = (nodes: DiffNode[], side: 'base' | 'candidate'): Contributor[] =>
      nodes.flatMap((n) => {
        const own = side === 'candidate' || n.change === 'removed';
        const entry: Contributor = {
          query,
          label: n.label,
          change: n.change,
          baseMs: side === 'base' ? n.ms : (n.other?.ms ?? 0),
          candidateMs: side === 'candidate' ? n.ms : 0,
          rows: side === 'base' ? { base: n.rows, candidate: undefined } : { base: n.other?.rows, candidate: n.rows },
        };
        return [...(own ? [entry] : []), ...walk(n.children, side)];
      });
    return [...walk(q.candidate, 'candidate'), ...walk(q.base, 'base')];
  });
}

/** The operators that added the most time, at most `count`. */
export function topContributors(queries: readonly QueryDiff[], count = 3): Contributor[] {
  return contributions(queries)
    .filter((c) => c.candidateMs > c.baseMs)
    .sort((a, b) => b.candidateMs - b.baseMs - (a.candidateMs - a.baseMs))
    .slice(0, count);
}

/** The diff of two sides' statements and operators. */
export function diffPlans(base: readonly QueryRuns[], candidate: readonly QueryRuns[]): PlanDiff {
  const queries = pairQueries(base, candidate).map(([b, c]) => queryDiff(b, c));
  return { queries, top: topContributors(queries) };
}
