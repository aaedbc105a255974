import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { latestVersion, openDatabase } from '../../../electron/store/database';
import { migrations } from '../../../electron/store/migrations/index';
import type { Migration } from '../../../electron/store/migration';

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

describe('station database (real SQLite file)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'station-db-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a new file in WAL mode at the latest schema version', () => {
    const path = join(dir, 'sub', 'station.db');
    const opened = openDatabase(path);
    expect(opened.created).toBe(true);
    expect(opened.schemaVersion).toBe(latestVersion());
    expect(opened.db.pragma('journal_mode', { simple: true })).toBe('wal');
    opened.close();
    const again = openDatabase(path);
    expect(again.created).toBe(false);
    expect(again.schemaVersion).toBe(latestVersion());
    again.close();
  });

  it('migration numbers increase strictly', () => {
    const versions = migrations.map((m) => m.version);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('refuses a database with a higher user_version and leaves the file byte-for-byte unchanged', () => {
    const path = join(dir, 'newer.db');
    const raw = new Database(path);
    raw.exec('CREATE TABLE future (x INTEGER)');
    raw.pragma(`user_version = ${latestVersion() + 5}`);
    raw.close();
    const before = sha(path);
    expect(() => openDatabase(path)).toThrowError(expect.objectContaining({ code: 'DATABASE_TOO_NEW' }));
    expect(sha(path)).toBe(before);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('reports a corrupt file and never overwrites it', () => {
    const path = join(dir, 'corrupt.db');
    writeFileSync(path, Buffer.alloc(8192, 0x5a));
    const before = sha(path);
    expect(() => openDatabase(path)).toThrowError(expect.objectContaining({ code: 'DATABASE_CORRUPT' }));
    expect(sha(path)).toBe(before);
  });

  it('runs each migration in one transaction: a failing step leaves the previous version intact', () => {
    const path = join(dir, 'partial.db');
    const good: Migration = { version: 1, name: 'one', up: (db) => db.exec('CREATE TABLE a (x INTEGER)') };
    const bad: Migration = {
      version: 2,
      name: 'two',
      up: (db) => {
        db.exec('CREATE TABLE b (x INTEGER)');
        throw new Error('boom');
      },
    };
    expect(() => openDatabase(path, { migrations: [good, bad] })).toThrow('boom');
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    expect(raw.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'b'").get()).toEqual({ n: 0 });
    raw.close();
  });
});
