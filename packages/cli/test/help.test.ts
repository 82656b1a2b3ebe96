// The usage line and --help come from what each command declares (positionals, options, subcommands):
// nothing is written by hand, so a declared option cannot be missing from them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { positionalLimit, type Command, type OptionSpec } from '../src/command.js';
import { commands } from '../src/commands/index.js';
import { commandHelp, usageLine } from '../src/help.js';
import { runMain } from './run-main.js';

interface Entry {
  name: string;
  path: string[];
  command: Command;
}

/** Every command and subcommand, with the words that reach it. */
function walk(list: Command[], parent: string[] = []): Entry[] {
  return list.flatMap((command) => {
    const path = [...parent, command.name];
    return [{ name: path.join(' '), path, command }, ...walk(command.subcommands ?? [], path)];
  });
}

const entries = walk(commands);
const options = (command: Command): Array<[string, OptionSpec]> => Object.entries(command.options ?? {});

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cli-help-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (...argv: string[]) => runMain(argv, { cwd: dir, env: { ...process.env, FROZEN_DUCKDB_HISTORY: 'off' } });

/** The flags named in the command's own form of a usage line (before ' | ' and its subcommand form). */
const usageFlags = (line: string): string[] => [...(line.split(' | ')[0] ?? '').matchAll(/--([\w-]+)/g)].map((m) => m[1] as string);

describe('usage lines and --help are derived from the declared options', () => {
  it('covers every command and subcommand', () => {
    expect(entries.map((e) => e.name)).toEqual(expect.arrayContaining(['compare', 'calibrate', 'baseline record', 'history import', 'llm embed', 'tpch run']));
  });

  it.each(entries)('$name --help starts with its usage line and lists every declared option', async ({ path, command }) => {
    const { code, stdout } = await run(...path, '--help');
    expect(code).toBe(0);
    const [first, ...rest] = stdout.split('\n');
    expect(first).toBe(`Usage: frozen-duckdb ${usageLine(command, path)}`);
    expect(first?.startsWith(`Usage: frozen-duckdb ${path.join(' ')}`)).toBe(true);
    const listed = new Set([...rest.join('\n').matchAll(/^ {2}(?:-\w, )?--([\w-]+)/gm)].map((m) => m[1]));
    for (const [name, spec] of options(command)) {
      expect(listed).toContain(name);
      if (spec.required) expect(stdout).toMatch(new RegExp(`^ {2}--${name}\\b.*\\(required\\)`, 'm'));
    }
    for (const sub of command.subcommands ?? []) expect(stdout).toMatch(new RegExp(`^ {2}${sub.name} `, 'm'));
  });

  it.each(entries.filter((e) => e.command.run))('$name: the usage line names exactly the declared options, required ones unbracketed', ({ path, command }) => {
    const line = usageLine(command, path);
    expect([...new Set(usageFlags(line))].sort()).toEqual(
      options(command)
        .map(([name]) => name)
        .sort(),
    );
    for (const [name, spec] of options(command)) {
      const word = spec.type === 'string' ? `--${name} ${spec.value ?? 'VALUE'}` : `--${name}`;
      if (spec.required) expect(line).toMatch(new RegExp(`(^| )${escape(word)}( |$)`));
      else expect(line).toContain(`[${word}`);
    }
    for (const positional of command.positionals ?? []) expect(line).toContain(`[${positional}]`);
  });

  it('names the subcommands in the usage line of a command that has them', () => {
    for (const { path, command } of entries.filter((e) => e.command.subcommands?.length)) {
      expect(usageLine(command, path)).toContain(`${path.join(' ')} <${command.subcommands!.map((c) => c.name).join('|')}>`);
    }
  });

  it('a new option shows in the usage line and --help without any other edit', () => {
    const compare = commands.find((c) => c.name === 'compare')!;
    const grown: Command = {
      ...compare,
      options: {
        ...compare.options,
        'new-flag': { type: 'string', value: 'X', description: 'a flag added later' },
        'new-required': { type: 'string', value: 'Y', required: true, description: 'a required flag added later' },
      },
    };
    const line = usageLine(grown, ['compare']);
    expect(line).toContain('[--new-flag X]');
    expect(line).toMatch(/^compare --base REF --new-required Y \[PROJECT_DIR\]/);
    expect(commandHelp(grown, ['compare'])).toMatch(/^ {2}--new-flag X +a flag added later$/m);
    expect(commandHelp(grown, ['compare'])).toMatch(/^ {2}--new-required Y +\(required\) a required flag added later$/m);
  });

  it('a usage error prints the derived usage line: calibrate shows --json, --threshold and --budget; compare --exact', async () => {
    const calibrate = await run('calibrate', '--bogus');
    expect(calibrate.code).toBe(2);
    expect(calibrate.stderr).toContain("'--bogus'");
    const calibrateUsage = calibrate.stderr.split('\n').find((l) => l.startsWith('usage: frozen-duckdb calibrate '));
    expect(calibrateUsage).toBeDefined();
    for (const word of ['[--json FILE]', '[--threshold PCT]', '[--budget SECONDS]', '[--markdown FILE]', '[PROJECT_DIR]'])
      expect(calibrateUsage).toContain(word);

    const compare = await run('compare', '--bogus');
    expect(compare.code).toBe(2);
    expect(compare.stderr).toMatch(/^usage: frozen-duckdb compare --base REF \[PROJECT_DIR\] \[--exact\] /m);
  });

  // A flag shown as required must be one the command refuses to run without (it checks before doing anything).
  const required = entries.flatMap(({ name, path, command }) =>
    options(command)
      .filter(([, spec]) => spec.required)
      .map(([flag]) => ({ name, path, command, flag })),
  );
  it.each(required)('$name without --$flag exits 2 naming it', async ({ path, command, flag }) => {
    // The other required flags get a plausible value: the first choice of 'a|b', else any word.
    const others = options(command)
      .filter(([name, spec]) => spec.required && name !== flag)
      .flatMap(([name, spec]) => [`--${name}`, spec.value?.includes('|') ? (spec.value.split('|')[0] as string) : 'x']);
    const { code, stderr } = await run(...path, ...others);
    expect(code).toBe(2);
    expect(stderr).toContain(`--${flag} is required`);
  });

  it('a last positional named NAME... takes any number; other commands still refuse extra arguments', async () => {
    expect(positionalLimit({ name: 'x', summary: '', positionals: ['FILE...'] })).toBe(Infinity);
    expect(positionalLimit({ name: 'x', summary: '', positionals: ['PROJECT_DIR'] })).toBe(1);
    expect(positionalLimit({ name: 'x', summary: '' })).toBe(0);
    const many = await run('history', 'import', 'a.json', 'b.json', 'c.json', '--history', join(dir, 'h.duckdb'));
    expect(many.code).toBe(2);
    expect(many.stderr).not.toContain('unexpected argument');
    expect(many.stderr).toContain('a.json: does not exist');
    const extra = await run('baseline', 'show', 'one', 'two');
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain("unexpected argument 'two'");
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
