/**
 * Random and malformed command lines for the CLI, built from its own command specs (so a command added
 * later is fuzzed too). Seeded: the same seed gives the same cases.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import type { Random } from './random.js';

export interface OptionInfo {
  name: string;
  type: 'string' | 'boolean';
  short?: string;
  value?: string;
  multiple?: boolean;
}

/** One command or subcommand as `--describe` lists it. */
export interface CommandInfo {
  path: string[];
  aliases: string[];
  positionals: string[];
  options: OptionInfo[];
  runnable: boolean;
}

/** Names that a real user mistypes or that break naive quoting and path handling. */
export const NASTY_NAMES = [
  'a b',
  'ünïcødé',
  '中文 目录',
  'emoji 😀',
  "it's",
  'say "hi"',
  "x'; DROP TABLE y; --",
  '$(touch pwned)',
  '`id`',
  'tab\there',
  'new\nline',
  ' leading',
  'trailing ',
  '-starts-with-dash',
  '--',
  '.',
  '..x',
  '%s%n',
  '\\back\\slash',
  'semi;colon',
  'a*b?',
  '[brackets]',
  '{braces}',
  '\u202eevil',
  'CON',
  'x'.repeat(300),
];

const JUNK = 'abcXYZ019 -_=+./\\\'"`$%&*()[]{};:,<>?!~#@|^äöüß€😀中文\u202e\t\n';

/** Values by the `value` label in the option specs; valid ones are kept small (see the guard in `guardCase`). */
const VALUES: Record<string, { valid: string[]; invalid: string[] }> = {
  N: {
    valid: ['1', '2', '3'],
    invalid: ['0', '-1', '1.5', 'NaN', 'Infinity', '1e309', '0x10', '', ' ', '1_000', '½', '٣', '99999999999999999999', '2/2', 'two'],
  },
  SF: { valid: ['0.01', '0.001'], invalid: ['0', '-1', 'NaN', '1e-9', 'x', '', '1e309', '1,5', '0.0000001', '-0', 'Infinity'] },
  PCT: { valid: ['10', '10%', '5.5'], invalid: ['0', '100', '-5', 'ten', '1e309', '%', '', '10%%', 'NaN'] },
  PCTS: { valid: ['5,10', '10'], invalid: ['5,,10', '0', '-5', '501', 'a,b', '', ',', '10%,x'] },
  SECONDS: { valid: ['1', '300', '0.5'], invalid: ['0', '-1', '1e309', 'abc', '', 'NaN', '5s'] },
  MS: { valid: ['1', '100', '5000'], invalid: ['0', '-1', 'x', '', '1.5', '99999999999999'] },
  'i/n': { valid: ['1/1', '1/2', '2/2'], invalid: ['0/1', '2/1', '1/0', '-1/2', 'a/b', '1/2/3', '1 / 2', '99999999999999999999/1', '', '/', '1/'] },
  PATTERN: { valid: ['.', 'demo', 'a|b'], invalid: ['(', '[', '\\', '', '*', '(?<n>x)\\k<m>', 'a{2,1}', '(a+)+$'] },
  SIZE: { valid: ['512MB', '4GB', '1.5GiB'], invalid: ['1XB', '0', '-1GB', '1 G B', '', 'lots', '1e3GB'] },
  REF: {
    valid: ['main', 'HEAD', 'HEAD~1'],
    invalid: ['', '--upload-pack=touch pwned', 'a..b', "x';rm -rf /", '$(touch pwned)', 'refs/heads/../../x', '@{-1}'],
  },
  DATE: {
    valid: ['2026-01-31', '2026-01-31T12:00:00Z', '2026-01-31T12:00+02:00'],
    invalid: ['yesterday', '2026-02-30', '2026-13-01', '2026-01-31T25:00', '31/01/2026', '2026-1-1', '', '1e309', '2026-01-31T12:00:00+99:99'],
  },
  SHELL: { valid: ['bash', 'zsh', 'fish', 'dotenv'], invalid: ['powershell', '', 'BASH', 'github'] },
  LIST: { valid: ['1,3,5', '1-6', '22'], invalid: ['0', '23', '5-1', '1,,2', 'a', '1-', '-1', '1-1e9', '', '1.5'] },
  FMT: { valid: ['csv', 'tsv', 'parquet', 'json', 'ndjson', 'duckdb'], invalid: ['xlsx', '', 'CSV', 'csv,parquet'] },
  NAME: { valid: ['t', 'select', 'ä'], invalid: ["x'; DROP TABLE y; --", '"', '', ' ', 'a"b'] },
  CC: { valid: ['cc'], invalid: ['/nonexistent/cc', '', 'not-a-compiler'] },
  // Port 9 (discard) on this machine: refused at once, so nothing waits on a network.
  URL: {
    valid: ['http://127.0.0.1:9', '127.0.0.1:9', 'localhost:9'],
    invalid: ['', 'ftp://127.0.0.1:9', 'http://', 'not a url', 'http://[::1', 'http://127.0.0.1:99999', 'http://user:pw@127.0.0.1:9'],
  },
};

