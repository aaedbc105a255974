import { StationError } from '../common/errors';

export class DatabaseTooNewError extends StationError {
  constructor(path: string, found: number, supported: number) {
    super(
      'DATABASE_TOO_NEW',
      `The station database at ${path} was written by a newer version of Issuance Station (schema ${found}; this version knows up to ${supported}). It was left untouched. Install the newer version, or start with another database (--db PATH).`,
      { path, found, supported },
    );
  }
}

export class DatabaseCorruptError extends StationError {
  constructor(path: string, problem: string) {
    super(
      'DATABASE_CORRUPT',
      `The station database at ${path} failed its integrity check (${problem}). It was not changed. Restore it from a backup, or move it aside and start again; keep the damaged file for investigation.`,
      { path, problem },
    );
  }
}

export class DatabaseOpenError extends StationError {
  constructor(path: string, reason: string) {
    super('DATABASE_OPEN_FAILED', `The station database at ${path} could not be opened: ${reason}. Check the path and its permissions.`, { path, reason });
  }
}
