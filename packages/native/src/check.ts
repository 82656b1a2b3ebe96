/** The outcome of one check: what was found and, when it is not a pass, the one thing to do. */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

export interface Check {
  name: string;
  status: CheckStatus;
  detail: string;
  /** One line: what to do next (empty for a pass). */
  fix: string;
}

/** Builds a check; a pass carries no fix. */
export function check(name: string, status: CheckStatus, detail: string, fix = ''): Check {
  return { name, status, detail, fix: status === 'pass' ? '' : fix };
}

/** True when no check failed (warnings and skips do not fail). */
export function allPassed(checks: Check[]): boolean {
  return checks.every((c) => c.status !== 'fail');
}

const MARKS: Record<CheckStatus, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', skip: 'SKIP' };

/** One line per check, then its fix indented under it; `paint` may colour the status word. */
export function formatChecks(checks: Check[], paint: (status: CheckStatus, text: string) => string = (_s, t) => t): string {
  const width = Math.max(0, ...checks.map((c) => c.name.length));
  return checks
    .map((c) => {
      const line = `${paint(c.status, MARKS[c.status])}  ${c.name.padEnd(width)}  ${c.detail}`;
      return c.fix ? `${line}\n      ${' '.repeat(width)}  fix: ${c.fix}` : line;
    })
    .join('\n');
}

/** Counts by status, e.g. '9 pass, 1 warn, 0 fail'. */
export function summarize(checks: Check[]): string {
  const n = (s: CheckStatus): number => checks.filter((c) => c.status === s).length;
  const skipped = n('skip') ? `, ${n('skip')} skipped` : '';
  return `${n('pass')} pass, ${n('warn')} warn, ${n('fail')} fail${skipped}`;
}
