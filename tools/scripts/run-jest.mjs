// Runs Jest in ESM mode for the package in the current folder and leaves a JSON report
// under reports/jest/ so that `npm test` can print one closing line for the whole workspace.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
// One report per Nx project, named like the project so the test target can declare it as an output.
const name = JSON.parse(readFileSync('package.json', 'utf8')).name;
const report = join(root, 'reports', 'jest', `${name}.json`);
mkdirSync(dirname(report), { recursive: true });
const jest = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const args = ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', jest, '--json', `--outputFile=${report}`, ...process.argv.slice(2)];
const run = spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, NODE_NO_WARNINGS: '1' } });
process.exit(run.status ?? 1);
