/** Operator trees as text for people: one home for how `explain` and a regression's diagnosis print plans. Pure. */
import type { PlanNode, ProfileNode } from './profile.js';
import { formatCount, formatTime } from './units.js';

/** The last part of a qualified name: `memory.main.orders` -> `orders`. */
const shortName = (name: string) => name.split('.').at(-1) ?? name;

const text = (value: unknown) => (Array.isArray(value) ? value.join(', ') : String(value));

/** An operator's label: its DuckDB name, plus the table it scans or how it joins (`SEQ_SCAN orders`, `HASH_JOIN INNER a = b`). */
export function operatorLabel(node: { operator: string; name?: string; extraInfo: Record<string, unknown> }): string {
  const info = node.extraInfo;
  const name = node.name || node.operator;
  if (typeof info['Table'] === 'string') return `${name} ${shortName(info['Table'])}`;
  if (typeof info['Function'] === 'string' && info['Function'] !== name) return `${name} ${info['Function']}`;
  if (info['Join Type'] !== undefined) return `${name} ${text(info['Join Type'])}${info['Conditions'] !== undefined ? ` ${text(info['Conditions'])}` : ''}`;
  return name;
}

/** A tree drawn with box characters, one line per node: `line` says what the node's line reads. */
export function treeLines<T extends { children: readonly T[] }>(roots: readonly T[], line: (node: T) => string): string[] {
  const out: string[] = [];
  const walk = (nodes: readonly T[], indent: string, top: boolean) => {
    nodes.forEach((node, i) => {
      const last = i === nodes.length - 1;
      out.push(`${indent}${top ? '' : last ? '└─ ' : '├─ '}${line(node)}`);
      walk(node.children, top ? indent : `${indent}${last ? '   ' : '│  '}`, false);
    });
  };
  walk(roots, '', true);
  return out;
}

/** An executed plan: each operator with its own time and the rows it produced. */
export function profileTreeLines(nodes: readonly ProfileNode[]): string[] {
  return treeLines(nodes, (n) => `${operatorLabel(n)}  ${formatTime(n.timing * 1000)}  ${formatCount(n.cardinality)} rows`);
}

/** A plan not run: each operator with DuckDB's estimate of its rows, where it gives one. */
export function planTreeLines(root: PlanNode): string[] {
  return treeLines([root], (n) => `${operatorLabel(n)}${n.estimatedCardinality === null ? '' : `  ~${formatCount(n.estimatedCardinality)} rows`}`);
}
