import { resolve } from 'node:path';
import { FrozenDuckDBError } from '@frozen-duckdb/core';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** Shown in --help, e.g. 'FILE'. */
  value?: string;
  /** Shown outside brackets in the usage line and marked in --help; the command checks it (requiredString). */
  required?: boolean;
  description: string;
}

/** What a command receives: parsed flags, positionals and where to write. */
export interface CommandContext {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/** A command (or subcommand) of the CLI: its help text and its run function returning an exit code. */
export interface Command {
  name: string;
  aliases?: string[];
  summary: string;
  options?: Record<string, OptionSpec>;
  /**
   * Names of the accepted positionals, in order, all optional; a last name ending in '...' (e.g. 'FILE...')
   * takes any number. None are accepted when absent. The usage line is derived from these and the options.
   */
  positionals?: string[];
  /** Longer text after the options in --help. */
  details?: string;
  subcommands?: Command[];
  run?: (ctx: CommandContext) => Promise<number>;
}

/** How many positionals a command accepts: Infinity when its last one is variadic ('FILE...'). */
export function positionalLimit(command: Command): number {
  const names = command.positionals ?? [];
  return names.at(-1)?.endsWith('...') ? Infinity : names.length;
}

/** A usage error: exit 2 with the usage line. */
export class UsageError extends FrozenDuckDBError {
  constructor(message: string, hint?: string) {
    super(message, { category: 'usage', ...(hint === undefined ? {} : { hint }) });
  }
}

/** The value of a string flag, checked against allowed choices. */
export function choice<T extends string>(flag: string, value: unknown, choices: readonly T[], fallback?: T): T {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'string' || !choices.includes(value as T)) {
    throw new UsageError(`--${flag} must be one of ${choices.join(', ')}; got ${JSON.stringify(value)}`);
  }
  return value as T;
}

/** A string flag's value, or an error naming the missing flag. */
export function requiredString(flag: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${flag} is required`);
  return value;
}

/** A positive number flag (e.g. --scale 0.1). */
export function positiveNumber(flag: string, value: unknown, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n) || n <= 0) {
    throw new UsageError(`--${flag} must be a positive number; got ${JSON.stringify(value)}`);
  }
  return n;
}

/** A positive integer flag (e.g. --processes 5), at most `max` when given. */
export function positiveInteger(flag: string, value: unknown, fallback?: number, max?: number): number {
  const n = positiveNumber(flag, value, fallback);
  if (!Number.isInteger(n)) throw new UsageError(`--${flag} must be a whole number; got ${JSON.stringify(value)}`);
  if (max !== undefined && n > max) throw new UsageError(`--${flag} must be at most ${max}; got ${JSON.stringify(value)}`);
  return n;
}

/** The most DuckDB threads a flag may ask for: DuckDB takes up to 2^31 and then starts that many in every worker. */
export const MAX_THREADS = 1024;

/** The files named by string flags that are set, resolved against the command's folder, with the flag as their name. */
export function fileFlags(ctx: CommandContext, flags: readonly string[]): { name: string; path: string }[] {
  return flags.flatMap((flag) => {
    const value = ctx.values[flag];
    if (value === undefined) return [];
    if (typeof value !== 'string' || value === '') throw new UsageError(`--${flag} needs a file name`);
    return [{ name: `--${flag}`, path: resolve(ctx.cwd, value) }];
  });
}
