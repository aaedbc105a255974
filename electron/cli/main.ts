import { parseArgs } from 'node:util';
import { InvalidInputError, isStationError, toErrorShape } from '../common/errors';
import type { CliCommand, CliContext, CliIo } from './command';
import { commands as registered } from './commands/index';
import { APP_VERSION } from '../common/version';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

const GLOBAL_HELP = `station ${APP_VERSION} — Issuance Station command line

Usage: station <command> [options]

Global options:
  --help, -h     show help (for a command: station <command> --help)
  --version, -v  print the version
  --json         print one JSON document instead of text (commands that support it)

Exit codes: 0 success, 1 the operation failed, 2 bad input (one-line reason on stderr).`;

function findCommand(argv: string[], commands: CliCommand[]): { command: CliCommand; rest: string[] } | undefined {
  let best: { command: CliCommand; rest: string[] } | undefined;
  for (const command of commands) {
    const n = command.path.length;
    if (argv.length < n) continue;
    if (command.path.every((p, i) => argv[i] === p) && (!best || n > best.command.path.length)) {
      best = { command, rest: argv.slice(n) };
    }
  }
  return best;
}

function commandHelp(c: CliCommand): string {
  const lines = [`Usage: station ${c.path.join(' ')} ${c.usage}`.trimEnd(), '', c.summary];
  if (c.help) lines.push('', c.help);
  return lines.join('\n');
}

function listCommands(commands: CliCommand[]): string {
  const width = Math.max(0, ...commands.map((c) => c.path.join(' ').length));
  return commands.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`).join('\n');
}

/** Runs the CLI and returns the exit code; never calls process.exit itself (testable in-process). */
export async function runCli(argv: string[], io: CliIo, commands: CliCommand[] = registered): Promise<number> {
  const wantsJson = argv.includes('--json');
  const fail = (code: number, shape: { code: string; message: string; details?: unknown }): number => {
    if (wantsJson) io.out(JSON.stringify({ error: shape }));
    io.err(`station: ${shape.message.split('\n')[0]}`);
    return code;
  };

  if (argv.length === 0 || (argv[0] === '--help' || argv[0] === '-h')) {
    io.out(`${GLOBAL_HELP}\n\nCommands:\n${listCommands(commands)}`);
    return EXIT_OK;
  }
  if (argv[0] === '--version' || argv[0] === '-v') {
    io.out(wantsJson ? JSON.stringify({ version: APP_VERSION }) : APP_VERSION);
    return EXIT_OK;
  }

  const found = findCommand(argv, commands);
  if (!found) {
    const prefix = argv.filter((a) => !a.startsWith('-')).slice(0, 2).join(' ');
    return fail(EXIT_USAGE, { code: 'USAGE', message: `unknown command '${prefix}'. Run 'station --help' for the list.` });
  }
  const { command, rest } = found;
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(commandHelp(command));
    return EXIT_OK;
  }

  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: { json: { type: 'boolean' }, ...(command.options ?? {}) },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    const reason = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return fail(EXIT_USAGE, { code: 'USAGE', message: `${reason} (usage: station ${command.path.join(' ')} ${command.usage})` });
  }
  const [min, max] = command.positionals ?? [0, 0];
  if (parsed.positionals.length < min || parsed.positionals.length > max) {
    return fail(EXIT_USAGE, {
      code: 'USAGE',
      message: `expected ${min === max ? min : `${min} to ${max}`} argument(s), got ${parsed.positionals.length} (usage: station ${command.path.join(' ')} ${command.usage})`,
    });
  }

  const ctx: CliContext = {
    values: parsed.values as CliContext['values'],
    positionals: parsed.positionals,
    json: parsed.values.json === true,
    io,
    printJson: (value) => io.out(JSON.stringify(value, null, 2)),
  };
  try {
    return await command.run(ctx);
  } catch (e) {
    if (e instanceof InvalidInputError || (isStationError(e) && e.code === 'USAGE')) return fail(EXIT_USAGE, e.toJSON());
    if (isStationError(e)) return fail(EXIT_FAILURE, e.toJSON());
    io.err(`station: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return fail(EXIT_FAILURE, toErrorShape(e));
  }
}

export const processIo: CliIo = {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
  env: process.env,
  cwd: process.cwd(),
};
