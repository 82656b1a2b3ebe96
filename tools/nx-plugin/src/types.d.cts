// Types of @frozen-duckdb/nx-plugin (the sources are CommonJS with JSDoc, checked by `typecheck`; see index.cjs for why).
import type { CreateNodes as NxCreateNodes, CreateNodesResultArray as NxCreateNodesResultArray } from 'nx/src/project-graph/plugins/public-api.js';

/** The plugin's options in nx.json: `{ "plugin": "@frozen-duckdb/nx-plugin", "options": { ... } }`. */
export interface FrozenDuckDBPluginOptions {
  /** Name of the target that runs `frozen-duckdb bench` (default "bench"). */
  benchTargetName?: string;
  /** Name of the target that runs `frozen-duckdb baseline record` (default "bench-record"). */
  recordTargetName?: string;
  /** Name of the target that runs `frozen-duckdb compare` (default "bench-compare"). */
  compareTargetName?: string;
  /** The build target the benchmark targets depend on, in the project and its dependencies (default "build"). */
  buildTargetName?: string;
  /** Git ref bench-compare measures against, through its merge-base with HEAD (default "origin/main"). */
  base?: string;
  /** Allowed slowdown in percent where a suite sets none (default 10). */
  threshold?: number;
}

/** A target as the plugin infers it: an nx:run-commands call of the frozen-duckdb CLI. */
export interface InferredTarget {
  executor: 'nx:run-commands';
  options: { command: string; cwd: string } & Record<string, string | number>;
  cache: false;
  parallelism: false;
  dependsOn: string[];
  metadata: {
    technologies: string[];
    description: string;
    help: { command: string; example: { options: Record<string, unknown> } };
  };
}

/** A target that only runs others: the per-suite targets of one kind. */
export interface AggregateTarget {
  executor: 'nx:noop';
  cache: false;
  dependsOn: { target: string; projects: 'self'; params: 'forward' }[];
  metadata: { technologies: string[]; description: string };
}

export type CreateNodes = NxCreateNodes<FrozenDuckDBPluginOptions>;
export type CreateNodesResultArray = NxCreateNodesResultArray;

export declare const name: '@frozen-duckdb/nx-plugin';
export declare const createNodes: CreateNodes;
/** The same as createNodes, under the name older Nx versions read. */
export declare const createNodesV2: CreateNodes;
