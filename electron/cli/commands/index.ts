import type { CliCommand } from '../command';
import { simulateCardCommand } from './simulate';
import { fingerprintCommands } from './fingerprint';

/** Every `station` subcommand, in the order `station --help` lists them. */
export const commands: CliCommand[] = [simulateCardCommand, ...fingerprintCommands];
