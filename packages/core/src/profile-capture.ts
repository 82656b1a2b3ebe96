import { readFileSync, rmSync } from 'node:fs';
import { parseAnalyzedPlan, type QueryProfile } from './profile.js';
import { settingLiteral } from './sql.js';

/** The queries one connection ran while a capture was on, each with DuckDB's own profile. */
export interface ProfileCapture {
  readonly profiles: QueryProfile[];
  /** Statements whose profile could not be read (several statements in one string keep only the last). */
  readonly missed: number;
}

/** Most profiles one capture keeps: a benchmark running a statement in a loop would otherwise hold thousands. */
export const MAX_CAPTURED = 2_000;

/**
 * DuckDB writes the profile of each finished statement to one file, overwriting the last
 * (`enable_profiling = 'json'`, `profiling_output`): reading it after every statement the
 * connection runs keeps them all. The settings are per connection: other connections are not seen.
 */
export class ProfileRecorder implements ProfileCapture {
  readonly profiles: QueryProfile[] = [];
  missed = 0;

  constructor(readonly file: string) {}

  /** The statements that turn profiling to the file on and off again. */
  static enableSql(file: string): string {
    return `SET enable_profiling = 'json'; SET profiling_mode = 'standard'; SET profiling_output = ${settingLiteral(file)}`;
  }

  static readonly disableSql = 'RESET profiling_output; RESET enable_profiling; RESET profiling_mode';

  /** Called after each statement: keeps its profile, read from the file DuckDB just wrote. */
  collect(sql: string): void {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
      rmSync(this.file, { force: true });
    } catch {
      this.missed += 1;
      return;
    }
    if (this.profiles.length >= MAX_CAPTURED) {
      this.missed += 1;
      return;
    }
    try {
      const profile = parseAnalyzedPlan(text);
      this.profiles.push(profile.query === undefined ? { query: sql, ...profile } : profile);
    } catch {
      this.missed += 1;
    }
  }
}
