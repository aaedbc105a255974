import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { InvalidInputError } from '../common/errors';
import { openDatabase, type OpenedDatabase } from '../store/database';
import { resolveDatabasePath } from '../store/location';
import { OperatorService } from '../operators/service';
import { requireRole } from '../operators/errors';
import type { Actor, Role } from '../operators/roles';
import type { CliContext, CliIo, OptionSpec } from './command';

/**
 * Shared by every `station` command that acts as an operator: `--operator NAME`, the password from
 * $STATION_PASSWORD or a hidden prompt on the terminal, and the operator's role checked.
 *
 *   options: { ...DB_OPTION, ...OPERATOR_OPTION }
 *   const store = openCliStore(ctx);
 *   const actor = await actAsOperator(ctx, store, ['system_manager'], 'change policy');
 */
export const PASSWORD_ENV = 'STATION_PASSWORD';
export const DB_OPTION: OptionSpec = { db: { type: 'string' } };
export const OPERATOR_OPTION: OptionSpec = { operator: { type: 'string' } };

export function openCliStore(ctx: CliContext): OpenedDatabase {
  const cliPath = typeof ctx.values.db === 'string' ? ctx.values.db : undefined;
  return openDatabase(resolveDatabasePath({ cliPath, env: ctx.io.env }));
}

/** Asks on the terminal without echoing. Refuses (exit 2) when stdin is not a terminal. */
export async function promptHidden(question: string, io: CliIo): Promise<string> {
  if (!process.stdin.isTTY) {
    throw new InvalidInputError('PASSWORD_REQUIRED', `No password: set ${PASSWORD_ENV} or run the command in a terminal to be asked.`);
  }
  io.err(question);
  const muted = new Writable({ write: (_chunk, _enc, done) => done() });
  const rl = createInterface({ input: process.stdin, output: muted, terminal: true });
  try {
    return await new Promise<string>((resolve) => rl.question('', resolve));
  } finally {
    rl.close();
  }
}

export async function readPassword(io: CliIo, who: string): Promise<string> {
  const fromEnv = io.env[PASSWORD_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  return promptHidden(`Password for ${who}:`, io);
}

/** Signs in the operator named by --operator and checks the role; throws FORBIDDEN otherwise. */
export async function actAsOperator(ctx: CliContext, store: OpenedDatabase, roles: readonly Role[], what: string): Promise<Actor> {
  const name = typeof ctx.values.operator === 'string' ? ctx.values.operator : '';
  if (!name) throw new InvalidInputError('OPERATOR_REQUIRED', `To ${what}, name the operator: --operator NAME (password from ${PASSWORD_ENV} or a prompt).`);
  const password = await readPassword(ctx.io, name);
  const actor = await new OperatorService(store.db).authenticate(name, password);
  requireRole(actor, roles, what);
  return actor;
}

/** Runs `fn` with the store open and always closes it. */
export async function withStore<T>(ctx: CliContext, fn: (store: OpenedDatabase) => Promise<T> | T): Promise<T> {
  const store = openCliStore(ctx);
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}
