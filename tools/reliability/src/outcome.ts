/** A Node stack frame ("    at fn (file:///x.js:1:2)"): never shown to a user. */
export const STACK_FRAME = /^\s+at (?:.+ \()?(?:file:|node:|\/|<anonymous>|async ).*\)?$/m;

/** What one CLI invocation did, from either the in-process entry or a child process. */
export interface Outcome {
  argv: string[];
  code: number | null;
  stdout: string;
  stderr: string;
  /** Paths added (+), modified (~) or removed (-) in the folder it ran in. */
  changed: string[];
  thrown?: string;
  timedOut?: boolean;
}

/** How an exit-2 run explained itself. */
export type Explained = 'usage line' | 'fix line' | 'help text' | 'none';

export function explanation(o: Outcome): Explained {
  if (/^usage: frozen-duckdb /m.test(o.stderr)) return 'usage line';
  if (/^fix: /m.test(o.stderr)) return 'fix line';
  if (/^Usage: frozen-duckdb /.test(o.stdout)) return 'help text';
  return 'none';
}

/**
 * The rules every run must keep, whatever its arguments: an exit code of 0-3, no stack trace, a failure
 * that says what happened ('error:' plus a usage line, a fix, or the help text), nothing written on failure.
 * Returns the rules broken (empty when none).
 */
export function violations(o: Outcome): string[] {
  const out: string[] = [];
  if (o.thrown) out.push(`main() threw: ${o.thrown.split('\n')[0]}`);
  if (o.timedOut) out.push('did not finish in time');
  if (o.code === null) out.push('ended by a signal');
  else if (![0, 1, 2, 3].includes(o.code)) out.push(`exit code ${o.code}`);
  if (STACK_FRAME.test(o.stderr) || STACK_FRAME.test(o.stdout)) out.push('stack trace shown');
  if (o.code === 2) {
    const how = explanation(o);
    if (how === 'none') out.push('exit 2 without a usage line, a fix or the help');
    if (how !== 'help text' && !/^error: /m.test(o.stderr)) out.push("exit 2 without an 'error:' line");
  }
  if (o.code !== 0 && o.code !== null && o.changed.length) out.push(`wrote on failure: ${o.changed.slice(0, 3).join(', ')}`);
  return out;
}
