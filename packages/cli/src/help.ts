import { extent } from '@frozen-duckdb/bench';
import type { Command, OptionSpec } from './command.js';

/** An option as the usage line and --help show it, e.g. '--base REF' or '--json'. */
function optionWord(name: string, spec: OptionSpec): string {
  return spec.type === 'string' ? `--${name} ${spec.value ?? 'VALUE'}` : `--${name}`;
}

/** An option's place in the usage line: bare when required, bracketed when not, '...' when repeatable. */
function usageWord(name: string, spec: OptionSpec): string {
  const word = optionWord(name, spec);
  if (spec.required) return spec.multiple ? `${word} [${word} ...]` : word;
  return spec.multiple ? `[${word} ...]` : `[${word}]`;
}

/**
 * The usage line after `frozen-duckdb`, derived from what the command declares: its path, required options,
 * positionals (all optional), other options in declared order, then its subcommands as a second form.
 */
export function usageLine(command: Command, path: string[]): string {
  const name = path.join(' ');
  const forms: string[] = [];
  if (command.run) {
    const options = Object.entries(command.options ?? {});
    const words = [
      ...options.filter(([, spec]) => spec.required).map(([option, spec]) => usageWord(option, spec)),
      ...(command.positionals ?? []).map((positional) => `[${positional}]`),
      ...options.filter(([, spec]) => !spec.required).map(([option, spec]) => usageWord(option, spec)),
    ];
    forms.push([name, ...words].join(' '));
  }
  if (command.subcommands?.length) forms.push(`${name} <${command.subcommands.map((c) => c.name).join('|')}> [options]`);
  return forms.join(' | ');
}

/** The --help text of a command. */
export function commandHelp(command: Command, path: string[]): string {
  const lines = [`Usage: frozen-duckdb ${usageLine(command, path)}`, '', command.summary];
  if (command.subcommands?.length) {
    lines.push('', 'Commands:');
    const width = extent(command.subcommands.map((c) => c.name.length)).max;
    for (const sub of command.subcommands) lines.push(`  ${sub.name.padEnd(width)}  ${sub.summary}`);
    lines.push('', `Run 'frozen-duckdb ${[...path, '<command>'].join(' ')} --help' for a command's options.`);
  }
  const options = Object.entries(command.options ?? {});
  if (options.length) {
    lines.push('', 'Options:');
    const label = ([name, spec]: (typeof options)[number]) => `${spec.short ? `-${spec.short}, ` : ''}${optionWord(name, spec)}`;
    const width = extent([...options.map((o) => label(o).length), '-h, --help'.length]).max;
    for (const option of options) {
      lines.push(`  ${label(option).padEnd(width)}  ${option[1].required ? '(required) ' : ''}${option[1].description}`);
    }
    lines.push(`  ${'-h, --help'.padEnd(width)}  Show this help`);
  }
  if (command.details) lines.push('', command.details.trim());
  return `${lines.join('\n')}\n`;
}

/** The top-level help listing every command. */
export function rootHelp(commands: Command[]): string {
  const width = extent(commands.map((c) => c.name.length)).max;
  return [
    'Usage: frozen-duckdb <command> [options]',
    '',
    'Know and check the prebuilt DuckDB that npm ships, benchmark it, and gate regressions.',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'frozen-duckdb <command> --help' for a command's options.",
    'Exit codes: 0 success, 1 check or gate failed, 2 usage or environment error, 3 inconclusive.',
    '',
  ].join('\n');
}
