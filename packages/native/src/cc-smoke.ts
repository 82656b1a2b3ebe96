import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { FrozenDuckDBError } from '@frozen-duckdb/core';
import { CompilerMissingError } from './errors.js';

/** The C program: it declares the few C API calls it makes, since duckdb.h is not in the npm package. */
export const SMOKE_PROGRAM = `/* Written by frozen-duckdb link-check --cc: links against the prebuilt libduckdb. */
#include <stdint.h>
#include <stdio.h>

typedef uint64_t idx_t;
typedef void *duckdb_database;
typedef void *duckdb_connection;
typedef enum { DuckDBSuccess = 0, DuckDBError = 1 } duckdb_state;
/* Same layout as duckdb_result in duckdb.h (six pointer-sized fields). */
typedef struct {
  idx_t deprecated_column_count;
  idx_t deprecated_row_count;
  idx_t deprecated_rows_changed;
  void *deprecated_columns;
  char *deprecated_error_message;
  void *internal_data;
} duckdb_result;

const char *duckdb_library_version(void);
duckdb_state duckdb_open(const char *path, duckdb_database *out_database);
duckdb_state duckdb_connect(duckdb_database database, duckdb_connection *out_connection);
duckdb_state duckdb_query(duckdb_connection connection, const char *query, duckdb_result *out_result);
const char *duckdb_result_error(duckdb_result *result);
int64_t duckdb_value_int64(duckdb_result *result, idx_t col, idx_t row);
void duckdb_destroy_result(duckdb_result *result);
void duckdb_disconnect(duckdb_connection *connection);
void duckdb_close(duckdb_database *database);

int main(void) {
  duckdb_database db;
  duckdb_connection con;
  duckdb_result result;
  printf("version %s\\n", duckdb_library_version());
  if (duckdb_open(NULL, &db) != DuckDBSuccess) { fprintf(stderr, "duckdb_open failed\\n"); return 1; }
  if (duckdb_connect(db, &con) != DuckDBSuccess) { fprintf(stderr, "duckdb_connect failed\\n"); return 1; }
  if (duckdb_query(con, "SELECT 40 + 2", &result) != DuckDBSuccess) {
    fprintf(stderr, "query failed: %s\\n", duckdb_result_error(&result));
    return 1;
  }
  printf("answer %lld\\n", (long long)duckdb_value_int64(&result, 0, 0));
  duckdb_destroy_result(&result);
  duckdb_disconnect(&con);
  duckdb_close(&db);
  return 0;
}
`;

export interface CcSmokeOptions {
  /** The folder with libduckdb (DUCKDB_LIB_DIR). */
  libDir: string;
  /** The version Node's binding reports, e.g. v1.5.6. */
  expectedVersion: string;
  /** The compiler command; default $CC, then `cc`. May carry flags ("gcc -m64"). */
  compiler?: string;
  env?: NodeJS.ProcessEnv;
}

export interface CcSmokeResult {
  compiler: string;
  command: string[];
  /** Wall time of the one cc call that compiles and links the program. */
  compileAndLinkMs: number;
  runMs: number;
  reportedVersion: string;
  expectedVersion: string;
  answer: number;
  matches: boolean;
}

/** Writes the C program to a temp folder, compiles and links it with cc against libDir, runs it. */
export function ccSmoke(options: CcSmokeOptions): CcSmokeResult {
  const env = options.env ?? process.env;
  const compilerCommand = (options.compiler || env.CC || 'cc').trim().split(/\s+/);
  const [compiler, ...compilerFlags] = compilerCommand as [string, ...string[]];
  const dir = mkdtempSync(join(tmpdir(), 'frozen-duckdb-cc-'));
  try {
    const source = join(dir, 'app.c');
    const binary = join(dir, 'app');
    writeFileSync(source, SMOKE_PROGRAM);
    const command = [compiler, ...compilerFlags, source, '-o', binary, `-L${options.libDir}`, '-lduckdb', `-Wl,-rpath,${options.libDir}`];
    const started = performance.now();
    const compiled = spawnSync(compiler, command.slice(1), { encoding: 'utf8', env });
    const compileAndLinkMs = performance.now() - started;
    if ((compiled.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') throw new CompilerMissingError(compiler);
    if (compiled.error) throw compiled.error;
    if (compiled.status !== 0) {
      throw new FrozenDuckDBError(`${compiler} could not compile and link against ${options.libDir}:\n${excerpt(compiled.stderr)}`, {
        category: 'failure',
        hint: 'check that DUCKDB_LIB_DIR holds libduckdb and that the compiler targets the same architecture',
      });
    }
    const runStarted = performance.now();
    const ran = spawnSync(binary, [], { encoding: 'utf8', env });
    const runMs = performance.now() - runStarted;
    if (ran.status !== 0) {
      throw new FrozenDuckDBError(`the linked C program failed (exit ${ran.status ?? ran.signal}):\n${excerpt(ran.stderr || ran.stdout)}`, {
        category: 'failure',
        hint: 'run `frozen-duckdb link-check` to see whether the library resolves and its symbol versions are available',
      });
    }
    const reportedVersion = /^version (.*)$/m.exec(ran.stdout)?.[1]?.trim() ?? '';
    const answer = Number(/^answer (-?\d+)$/m.exec(ran.stdout)?.[1]);
    return {
      compiler: compilerCommand.join(' '),
      command,
      compileAndLinkMs,
      runMs,
      reportedVersion,
      expectedVersion: options.expectedVersion,
      answer,
      matches: reportedVersion === options.expectedVersion && answer === 42,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function excerpt(text: string): string {
  const lines = text.trim().split('\n');
  return lines.slice(0, 12).join('\n') + (lines.length > 12 ? `\n... (${lines.length - 12} more lines)` : '');
}
