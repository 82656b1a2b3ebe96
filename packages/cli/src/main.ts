import { parseArgs } from 'node:util';
import chalk from 'chalk';
import { FrozenDuckDBError } from '@frozen-duckdb/core';
import { positionalLimit, UsageError, type Command, type CommandContext } from './command.js';
import { commands } from './commands/index.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { commandHelp, rootHelp, usageLine } from './help.js';

export interface MainIO {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  stdout?: CommandContext['stdout'];
  stderr?: CommandContext['stderr'];
}

/** Runs the CLI for `argv` (without node and script) and returns the exit code. */
export async function main(argv: string[], io: MainIO = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  let path: string[] = [];
  let command: Command | undefined;
  try {
    const resolved = resolveCommand(argv);
    path = resolved.path;
    command = resolved.command;
    if (!command) {
      stdout.write(rootHelp(commands));
      return argv.length === 0 ? EXIT.usage : EXIT.ok;
    }
    const rest = resolved.rest;
    if (rest.includes('--help') || rest.includes('-h') || !command.run) {
      stdout.write(commandHelp(command, path));
      return command.run || rest.includes('--help') || rest.includes('-h') ? EXIT.ok : EXIT.usage;
    }
    const parsed = parseFlags(command, rest);
    return await command.run({
      ...parsed,
      cwd: io.cwd ?? process.cwd(),
      env: io.env ?? process.env,
      stdout,
      stderr,
    });
  } catch (error) {
    return report(error, command, path, stderr);
  }
}

function resolveCommand(argv: string[]): { command: Command | undefined; path: string[]; rest: string[] } {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    return { command: undefined, path: [], rest: [] };
  }
  let command = findCommand(commands, first);
  if (!command) {
    throw new UsageError(`unknown command '${first}'`, `run 'frozen-duckdb --help' to list the commands`);
  }
  const path = [command.name];
  while (command.subcommands?.length && rest[0] !== undefined && !rest[0].startsWith('-')) {
    const name: string = rest.shift() as string;
    const sub: Command | undefined = findCommand(command.subcommands, name);
    if (!sub) {
      throw new UsageError(`unknown command '${path.join(' ')} ${name}'`, `run 'frozen-duckdb ${path.join(' ')} --help' to list its commands`);
    }
    command = sub;
    path.push(sub.name);
  }
  return { command, path, rest };
}

function findCommand(list: Command[], name: string): Command | undefined {
  return list.find((c) => c.name === name || c.aliases?.includes(name));
}

function parseFlags(command: Command, args: string[]): Pick<CommandContext, 'values' | 'positionals'> {
  const options = Object.fromEntries(
    Object.entries(command.options ?? {}).map(([name, spec]) => [
      name,
      { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) },
    ]),
  );
  try {
    const limit = positionalLimit(command);
    const { values, positionals } = parseArgs({ args, options, strict: true, allowPositionals: limit > 0 });
    if (positionals.length > limit) throw new UsageError(`unexpected argument '${positionals[limit]}'`);
    return { values: values as CommandContext['values'], positionals };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // node:util's first line names the flag; its further advice (about '--' and dashes) does not apply here.
    const first = error instanceof Error ? (error.message.split(/\n|\. To specify/)[0] ?? error.message) : String(error);
    const ambiguous = /argument is ambiguous/.test(first);
    throw new UsageError(first.replace(/\.$/, ''), ambiguous ? 'a value that starts with a dash is written --flag=VALUE' : undefined);
  }
}

function report(error: unknown, command: Command | undefined, path: string[], stderr: NodeJS.WritableStream): number {
  if (error instanceof FrozenDuckDBError) {
    stderr.write(`${chalk.red('error:')} ${error.message}\n`);
    if (error.hint) stderr.write(`${chalk.yellow('fix:')} ${error.hint}\n`);
    if (error.category === 'usage') {
      stderr.write(command ? `usage: frozen-duckdb ${usageLine(command, path)}\n` : 'usage: frozen-duckdb <command> [options]\n');
      if (path.length) stderr.write(`run 'frozen-duckdb ${path.join(' ')} --help' for details\n`);
    }
    return exitCodeFor(error.category);
  }
  // Anything untyped is a bug or an environment fault: show it whole, exit 2.
  stderr.write(`${chalk.red('error:')} ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return EXIT.usage;
}
