import type { CliCommand } from '../command';

/** Every `station` subcommand, in the order `station --help` lists them. */
export const commands: CliCommand[] = [];
