/**
 * Seeded generators for the classes of issue 16: names DuckDB would read as patterns (and quotes and
 * line breaks), outputs that are inputs under another name, and every file argument given a place no
 * file can go. Each case carries what a correct run does, so a wrong exit code is told from a right one.
 */
// The command lines are the CLI test's own (one table for both).
import { fileArgumentLine, MEASURING } from '../../../packages/cli/test/file-argument-lines.js';
import type { CommandInfo } from './args.js';
import type { Random } from './random.js';

export interface FileCase {
  /** The generator and variant, for the figures. */
  kind: string;
  argv: string[];
  /** Files to write before the case (relative path -> content), removed after it. */
  files?: Record<string, string | Buffer>;
  /** The exit codes a correct run may give. */
  codes: number[];
  /** Text a correct run prints on stdout (convert's row count, import's run count). */
  stdout?: RegExp;
  /** Text a correct run prints on stderr (the alias refusal). */
  stderr?: RegExp;
}

// Characters DuckDB's readers expand, and ones that break naive quoting (quotes, line breaks, shell).
const GLOB_PARTS = ['*', '?', '[12]', '[ab]', '[', ']', '[!x]', '**'];
const NASTY_PARTS = ["'", '"', '\n', ' ', '$(touch pwned)', ';', '`id`', 'ü', '%s', '\\', '{a,b}', '~', '-'];

