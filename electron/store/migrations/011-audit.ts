import type { Migration } from '../migration';

/**
 * The audit journal: append-only and hash-chained. The triggers make UPDATE and DELETE fail inside
 * SQLite itself, so no code path (ours or a stray script using the same file) can rewrite history
 * without first dropping them — and `verify()` catches that case through the hash chain.
 */
export const m011Audit: Migration = {
  version: 11,
  name: 'audit journal',
  up(db) {
    db.exec(`
      CREATE TABLE audit_journal (
        seq       INTEGER PRIMARY KEY,
        time      TEXT NOT NULL,
        actor     TEXT NOT NULL,
        action    TEXT NOT NULL,
        subject   TEXT NOT NULL,
        details   TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash      TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_journal_time ON audit_journal (time);
      CREATE INDEX audit_journal_actor ON audit_journal (actor);
      CREATE INDEX audit_journal_action ON audit_journal (action);
      CREATE TRIGGER audit_journal_no_update BEFORE UPDATE ON audit_journal
        BEGIN SELECT RAISE(ABORT, 'the audit journal is append-only: entries cannot be changed'); END;
      CREATE TRIGGER audit_journal_no_delete BEFORE DELETE ON audit_journal
        BEGIN SELECT RAISE(ABORT, 'the audit journal is append-only: entries cannot be deleted'); END;
    `);
  },
};
