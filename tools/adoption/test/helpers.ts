// Running a project's commands as its developer would (npm, npx, nx, git in child processes, with none
// of this workspace's environment), timing each one for the figures.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** One command of a project's path, with how long it took on this machine. */
export interface Step {
  command: string;
  seconds: number;
  status: number | null;
}

export interface Run {
  status: number | null;
  output: string;
  seconds: number;
}

/** The environment of a developer's shell: nothing of the Nx task or npm script running this test. */
export function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^(NX_|npm_|JEST_|FROZEN_DUCKDB_)/i.test(key)) env[key] = value;
  return {
    ...env,
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_TUI: 'false',
    FORCE_COLOR: '0',
    GIT_AUTHOR_NAME: 'adoption test',
    GIT_AUTHOR_EMAIL: 'adoption@example.invalid',
    GIT_COMMITTER_NAME: 'adoption test',
    GIT_COMMITTER_EMAIL: 'adoption@example.invalid',
  };
}

/** A project's commands, run in its folder and recorded with their times. */
export class Project {
  readonly steps: Step[] = [];

  constructor(readonly dir: string) {}

  /** Runs `command` (split on spaces, as typed) and records it; stdin is closed, as in CI. */
  run(command: string, options: { record?: boolean } = {}): Run {
    const [program, ...args] = command.split(' ') as [string, ...string[]];
    const run = this.spawn(program, args);
    if (options.record !== false) this.steps.push({ command, seconds: run.seconds, status: run.status });
    return run;
  }

  /** A command that must succeed; its output is shown when it does not. */
  ok(command: string, options: { record?: boolean } = {}): Run {
    const run = this.run(command, options);
    if (run.status !== 0) throw new Error(`\`${command}\` in ${this.dir} exited ${run.status}:\n${run.output}`);
    return run;
  }

  git(...args: string[]): void {
    const run = this.spawn('git', ['-c', 'commit.gpgsign=false', ...args]);
    if (run.status !== 0) throw new Error(`git ${args.join(' ')} in ${this.dir} exited ${run.status}:\n${run.output}`);
  }

  private spawn(program: string, args: string[]): Run {
    const started = performance.now();
    const result = spawnSync(program, args, { cwd: this.dir, env: cleanEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000 });
    const seconds = (performance.now() - started) / 1000;
    return { status: result.status, output: `${result.stdout}${result.stderr}`, seconds };
  }

  commit(message: string): void {
    this.git('add', '-A');
    this.git('commit', '-q', '-m', message);
  }

  write(files: Record<string, string | object>): void {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(this.dir, path)), { recursive: true });
      writeFileSync(join(this.dir, path), typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
    }
  }

  read(path: string): string {
    return readFileSync(join(this.dir, path), 'utf8');
  }

  json(path: string): any {
    return JSON.parse(this.read(path));
  }

  /** Where each installed package came from, by name, as the lockfile records it. */
  lockedSources(): Record<string, string> {
    const lock = this.json('package-lock.json') as { packages: Record<string, { resolved?: string }> };
    return Object.fromEntries(
      Object.entries(lock.packages)
        .filter(([path]) => path.startsWith('node_modules/'))
        .map(([path, entry]) => [path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length), entry.resolved ?? '']),
    );
  }

  /** Every installed copy of a package (its folders), nested ones included. */
  copiesOf(name: string): string[] {
    const found: string[] = [];
    const walk = (modules: string): void => {
      if (!existsSync(modules)) return;
      if (existsSync(join(modules, name, 'package.json'))) found.push(join(modules, name));
      for (const entry of readdirSync(modules)) {
        const dirs = entry.startsWith('@') ? readdirSync(join(modules, entry)).map((sub) => join(modules, entry, sub)) : [join(modules, entry)];
        for (const dir of dirs) walk(join(dir, 'node_modules'));
      }
    };
    walk(join(this.dir, 'node_modules'));
    return found;
  }
}

/** The data code both projects ship: a query their service runs, measured by a suite. */
export const ORDERS_SOURCE = `import type { DuckDBConnection } from '@duckdb/node-api';

/** The ten customers with the largest order totals. */
export async function topCustomers(connection: DuckDBConnection): Promise<unknown[]> {
  const reader = await connection.runAndReadAll(
    'SELECT customer, sum(amount) AS total FROM orders GROUP BY customer ORDER BY total DESC LIMIT 10',
  );
  return reader.getRowObjectsJson();
}
`;

/** The same query after a change that hashes every row before aggregating: several times slower. */
export const SLOWER_ORDERS_SOURCE = ORDERS_SOURCE.replace(
  "'SELECT customer, sum(amount) AS total FROM orders GROUP BY customer ORDER BY total DESC LIMIT 10'",
  `"SELECT customer, sum(amount) AS total FROM orders WHERE md5(customer::VARCHAR || '-' || amount::VARCHAR) <> '' GROUP BY customer ORDER BY total DESC LIMIT 10"`,
);

/** A suite that measures the project's own code, on the connection frozen-duckdb opened with the project's DuckDB. */
export function ordersSuite(importPath: string): string {
  return `import { defineSuite } from '@frozen-duckdb/bench';
import { topCustomers } from '${importPath}';

export default defineSuite({
  name: 'orders',
  async setup(ctx) {
    await ctx.connection.run('CREATE TABLE orders AS SELECT range % 5000 AS customer, (range * 7919) % 1000 AS amount FROM range(200000)');
  },
  benchmarks: {
    'top customers': (ctx) => topCustomers(ctx.connection.duckdb),
  },
  // Wide enough that identical code passes on a shared, loaded machine; the slowdown is several times over it.
  thresholds: { default: 0.25 },
});
`;
}
