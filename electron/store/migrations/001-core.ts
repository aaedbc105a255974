import type { Migration } from '../migration';

/** Station identity and settings that every later feature can rely on. */
export const m001Core: Migration = {
  version: 1,
  name: 'core settings',
  up(db) {
    db.exec(`
      CREATE TABLE station_settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
    db.prepare('INSERT INTO station_settings (key, value) VALUES (?, ?)').run('created_at', new Date().toISOString());
  },
};
