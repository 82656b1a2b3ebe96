'use strict';
// The executor behind every package's nx-release-publish target: `npm publish` in the package folder,
// with the options `nx release publish` passes on (--dry-run, --tag, --registry, --otp, --access).
// Provenance comes from npm's own setting (NPM_CONFIG_PROVENANCE=true in the release workflow).

const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

/** @typedef {{ dryRun?: boolean, tag?: string, registry?: string, otp?: string, access?: string }} PublishOptions */

/**
 * @param {PublishOptions} options
 * @param {{ root: string, projectName?: string, projectsConfigurations?: { projects: Record<string, { root: string }> } }} context
 * @returns {Promise<{ success: boolean }>}
 */
async function publishExecutor(options, context) {
  const project = context.projectName && context.projectsConfigurations?.projects[context.projectName];
  if (!project) throw new Error(`nx-release-publish: no project ${JSON.stringify(context.projectName)}`);
  const args = ['publish', `--access=${options.access ?? 'public'}`];
  if (options.tag) args.push(`--tag=${options.tag}`);
  if (options.registry) args.push(`--registry=${options.registry}`);
  if (options.otp) args.push(`--otp=${options.otp}`);
  // nx release publish --dry-run sets both; a dependsOn-triggered run only sees the variable.
  if (options.dryRun || process.env.NX_DRY_RUN === 'true') args.push('--dry-run');
  console.log(`npm ${args.join(' ')}  (in ${project.root})`);
  const run = spawnSync('npm', args, { cwd: join(context.root, project.root), stdio: 'inherit' });
  return { success: run.status === 0 };
}

module.exports = publishExecutor;
module.exports.default = publishExecutor;
