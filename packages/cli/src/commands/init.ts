import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { extent } from '@frozen-duckdb/bench';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { initPlainProject } from '../init/plain-project.js';

export const init: Command = {
  name: 'init',
  summary: 'Set up benchmarks in a project without Nx: a starter suite, package.json scripts, the CI workflow',
  positionals: ['PROJECT_DIR'],
  options: {
    dir: { type: 'string', value: 'DIR', description: 'Folder for the suites, inside the project (default bench)' },
    name: { type: 'string', value: 'NAME', description: 'Name of the starter suite: <DIR>/<NAME>.bench.ts (default starter)' },
    'no-workflow': { type: 'boolean', description: 'Do not write .github/workflows/bench.yml' },
  },
  details: `Writes <DIR>/<NAME>.bench.ts, adds the scripts bench, bench:record and bench:compare to package.json,
writes .github/workflows/bench.yml (pull requests compared side by side with their base branch), adds
the history database and the baseline's lock to .gitignore, and declares frozen-duckdb,
@frozen-duckdb/bench and the project's @duckdb/node-api in devDependencies where they are missing
(then run npm install). Nothing is written when anything is in the way (an existing file, a script of
the same name doing something else). In an Nx workspace, \`npx nx add @frozen-duckdb/nx-plugin\` gives
projects bench targets instead.`,
  async run(ctx) {
    const projectDir = resolve(ctx.cwd, ctx.positionals[0] ?? '.');
    const dir = typeof ctx.values.dir === 'string' ? ctx.values.dir : 'bench';
    const result = initPlainProject({
      projectDir,
      dir,
      name: typeof ctx.values.name === 'string' ? ctx.values.name : 'starter',
      workflow: !ctx.values['no-workflow'],
    });
    const out = (line = '') => ctx.stdout.write(`${line}\n`);
    out(`wrote ${result.files.join(', ')}`);
    if (result.scripts.length) out(`scripts added: ${result.scripts.join(', ')}`);
    const added = Object.entries(result.dependencies);
    if (added.length) out(`devDependencies added: ${added.map(([name, version]) => `${name} ${version}`).join(', ')}`);
    if (existsSync(join(projectDir, 'nx.json'))) out('note: this is an Nx workspace; `npx nx add @frozen-duckdb/nx-plugin` gives its projects bench targets');
    out();
    out('next:');
    const steps: [string, string][] = [
      ...(added.length ? ([['npm install', 'install what init declared']] as [string, string][]) : []),
      ['npm run bench', `measure the suites in ${dir}`],
      ['git add -A && git commit', 'a baseline names its commit, so commit the suite first'],
      ['npm run bench:record', 'record .performance_baseline, then commit it too'],
      ['npm run bench:compare', 'on a branch: measure it against origin/main side by side (exit 1 on a regression)'],
    ];
    const width = extent(steps.map(([command]) => command.length)).max + 3;
    for (const [command, what] of steps) out(`  ${command.padEnd(width)}${what}`);
    return EXIT.ok;
  },
};
