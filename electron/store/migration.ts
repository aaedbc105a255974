import type Database from 'better-sqlite3';

/**
 * One numbered schema step. `version` is the `user_version` the database has after it runs.
 * Each runs in its own transaction together with the `user_version` bump: all or nothing.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database.Database): void;
}
