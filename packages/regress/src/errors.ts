import { FrozenDuckDBError } from '@frozen-duckdb/core';

/** The baseline file is missing, unreadable, truncated or of another schema. */
export class BaselineError extends FrozenDuckDBError {
  readonly path: string;

  constructor(path: string, problem: string, hint: string) {
    super(`${path}: ${problem}`, { category: 'usage', hint });
    this.path = path;
  }
}

/** A git operation the gate needs could not be done (bad ref, shallow clone, not a repository). */
export class GitError extends FrozenDuckDBError {
  constructor(message: string, hint: string, cause?: unknown) {
    super(message, { category: 'usage', hint, cause });
  }
}

/** The files given to merge-shards are not the complete, matching shards of one comparison. */
export class ShardMergeError extends FrozenDuckDBError {
  constructor(message: string, hint = 'pass the --json files of every shard of one comparison: `compare --shard i/n --json FILE` in each job') {
    super(message, { category: 'usage', hint });
  }
}
