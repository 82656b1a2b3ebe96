import { compiledScript } from '../compiled-script.js';
import type { Profile } from '../suite.js';

/** What one truth process measures: the same benchmark of two suite files, in one process. */
export interface TruthSpec {
  /** Suite files (absolute paths): the base's and the variant's. */
  base: string;
  variant: string;
  /** The benchmark's expanded name, the same in both suites. */
  benchmark: string;
  profile: Profile;
  settings: Record<string, string>;
  /** How long to keep alternating batches, seconds. */
  seconds: number;
  /** Iterations per batch are chosen so a batch takes about this long, ms. */
  batchMs: number;
}

/** One truth process's rounds: mean ms per iteration of each side's batch, and which side ran first. */
export interface TruthRun {
  duckdb: string;
  iterations: number;
  rounds: { base: number; variant: number; baseFirst: boolean }[];
}

/** The compiled truth script of this package. */
export function truthScript(): string {
  return compiledScript(new URL('./entry.js', import.meta.url));
}
