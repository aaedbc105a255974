import type { Migration } from '../migration';

/**
 * Operator accounts. `name` is unique ignoring case so "Alice" and "alice" cannot both exist.
 * Lockout state lives on the row (failed_attempts, locked_until) so it survives a restart.
 */
export const m010Operators: Migration = {
  version: 10,
  name: 'operators',
  up(db) {
    db.exec(`
      CREATE TABLE operators (
        id              INTEGER PRIMARY KEY,
        name            TEXT NOT NULL UNIQUE COLLATE NOCASE,
        role            TEXT NOT NULL CHECK (role IN ('enrollment_officer', 'badge_operator', 'system_manager')),
        password_hash   TEXT NOT NULL,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until    TEXT,
        disabled        INTEGER NOT NULL DEFAULT 0,
        created_at      TEXT NOT NULL,
        created_by      TEXT,
        last_sign_in_at TEXT
      ) STRICT;
    `);
  },
};