/** A file name holding glob characters and nasty ones, with a stem that stays unique. */
function nastyStem(rng: Random, id: number): string {
  let stem = `f${id}`;
  const parts = rng.int(1, 4);
  for (let i = 0; i < parts; i++) stem += rng.chance(0.6) ? rng.pick(GLOB_PARTS) : rng.pick(NASTY_PARTS);
  return stem.replace(/\//g, '_');
}

/** Names the pattern `name` would match besides itself: what DuckDB read when it expanded it. */
function decoysFor(name: string): string[] {
  const out = new Set<string>();
  const concrete = (s: string) =>
    s
      .replace(/\[!x\]/g, 'y')
      .replace(/\[12\]/g, '1')
      .replace(/\[ab\]/g, 'a')
      .replace(/\*\*?/g, 'zz')
      .replace(/\?/g, 'q');
  out.add(concrete(name));
  out.add(
    name
      .replace(/\[12\]/g, '2')
      .replace(/\[ab\]/g, 'b')
      .replace(/\*\*?/g, '')
      .replace(/\?/g, 'w')
      .replace(/\[!x\]/g, 'z'),
  );
  out.delete(name);
  return [...out];
}

const csv = (rows: number, seed: number) => `a,b\n${Array.from({ length: rows }, (_, i) => `${seed * 100 + i},r${i}`).join('\n')}\n`;

/**
 * A: a path is a path. An input named with glob characters (in the file or its folder), quotes and
 * line breaks, next to files its pattern would match: convert must read exactly that file (its row
 * count tells), history import and report must read that file.
 */
export function specialPathCase(rng: Random, id: number, comparison: string): FileCase {
  const inFolder = rng.chance(0.35);
  const folder = inFolder ? `${nastyStem(rng, id)}-dir` : `plain${id}`;
  const stem = nastyStem(rng, id);
  const which = rng.next();
  if (which < 0.7) {
    const rows = rng.int(3, 9);
    const name = `${folder}/${stem}.csv`;
    const files: Record<string, string> = { [name]: csv(rows, id) };
    // Decoys of another size: read too, they would change the count.
    for (const decoy of decoysFor(stem)) files[`${folder}/${decoy}.csv`] = csv(rows + 1 + rng.int(0, 3), id + 1);
    if (inFolder) for (const decoy of decoysFor(folder)) files[`${decoy}/${stem}.csv`] = csv(rows + 20, id + 2);
    const to = rng.pick(['json', 'parquet', 'csv', 'ndjson']);
    return {
      kind: 'special path: convert',
      argv: ['convert', `--input=${name}`, `--output=out${id}.${to}`],
      files,
      codes: [0],
      stdout: new RegExp(`: ${rows} rows,`),
    };
  }
  if (which < 0.85) {
    const name = `${folder}/${stem}.json`;
    const files: Record<string, string> = { [name]: comparison };
    for (const decoy of decoysFor(stem)) files[`${folder}/${decoy}.json`] = 'not json';
    return {
      kind: 'special path: history import',
      argv: ['history', 'import', name, `--history=h${id}.duckdb`],
      files,
      codes: [0],
      stdout: /^imported 1 run into /m,
    };
  }
  const name = `${folder}/${stem}.json`;
  return {
    kind: 'special path: report',
    argv: ['report', `--comparison=${name}`, `--html=${folder}/${stem}.html`],
    files: { [name]: comparison },
    codes: [0],
    stdout: /: a comparison of 1 benchmark\(s\), pass\n$/,
  };
}

/** Ways to name one file: the path itself, with ./, through a folder and .., a symbolic link, a hard link. */
export const ALIASES: Record<string, (path: string) => string> = {
  same: (p) => p,
  dot: (p) => `./${p}`,
  dotdot: (p) => `folder/../${p}`,
  absolute: (p) => `@ROOT/${p}`,
  symlink: (p) => `link-${p.replace(/\//g, '-')}`,
  hardlink: (p) => `hard-${p.replace(/\//g, '-')}`,
};

/**
 * C: an output that is an input, or another output, under some name: refused with exit 2 before any
 * work, every input left as it was. The fixtures (see aliasFixtures) hold the inputs and their links.
 */
export function aliasCase(rng: Random): FileCase {
  const how = rng.pick(Object.keys(ALIASES));
  const alias = ALIASES[how]!;
  const refused = /which this command reads|is also the file of/;
  const scenarios: (() => Omit<FileCase, 'kind' | 'codes' | 'stderr'> & { name: string })[] = [
    () => ({
      name: 'convert --output = --input',
      argv: [
        'convert',
        '--input',
        'input.csv',
        '--output',
        alias('input.csv'),
        ...(rng.chance(0.5) ? ['--force'] : []),
        ...(rng.chance(0.3) ? ['--to', 'csv'] : []),
      ],
    }),
    () => ({ name: 'report --html = --history', argv: ['report', '--html', alias('history.duckdb'), '--history', 'history.duckdb'] }),
    () => ({ name: 'report --html = --comparison', argv: ['report', '--html', alias('comparison.json'), '--comparison', 'comparison.json'] }),
    () => ({
      name: 'bench --json = the baseline',
      argv: ['bench', 'proj', '--no-history', rng.pick(['--json', '--markdown', '--bmf', '--gab']), alias('proj/.performance_baseline')],
    }),
    () => ({ name: 'bench --json = --history', argv: ['bench', 'proj', '--no-baseline', '--history', 'history.duckdb', '--json', alias('history.duckdb')] }),
    () => {
      const [a, b] = rng.chance(0.5) ? ['--json', '--markdown'] : ['--bmf', '--gab'];
      return { name: 'bench two outputs in one file', argv: ['bench', 'proj', '--no-baseline', '--no-history', a!, 'report.txt', b!, alias('report.txt')] };
    },
    () => ({
      name: 'compare --json = --markdown',
      argv: ['compare', '--base', 'HEAD', 'proj', '--no-history', '--json', 'cmp.txt', '--markdown', alias('cmp.txt')],
    }),
    () => ({
      name: 'compare --json = --history',
      argv: ['compare', '--base', 'HEAD', 'proj', '--history', 'history.duckdb', '--json', alias('history.duckdb')],
    }),
    () => ({ name: 'calibrate --markdown = --json', argv: ['calibrate', 'proj', '--markdown', 'cal.txt', '--json', alias('cal.txt')] }),
    () => ({ name: 'history export over the database', argv: ['history', 'export', '--parquet', 'export', '--history', alias('export/runs.parquet')] }),
  ];
  const made = rng.pick(scenarios)();
  return { kind: `alias (${how}): ${made.name}`, argv: made.argv, codes: [2], stderr: refused };
}

/** What a place does to an output: refused, refused unless the command makes folders, or fine (any code). */
type PlaceOutcome = 'refused' | 'refused unless made' | 'any';

/** D: the places a file argument can be given (the fixture folder holds each), and what each does to a file output and to a folder output. */
export const PLACES: Record<string, { path: string; file: PlaceOutcome; folder: PlaceOutcome }> = {
  'a folder': { path: 'folder', file: 'refused', folder: 'any' },
  'a missing folder': { path: 'missing/deeper/x.out', file: 'refused unless made', folder: 'refused unless made' },
  'a path under a file': { path: 'file.txt/x.out', file: 'refused', folder: 'refused' },
  '/proc/self/x (root cannot write there)': { path: '/proc/self/x.out', file: 'refused', folder: 'refused' },
  '/proc/self': { path: '/proc/self', file: 'refused', folder: 'refused' },
  'an existing file': { path: 'file.txt', file: 'any', folder: 'refused' },
  'a symbolic link to a folder': { path: 'link-folder', file: 'refused', folder: 'any' },
  'a dangling symbolic link': { path: 'dangling', file: 'any', folder: 'any' },
  'a FIFO nobody writes or reads': { path: 'fifo', file: 'any', folder: 'refused' },
  '/dev/null': { path: '/dev/null', file: 'any', folder: 'refused' },
  'a name with quotes, spaces and a line break': { path: 'it\'s "q" a\nb.out', file: 'any', folder: 'any' },
  'a name with glob characters': { path: 'x[12]*?.out', file: 'any', folder: 'any' },
  'an empty name': { path: '', file: 'any', folder: 'any' },
};

/** The arguments that name a file the command writes, and those that name a folder it writes files into. */
const FILE_OUTPUTS = new Set([
  'env --write',
  'link-check --manifest',
  'bench --json',
  'bench --markdown',
  'bench --bmf',
  'bench --gab',
  'compare --json',
  'compare --markdown',
  'calibrate --markdown',
  'calibrate --json',
  'report --html',
  'convert --output',
]);
const FOLDER_OUTPUTS = new Set(['download --output-dir', 'tpch answers --out', 'history export --parquet']);
/** Outputs whose command makes missing folders. */
const MAKES_FOLDERS = new Set(['report --html', 'download --output-dir', 'convert --output', 'tpch answers --out', 'history export --parquet']);

/** Every file argument of every command, from the specs: flags whose value is a FILE, DIR or PATH, and positionals. */
export function fileArguments(commands: CommandInfo[]): { path: string[]; argument: string }[] {
  return commands
    .filter((c) => c.runnable)
    .flatMap((c) => [
      ...c.options.filter((o) => /FILE|DIR|PATH/.test(o.value ?? '')).map((o) => ({ path: c.path, argument: `--${o.name}` })),
      ...c.positionals.map((p) => ({ path: c.path, argument: p })),
    ]);
}

/** The fixtures of the places folder, by the names the shared command lines use. */
const FIXTURES: Record<string, string> = { project: 'proj', history: 'history.duckdb', comparison: 'comparison.json', tpch: 'tpch' };
const fixture = (name: string) => (name.startsWith('world/') ? name.slice(6) : (FIXTURES[name] as string));

// The places where a measuring command's --history cannot be written: it measures all the same, and warns.
const HISTORY_PLACES = new Set(['a folder', 'a path under a file', '/proc/self/x (root cannot write there)']);

/** Whether a case of a measuring command runs here: outputs it must refuse before measuring (and bench's existing file), any project folder, three unwritable histories. */
function measuredCaseRuns(path: string[], argument: string, place: string, expected: PlaceOutcome): boolean {
  if (!MEASURING.has(path.join(' '))) return true;
  if (argument === '--history') return HISTORY_PLACES.has(place);
  if (!argument.startsWith('--')) return true;
  return expected === 'refused' || (path[0] === 'bench' && place === 'an existing file');
}

/** D: every place for every file argument. */
export function placeCases(commands: CommandInfo[]): FileCase[] {
  const out: FileCase[] = [];
  for (const { path, argument } of fileArguments(commands)) {
    const key = `${path.join(' ')} ${argument}`;
    for (const [place, { path: value, file, folder }] of Object.entries(PLACES)) {
      const outcome = FILE_OUTPUTS.has(key) ? file : FOLDER_OUTPUTS.has(key) ? folder : 'any';
      const expected: PlaceOutcome = outcome === 'refused unless made' ? (MAKES_FOLDERS.has(key) ? 'any' : 'refused') : outcome;
      if (!measuredCaseRuns(path, argument, place, expected)) continue;
      out.push({
        kind: `place: ${key} <${place}>`,
        argv: fileArgumentLine(path, argument, value, fixture),
        codes: expected === 'refused' ? [2] : [0, 1, 2, 3],
      });
    }
  }
  return out;
}