/** Relative paths inside the fuzz folder: existing fixtures, missing ones, and nasty names. */
export const PATHS = [
  'out.json',
  'sub/out.json',
  'missing/dir/x',
  'nonexistent',
  '.',
  'folder',
  'folder/',
  'file.txt',
  'file.txt/x',
  'input.csv',
  'input.parquet',
  'empty.csv',
  'ragged.csv',
  'garbage.duckdb',
  'out.csv',
  'out.parquet',
  'out.duckdb',
  'out.ndjson',
  'out.tsv',
  'out',
  'folder/deeper/out.csv',
  '',
  ' ',
  ...NASTY_NAMES,
];

/** Absolute paths that are safe to hand to any command: they cannot exist or cannot be written. */
export const SAFE_ABSOLUTE = ['/nonexistent/x', '/nonexistent/dir/out.json', '/proc/nonexistent/x'];

function valueFor(rng: Random, option: OptionInfo): string {
  const label = option.value ?? 'VALUE';
  if (/FILE|DIR|PATH/.test(label)) return rng.chance(0.9) ? rng.pick(PATHS) : rng.pick(SAFE_ABSOLUTE);
  if (label.includes('|')) {
    const choices = label.split('|');
    return rng.chance(0.7) ? rng.pick(choices) : rng.pick(['', choices[0]!.toUpperCase(), `${choices[0]}x`, 'none', choices.join('|')]);
  }
  const vocab = VALUES[label];
  if (!vocab) return junk(rng);
  return rng.chance(0.6) ? rng.pick(vocab.valid) : rng.chance(0.85) ? rng.pick(vocab.invalid) : junk(rng);
}

function junk(rng: Random): string {
  return rng.chance(0.05) ? rng.string(rng.int(1000, 20000), JUNK) : rng.string(rng.int(0, 12), JUNK);
}

function flagToken(rng: Random, option: OptionInfo): string[] {
  const name = `--${option.name}`;
  if (option.type === 'boolean') {
    // Mostly right; sometimes a value it does not take.
    return rng.chance(0.85) ? [name] : [`${name}=${rng.pick(['true', 'yes', '1', ''])}`];
  }
  const value = valueFor(rng, option);
  const style = rng.next();
  if (style < 0.6) return [name, value];
  if (style < 0.85) return [`${name}=${value}`];
  if (style < 0.92 && option.short) return [`-${option.short}`, value];
  return [name]; // value missing
}

function typo(rng: Random, word: string): string {
  const i = rng.int(0, Math.max(0, word.length - 1));
  switch (rng.int(0, 3)) {
    case 0:
      return word.slice(0, i) + word.slice(i + 1);
    case 1:
      return word.slice(0, i) + rng.string(1, 'abcdefghijklmnopqrstuvwxyz-') + word.slice(i);
    case 2:
      return word.toUpperCase();
    default:
      return `${word}s`;
  }
}

function noise(rng: Random, command: CommandInfo | undefined): string[] {
  const kinds = [
    () => [junk(rng)],
    () => [`--${rng.string(rng.int(1, 10), 'abcdefghijklmnopqrstuvwxyz-')}`],
    () => [`-${rng.string(rng.int(1, 3), 'abcdefghijklmnopqrstuvwxyzABCXYZ')}`],
    () => [rng.pick(['--', '-', '---', '--=', '-=x', '--help=1', '-h', '--HELP', 'help'])],
    () => [rng.pick(PATHS)],
    () => (command && command.options.length ? [`--${typo(rng, rng.pick(command.options).name)}`] : [junk(rng)]),
    () => {
      // The same flag twice.
      const option = command?.options.length ? rng.pick(command.options) : undefined;
      return option ? [...flagToken(rng, option), ...flagToken(rng, option)] : [junk(rng)];
    },
  ];
  return rng.pick(kinds)();
}

