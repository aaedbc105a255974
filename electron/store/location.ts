import { homedir } from 'node:os';
import { join } from 'node:path';

export const DB_ENV = 'STATION_DB';
export const DB_FILE = 'station.db';

/**
 * Where the database lives: `--db PATH`, else $STATION_DB, else the user-data folder (Electron passes
 * app.getPath('userData'); plain Node uses the XDG config folder).
 */
export function resolveDatabasePath(opts: { cliPath?: string; env?: NodeJS.ProcessEnv; userDataDir?: string }): string {
  const env = opts.env ?? process.env;
  if (opts.cliPath) return opts.cliPath;
  if (env[DB_ENV]) return env[DB_ENV]!;
  return join(opts.userDataDir ?? defaultUserDataDir(env), DB_FILE);
}

export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'Issuance Station');
}
