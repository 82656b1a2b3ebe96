/**
 * Guards for the classes of defects in issue 16, over every package's sources: a fix made once here
 * must not be undone by the next file that writes, reads or measures its own way.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const packages = fileURLToPath(new URL('../../', import.meta.url));

function sources(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) out.push({ file: relative(packages, path), text: readFileSync(path, 'utf8') });
    }
  };
  for (const pkg of readdirSync(packages)) {
    try {
      walk(join(packages, pkg, 'src'));
    } catch {
      // a folder without sources
    }
  }
  return out;
}

/** Lines matching `pattern` in files not listed in `allowed` (file -> why). */
function offenders(pattern: RegExp, allowed: Record<string, string> = {}, only?: (file: string) => boolean): string[] {
  return sources()
    .filter((s) => !(s.file in allowed) && (!only || only(s.file)))
    .flatMap((s) => s.text.split('\n').flatMap((line, i) => (pattern.test(line) ? [`${s.file}:${i + 1}: ${line.trim()}`] : [])));
}

describe('source guards', () => {
  it('the sources are found (the guards below would pass vacuously otherwise)', () => {
    expect(sources().length).toBeGreaterThan(100);
  });

  it("folders are made by files' makeFolders: Node's recursive mkdir loops for ever under /proc", () => {
    expect(
      offenders(
        /mkdirSync\([^)]*recursive: true/,
        {
          // The gate's base worktree (the engineer's module): a folder it made under TMPDIR.
          'regress/src/ab/prepare-base.ts': 'a path inside a worktree it created',
          // The worker's TypeScript loader (a loader thread, no dependency on files): under a node_modules folder that exists.
          'bench/src/loader/transpile-cache.ts': 'node_modules/.cache/... below an existing node_modules',
        },
        (file) => !file.startsWith('files/'),
      ),
    ).toEqual([]);
  });

  it('every source that hands a path to a DuckDB reader gives it literally (read_csv would expand x[12].csv into two files)', () => {
    const readers = /\b(read_csv|read_csv_auto|read_parquet|parquet_scan|read_json|read_json_auto|read_ndjson)\(|COPY \$\{[^}]*\} FROM /;
    const allowed: Record<string, string> = {
      // copyFromSql builds the statement DuckDB documents, patterns and all; it is the caller's path.
      'core/src/copy.ts': 'a statement builder: COPY ... FROM as DuckDB defines it',
    };
    const unguarded = sources().filter((s) => !(s.file in allowed) && readers.test(s.text) && !/literalReaderPath|readerPath/.test(s.text));
    expect(unguarded.map((s) => s.file)).toEqual([]);
  });

  it('no Math.max(...values) or Math.min(...values): past about 100,000 values the spread overflows the stack (use extent)', () => {
    expect(
      offenders(/Math\.(max|min)\(\.\.\./, {
        // The engineer's modules: one value per worker process, and per estimate of one benchmark.
        'bench/src/runner.ts': 'a value per round or process of one benchmark',
        'regress/src/stats/paired.ts': 'a value per estimate of one benchmark',
      }),
    ).toEqual([]);
  });

  it('atomic writes, multi-file commits and lock files have one home: no other package renames a temporary file into place', () => {
    expect(
      offenders(
        /renameSync\(temp|\.tmp`|flag: 'wx'/,
        {
          // Runs inside a benchmark worker, where writeFileAtomic's cleanup would install SIGINT/SIGTERM handlers
          // and change how the worker dies; it writes one manifest into a folder only this comparison uses.
          'bench/src/worker/setup-snapshot.ts': 'a worker process writing into its private snapshot folder',
          // The same, in the worker's loader thread: a cache entry that any reader checks against its own hash.
          'bench/src/loader/transpile-cache.ts': "a worker's loader thread writing a self-checking cache entry",
        },
        (file) => !file.startsWith('files/'),
      ),
    ).toEqual([]);
  });
});
