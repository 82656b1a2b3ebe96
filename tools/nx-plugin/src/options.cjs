'use strict';
// Plugin options from nx.json, checked and filled with defaults. CommonJS: see index.cjs.

/** @typedef {import('./types.d.cts').FrozenDuckDBPluginOptions} FrozenDuckDBPluginOptions */
/** @typedef {Required<Omit<FrozenDuckDBPluginOptions, 'threshold'>> & Pick<FrozenDuckDBPluginOptions, 'threshold'>} NormalizedOptions */

const PLUGIN = '@frozen-duckdb/nx-plugin';

/** @type {NormalizedOptions} */
const DEFAULTS = Object.freeze({
  benchTargetName: 'bench',
  recordTargetName: 'bench-record',
  compareTargetName: 'bench-compare',
  buildTargetName: 'build',
  base: 'origin/main',
});
// `threshold` has no default here: left out, the CLI decides (the suite's, the baseline's recorded one, 10%).
const KNOWN = [...Object.keys(DEFAULTS), 'threshold'];

const TARGET_NAME = /^[A-Za-z0-9][\w.:-]*$/;

/** Wrong plugin options in nx.json: the message names the option and the fix. */
class PluginOptionsError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(`${PLUGIN}: ${message} (in the "plugins" entry of nx.json)`);
    this.name = 'PluginOptionsError';
  }
}

/**
 * The options with defaults filled in; throws on a wrong one instead of inferring odd targets.
 * @param {unknown} raw
 * @returns {NormalizedOptions}
 */
function normalizeOptions(raw) {
  if (raw === undefined || raw === null) return { ...DEFAULTS };
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new PluginOptionsError(`"options" must be an object; got ${JSON.stringify(raw)}`);
  const given = /** @type {Record<string, unknown>} */ (raw);
  const unknown = Object.keys(given).filter((key) => !KNOWN.includes(key));
  if (unknown.length) {
    throw new PluginOptionsError(`unknown option ${unknown.map((k) => `"${k}"`).join(', ')}; known: ${KNOWN.join(', ')}`);
  }
  const options = { ...DEFAULTS };
  for (const key of /** @type {const} */ (['benchTargetName', 'recordTargetName', 'compareTargetName', 'buildTargetName'])) {
    const value = given[key];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !TARGET_NAME.test(value)) {
      throw new PluginOptionsError(`"${key}" must be a target name such as "${DEFAULTS[key]}"; got ${JSON.stringify(value)}`);
    }
    options[key] = value;
  }
  const names = [options.benchTargetName, options.recordTargetName, options.compareTargetName];
  if (new Set(names).size !== names.length) throw new PluginOptionsError(`the three target names must differ; got ${names.join(', ')}`);
  if (names.includes(options.buildTargetName))
    throw new PluginOptionsError(`"buildTargetName" (${options.buildTargetName}) must not be one of the benchmark targets`);
  if (given.base !== undefined) {
    if (typeof given.base !== 'string' || given.base.trim() === '' || given.base.startsWith('-')) {
      throw new PluginOptionsError(`"base" must be a git ref such as "origin/main"; got ${JSON.stringify(given.base)}`);
    }
    options.base = given.base;
  }
  if (given.threshold !== undefined) {
    const pct = given.threshold;
    if (typeof pct !== 'number' || !Number.isFinite(pct) || pct <= 0 || pct >= 100) {
      throw new PluginOptionsError(`"threshold" must be a percentage between 0 and 100, e.g. 10; got ${JSON.stringify(pct)}`);
    }
    options.threshold = pct;
  }
  return options;
}

module.exports = { normalizeOptions, PluginOptionsError, DEFAULTS, PLUGIN };
