import type { ProfileNode, QueryProfile } from './profile.js';

/** Every run of one statement with one plan, its profiles summed: a loop of 1,000 lookups is one entry. */
export interface QueryRuns {
  query: string;
  runs: number;
  /** Totals over the runs: latency, CPU, rows and each operator's time and rows summed; peak memory the highest. */
  profile: QueryProfile;
}

/** An operator tree's shape: operator names in depth-first order with their child counts. */
function shape(nodes: ProfileNode[]): string {
  return nodes.map((n) => `${n.operator}(${shape(n.children)})`).join(',');
}

function addNodes(into: ProfileNode[], from: ProfileNode[]): void {
  into.forEach((node, i) => {
    const other = from[i] as ProfileNode;
    node.timing += other.timing;
    node.cardinality += other.cardinality;
    node.rowsScanned += other.rowsScanned;
    addNodes(node.children, other.children);
  });
}

function copyNodes(nodes: ProfileNode[]): ProfileNode[] {
  return nodes.map((n) => ({ ...n, children: copyNodes(n.children) }));
}

/** Groups profiles by statement and plan shape, in the order each was first run. */
export function groupByQuery(profiles: readonly QueryProfile[]): QueryRuns[] {
  const groups = new Map<string, QueryRuns>();
  for (const profile of profiles) {
    const query = profile.query ?? '';
    const key = `${query}\u0000${shape(profile.tree)}`;
    const group = groups.get(key);
    if (!group) {
      groups.set(key, { query, runs: 1, profile: { ...profile, query, tree: copyNodes(profile.tree) } });
      continue;
    }
    group.runs += 1;
    const sum = group.profile;
    sum.latency += profile.latency;
    sum.cpuTime += profile.cpuTime;
    sum.rowsReturned += profile.rowsReturned;
    sum.peakBufferMemory = Math.max(sum.peakBufferMemory, profile.peakBufferMemory);
    addNodes(sum.tree, profile.tree);
  }
  return [...groups.values()];
}
