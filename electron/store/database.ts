import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Migration } from './migration';
import { migrations as allMigrations } from './migrations/index';
import { DatabaseCorruptError, DatabaseOpenError, DatabaseTooNewError } from './errors';

export type Db = Database.Database;

export interface OpenOptions {
  migrations?: readonly Migration[];
  /** For the Electron build: path of a better_sqlite3.node built for Electron's ABI. */
  nativeBinding?: string;
}

export interface OpenedDatabase {
  db: Db;
  path: string;
  schemaVersion: number;
  created: boolean;
  close(): void;
}

export function latestVersion(migrations: readonly Migration[] = allMigrations): number {
  return migrations.length === 0 ? 0 : migrations[migrations.length - 1]!.version;
}

function checkOrder(migrations: readonly Migration[]): void {
  let previous = 0;
  for (const m of migrations) {
    if (!Number.isInteger(m.version) || m.version <= previous) {
      throw new Error(`migration list out of order at ${m.version} (${m.name})`);
    }
    previous = m.version;
  }
}

/**
 * Inspect an existing file read-only before anything writes to it: a newer schema or a failed integrity
 * check must leave the file exactly as it was (even switching to WAL would rewrite the header).
 */
function inspectExisting(path: string, supported: number, nativeBinding?: string): void {
  let probe: Db | undefined;
  try {
    probe = new Database(path, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const found = probe.pragma('user_version', { simple: true }) as number;
    if (found > supported) throw new DatabaseTooNewError(path, found, supported);
    const rows = probe.pragma('integrity_check') as Array<{ integrity_check: string }>;
    const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    if (problems.length > 0) throw new DatabaseCorruptError(path, problems.slice(0, 3).join('; '));
  } catch (e) {
    if (e instanceof DatabaseTooNewError || e instanceof DatabaseCorruptError) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new DatabaseCorruptError(path, 'the file is not a valid SQLite database');
    }
    throw new DatabaseOpenError(path, e instanceof Error ? e.message : String(e));
  } finally {
    probe?.close();
  }
}

/** Opens (creating if needed) the station database and brings its schema up to date. */
export function openDatabase(path: string, options: OpenOptions = {}): OpenedDatabase {
  const migrations = options.migrations ?? allMigrations;
  checkOrder(migrations);
  const supported = latestVersion(migrations);
  const created = path === ':memory:' || !existsSync(path);
  if (!created) inspectExisting(path, supported, options.nativeBinding);
  else if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });

  let db: Db;
  try {
    db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (e) {
    throw new DatabaseOpenError(path, e instanceof Error ? e.message : String(e));
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = FULL');
    const current = db.pragma('user_version', { simple: true }) as number;
    for (const m of migrations) {
      if (m.version <= current) continue;
      db.transaction(() => {
        m.up(db);
        db.pragma(`user_version = ${m.version}`);
      }).immediate();
    }
  } catch (e) {
    db.close();
    throw e;
  }
  const schemaVersion = db.pragma('user_version', { simple: true }) as number;
  return {
    db,
    path,
    schemaVersion,
    created,
    close: () => {
      if (db.open) db.close();
    },
  };
}
