/**
 * The shape of a results document, checked field by field: a file that only looks like one (a hand
 * edit, a truncated merge, another tool's output) is refused by name instead of failing later, deep
 * inside whatever reads it (history import appends every sample to a database).
 */

type Doc = Record<string, unknown>;

const isObject = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFinite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
// Times, spreads and sizes: a negative one is a hand edit or another tool's bug, never a measurement.
const isTime = (v: unknown): v is number => isFinite(v) && v >= 0;
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const STATUSES = ['ok', 'error', 'timeout', 'crash'];
const STATS = ['n', 'mean', 'median', 'min', 'max', 'sd', 'cv', 'p25', 'p75', 'p99', 'mad'];

function fingerprintProblem(f: unknown): string | undefined {
  if (!isObject(f)) return 'fingerprint is not an object';
  if (typeof f['cpuModel'] !== 'string' || !isCount(f['cores']) || !isCount(f['memoryBytes']) || typeof f['node'] !== 'string')
    return 'fingerprint lacks cpuModel, cores, memoryBytes or node';
  const os = f['os'];
  if (!isObject(os) || typeof os['platform'] !== 'string' || typeof os['arch'] !== 'string') return 'fingerprint.os lacks platform or arch';
  if (f['duckdb'] !== null && typeof f['duckdb'] !== 'string') return 'fingerprint.duckdb is not a string';
  const git = f['git'];
  if (git !== null && git !== undefined && (!isObject(git) || typeof git['commit'] !== 'string' || typeof git['dirty'] !== 'boolean'))
    return 'fingerprint.git lacks commit or dirty';
  return undefined;
}

function settingsProblem(s: unknown): string | undefined {
  if (!isObject(s)) return 'settings is not an object';
  if (typeof s['profile'] !== 'string' || !isCount(s['processes'])) return 'settings lacks profile or processes';
  for (const key of ['filter', 'shard']) if (s[key] !== null && s[key] !== undefined && typeof s[key] !== 'string') return `settings.${key} is not a string`;
  if (!isObject(s['duckdb']) || !isObject(s['sampling'])) return 'settings lacks duckdb or sampling';
  return undefined;
}

function benchmarkProblem(b: unknown, i: number): string | undefined {
  const at = `benchmarks[${i}]`;
  if (!isObject(b)) return `${at} is not an object`;
  for (const key of ['id', 'suite', 'name']) if (typeof b[key] !== 'string') return `${at}.${key} is not a string`;
  if (!STATUSES.includes(b['status'] as string)) return `${at}.status is not one of ${STATUSES.join(', ')}`;
  if (b['error'] !== undefined && typeof b['error'] !== 'string') return `${at}.error is not a string`;
  if (!Array.isArray(b['processes'])) return `${at}.processes is not a list`;
  for (const [j, p] of (b['processes'] as unknown[]).entries()) {
    if (!isObject(p)) return `${at}.processes[${j}] is not an object`;
    if (!Array.isArray(p['samples']) || !(p['samples'] as unknown[]).every(isTime))
      return `${at}.processes[${j}].samples is not a list of times (numbers of ms, 0 or more)`;
    if (!isCount(p['iterations'])) return `${at}.processes[${j}].iterations is not a whole number`;
    for (const key of ['median', 'cpuMs']) if (!isTime(p[key])) return `${at}.processes[${j}].${key} is not a time (a number of ms, 0 or more)`;
    for (const key of ['peakRssBytes', 'duckdbBytes']) if (!isCount(p[key])) return `${at}.processes[${j}].${key} is not a whole number`;
  }
  const wall = b['wall'];
  if (b['status'] === 'ok' && !isObject(wall)) return `${at}.wall is missing for an ok benchmark`;
  if (wall !== undefined) {
    if (!isObject(wall)) return `${at}.wall is not an object`;
    for (const key of STATS) if (!isTime(wall[key])) return `${at}.wall.${key} is not a time (a number of ms, 0 or more)`;
  }
  for (const key of ['iterations', 'peakRssBytes', 'duckdbBytes']) if (b[key] !== undefined && !isCount(b[key])) return `${at}.${key} is not a whole number`;
  for (const key of ['cpuMs', 'threshold', 'processSpread', 'vsBest'])
    if (b[key] !== undefined && b[key] !== null && !isTime(b[key])) return `${at}.${key} is not a number of 0 or more`;
  return undefined;
}

/** The first problem of a parsed results document past its schema and version, undefined when it has none. */
export function resultsProblem(doc: Doc): string | undefined {
  if (typeof doc['createdAt'] !== 'string' || Number.isNaN(Date.parse(doc['createdAt']))) return 'createdAt is not a date';
  if (!isTime(doc['durationMs'])) return 'durationMs is not a duration';
  const problem = fingerprintProblem(doc['fingerprint']) ?? settingsProblem(doc['settings']);
  if (problem) return problem;
  for (const [i, s] of (doc['suites'] as unknown[]).entries()) {
    if (!isObject(s) || typeof s['name'] !== 'string' || typeof s['file'] !== 'string') return `suites[${i}] lacks name or file`;
    if (!Array.isArray(s['setupMs']) || !(s['setupMs'] as unknown[]).every(isTime)) return `suites[${i}].setupMs is not a list of times`;
  }
  const seen = new Set<string>();
  for (const [i, b] of (doc['benchmarks'] as unknown[]).entries()) {
    const found = benchmarkProblem(b, i);
    if (found) return found;
    const id = (b as Doc)['id'] as string;
    if (seen.has(id)) return `benchmark '${id}' appears twice`;
    seen.add(id);
  }
  return undefined;
}