/** One fuzz case: an argv for the CLI (without node and script). */
export function generateCase(rng: Random, commands: CommandInfo[]): string[] {
  const roll = rng.next();
  if (roll < 0.08) {
    // Broken command structure.
    const top = rng.pick(commands.filter((c) => c.path.length === 1));
    return rng.pick([
      () => [typo(rng, top.path[0]!), ...noise(rng, undefined)],
      () => [junk(rng)],
      () => [],
      () => ['help', top.path[0]!],
      () => [top.path[0]!, junk(rng), ...noise(rng, top)],
      () => ['--', top.path[0]!],
      () => [...noise(rng, undefined), top.path[0]!],
    ])();
  }
  const command = rng.pick(commands);
  const argv = [...command.path];
  if (command.path.length === 1 && command.aliases.length && rng.chance(0.3)) argv[0] = rng.pick(command.aliases);
  if (rng.chance(0.35)) {
    // Mostly noise.
    const count = rng.int(1, 5);
    for (let i = 0; i < count; i++) argv.push(...noise(rng, command));
    return argv;
  }
  const tokens: string[][] = [];
  for (const option of command.options) if (rng.chance(0.45)) tokens.push(flagToken(rng, option));
  if (command.positionals.length && rng.chance(0.5)) tokens.push([rng.chance(0.9) ? rng.pick(PATHS) : rng.pick(SAFE_ABSOLUTE)]);
  if (rng.chance(0.1)) tokens.push([rng.pick(PATHS)]); // one positional too many, or none allowed
  const extra = rng.chance(0.5) ? rng.int(1, 2) : 0;
  for (let i = 0; i < extra; i++) tokens.push(noise(rng, command));
  for (let i = tokens.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [tokens[i], tokens[j]] = [tokens[j]!, tokens[i]!];
  }
  if (rng.chance(0.03)) for (let i = 0; i < 200; i++) tokens.push(noise(rng, command));
  return [...argv, ...tokens.flat()];
}

/**
 * Keeps a case from starting long real work or touching anything outside the fuzz folder:
 * - every argument that resolves to a path outside `root` (other than SAFE_ABSOLUTE) is made relative to it;
 * - `download`/`generate` and `tpch run` without `--scale` (default: scale 1, about 1 GB) get `--scale 0.01`,
 *   unless `tpch run` loads `--data`; the vocabulary's valid scales are 0.01 and 0.001;
 * - `doctor` gets `--offline` (its extension download check would wait on the network).
 * Returns the guarded argv and what was changed.
 */
export function guardCase(argv: string[], root: string): { argv: string[]; guarded: string[] } {
  const guarded: string[] = [];
  const out = argv.map((arg) => {
    const value = arg.startsWith('--') && arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : arg;
    if (value === '' || SAFE_ABSOLUTE.includes(value)) return arg;
    const target = resolve(root, value);
    const rel = relative(root, target);
    if (rel.startsWith('..') || isAbsolute(rel)) {
      const safe = value.replace(/\.\./g, '__').replace(/^\/+/, '').replace(/^~/, '_') || '_';
      guarded.push(`path ${JSON.stringify(value.slice(0, 40))} kept inside the folder`);
      return arg === value ? safe : `${arg.slice(0, arg.indexOf('=') + 1)}${safe}`;
    }
    return arg;
  });
  const command = out[0];
  const hasFlag = (name: string) => out.some((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if ((command === 'download' || command === 'generate' || (command === 'tpch' && out[1] === 'run')) && !hasFlag('scale') && !hasFlag('data')) {
    out.push('--scale', '0.01');
    guarded.push('--scale 0.01 added');
  }
  // A URL flag may only name this machine (the vocabulary's hosts); anything else is pointed at port 9 here.
  for (let i = 0; i < out.length; i++) {
    const arg = out[i]!;
    const inline = arg.startsWith('--url=');
    const value = inline ? arg.slice(6) : arg === '--url' ? out[i + 1] : undefined;
    if (value === undefined) continue;
    const host = /^(?:[a-z]*:\/\/)?(?:[^@/]*@)?(\[[^\]]*\]?|[^:/]*)/i.exec(value)?.[1] ?? '';
    if (['', '127.0.0.1', 'localhost', '[::1', '[::1]'].includes(host) || !host.includes('.')) continue;
    if (inline) out[i] = '--url=http://127.0.0.1:9';
    else out[i + 1] = 'http://127.0.0.1:9';
    guarded.push('--url pointed at 127.0.0.1:9');
  }
  if (command === 'doctor' && !hasFlag('offline')) {
    out.push('--offline');
    guarded.push('--offline added');
  }
  return { argv: out, guarded };
}
