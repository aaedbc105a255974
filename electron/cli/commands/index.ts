import type { CliCommand } from '../command';
import { simulateCardCommand } from './simulate';

/** Every `station` subcommand, in the order `station --help` lists them. */
export const commands: CliCommand[] = [simulateCardCommand];
