import { extent } from '@frozen-duckdb/bench';
import type { Command } from './command.js';

/** The --help text of a command. */
export function commandHelp(command: Command, path: string[]): string {
  const lines = [`Usage: frozen-duckdb ${command.usage}`, '', command.summary];
  if (command.subcommands?.length) {
    lines.push('', 'Commands:');
    const width = extent(command.subcommands.map((c) => c.name.length)).max;
    for (const sub of command.subcommands) lines.push(`  ${sub.name.padEnd(width)}  ${sub.summary}`);
    lines.push('', `Run 'frozen-duckdb ${[...path, '<command>'].join(' ')} --help' for a command's options.`);
  }
  const options = Object.entries(command.options ?? {});
  if (options.length) {
    lines.push('', 'Options:');
    const label = ([name, spec]: (typeof options)[number]) =>
      `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : ''}`;
    const width = extent([...options.map((o) => label(o).length), '-h, --help'.length]).max;
    for (const option of options) lines.push(`  ${label(option).padEnd(width)}  ${option[1].description}`);
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
