'use strict';
// Behind every package's nx-release-publish target (nx:run-commands, run in the package folder):
// `npm publish` with the options `nx release publish` passes on as arguments (--dryRun, --tag,
// --registry, --otp, --access). Provenance comes from npm's own setting (NPM_CONFIG_PROVENANCE=true
// in the release workflow). A command, not a local Nx executor: resolving a local executor makes Nx
// load the TypeScript compiler on every project-graph change (docs/build-times.md).

const { spawnSync } = require('node:child_process');
const { relative, resolve } = require('node:path');

const KNOWN = new Set(['dryRun', 'tag', 'registry', 'otp', 'access']);

/**
 * `--name=value`, `--name value` or a bare `--flag` (true), in camelCase or kebab-case.
 * @param {string[]} argv
 * @returns {Record<string, string | boolean>}
 */
function parseOptions(argv) {
  /** @type {Record<string, string | boolean>} */
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const match = /^--([^=]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`nx-release-publish: unexpected argument ${JSON.stringify(arg)}`);
    const name = (match[1] ?? '').replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (!KNOWN.has(name)) continue; // nx release passes options of its own (e.g. firstRelease) that npm does not take
    const next = argv[i + 1];
    /** @type {string} */
    let value = match[2] ?? 'true';
    if (match[2] === undefined && name !== 'dryRun' && next !== undefined && !next.startsWith('--')) {
      value = next;
      i += 1;
    }
    options[name] = name === 'dryRun' ? value !== 'false' : value;
  }
  return options;
}

function main() {
  const options = parseOptions(process.argv.slice(2));
  const args = ['publish', `--access=${options.access ?? 'public'}`];
  if (options.tag) args.push(`--tag=${options.tag}`);
  if (options.registry) args.push(`--registry=${options.registry}`);
  if (options.otp) args.push(`--otp=${options.otp}`);
  // nx release publish --dry-run sets both; a dependsOn-triggered run only sees the variable.
  if (options.dryRun || process.env.NX_DRY_RUN === 'true') args.push('--dry-run');
  const workspace = resolve(__dirname, '../../..');
  console.log(`npm ${args.join(' ')}  (in ${relative(workspace, process.cwd())})`);
  const run = spawnSync('npm', args, { stdio: 'inherit' });
  process.exitCode = run.status ?? 1;
}

main();
