import type { CliCommand } from '../command';
import { issueCommand } from './issue';
import { applicantsCommands } from './applicants';
import { keysCommands } from './keys';
import { fascnCommands } from './fascn';
import { chuidCommands } from './chuid';
import { simulateCardCommand } from './simulate';
import { cardReadCommand } from './card';
import { fingerprintCommands } from './fingerprint';
import { adminCommands } from './admin';
import { otpCodeCommand } from './otp';
import { otpExportCommand } from './otp-export';
import { devicesListCommand } from './devices';
import { devicesUdevRulesCommand } from './devices-udev';

/** Every `station` subcommand, in the order `station --help` lists them. */
export const commands: CliCommand[] = [cardReadCommand, simulateCardCommand, ...fingerprintCommands, ...fascnCommands, ...chuidCommands, ...adminCommands, otpCodeCommand, otpExportCommand, devicesListCommand, devicesUdevRulesCommand, issueCommand, ...applicantsCommands, ...keysCommands];
