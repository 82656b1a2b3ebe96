export { main, type MainIO } from './main.js';
export { EXIT, exitCodeFor } from './exit-codes.js';
export type { Command, CommandContext, OptionSpec } from './command.js';
