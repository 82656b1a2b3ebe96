// `npm test`: every project's Jest tests through Nx, then one closing line for all of them,
// printed even when a project failed so that CI shows the count. One project at a time: Jest
// already uses both cores, and the gate's tests measure side by side.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const summary = join(root, 'tools', 'scripts', 'test-summary.mjs');
const node = (args) => spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' }).status ?? 1;

node([summary, '--reset']);
const nxPackage = createRequire(join(root, 'package.json')).resolve('nx/package.json');
const nxBin = join(dirname(nxPackage), JSON.parse(readFileSync(nxPackage, 'utf8')).bin.nx);
const nx = node([nxBin, 'run-many', '-t', 'test', '--outputStyle=static', '--parallel=1', ...process.argv.slice(2)]);
const counted = node([summary]);
process.exit(nx !== 0 ? nx : counted);
