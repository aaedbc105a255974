import type { Db } from '../store/database';
import type { Role } from './roles';

export interface OperatorRecord {
  id: number;
  name: string;
  role: Role;
  passwordHash: string;
  failedAttempts: number;
  lockedUntil: string | null;
  disabled: boolean;
  createdAt: string;
  createdBy: string | null;
  lastSignInAt: string | null;
}

/** What may be shown anywhere (no password hash). */
export type OperatorSummary = Omit<OperatorRecord, 'passwordHash'>;

interface Row {
  id: number;
  name: string;
  role: Role;
  password_hash: string;
  failed_attempts: number;
  locked_until: string | null;
  disabled: number;
  created_at: string;
  created_by: string | null;
  last_sign_in_at: string | null;
}

const fromRow = (r: Row): OperatorRecord => ({
  id: r.id,
  name: r.name,
  role: r.role,
  passwordHash: r.password_hash,
  failedAttempts: r.failed_attempts,
  lockedUntil: r.locked_until,
  disabled: r.disabled !== 0,
  createdAt: r.created_at,
  createdBy: r.created_by,
  lastSignInAt: r.last_sign_in_at,
});

/** What the UI and the CLI show of an account: no hash, and whether it is locked right now. */
export function operatorView(o: OperatorSummary, now = Date.now()) {
  return {
    name: o.name,
    role: o.role,
    locked: o.lockedUntil !== null && Date.parse(o.lockedUntil) > now,
    lockedUntil: o.lockedUntil,
    failedAttempts: o.failedAttempts,
    createdAt: o.createdAt,
    createdBy: o.createdBy,
    lastSignInAt: o.lastSignInAt,
  };
}

export function summarize(o: OperatorRecord): OperatorSummary {
  const { passwordHash: _omit, ...rest } = o;
  return rest;
}

/** All SQL about operators, in one place. */
export class OperatorRepository {
  constructor(private readonly db: Db) {}

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM operators').get() as { n: number }).n;
  }

  countSystemManagers(): number {
    return (this.db.prepare("SELECT count(*) AS n FROM operators WHERE role = 'system_manager' AND disabled = 0").get() as { n: number }).n;
  }

  findByName(name: string): OperatorRecord | undefined {
    const r = this.db.prepare('SELECT * FROM operators WHERE name = ? COLLATE NOCASE').get(name) as Row | undefined;
    return r && fromRow(r);
  }

  findById(id: number): OperatorRecord | undefined {
    const r = this.db.prepare('SELECT * FROM operators WHERE id = ?').get(id) as Row | undefined;
    return r && fromRow(r);
  }

  list(): OperatorRecord[] {
    return (this.db.prepare('SELECT * FROM operators ORDER BY name COLLATE NOCASE').all() as Row[]).map(fromRow);
  }

  insert(o: { name: string; role: Role; passwordHash: string; createdAt: string; createdBy: string | null }): OperatorRecord {
    const info = this.db
      .prepare('INSERT INTO operators (name, role, password_hash, created_at, created_by) VALUES (?, ?, ?, ?, ?)')
      .run(o.name, o.role, o.passwordHash, o.createdAt, o.createdBy);
    return this.findById(Number(info.lastInsertRowid))!;
  }

  recordFailure(id: number, failedAttempts: number, lockedUntil: string | null): void {
    this.db.prepare('UPDATE operators SET failed_attempts = ?, locked_until = ? WHERE id = ?').run(failedAttempts, lockedUntil, id);
  }

  recordSuccess(id: number, at: string): void {
    this.db.prepare('UPDATE operators SET failed_attempts = 0, locked_until = NULL, last_sign_in_at = ? WHERE id = ?').run(at, id);
  }

  unlock(id: number): void {
    this.db.prepare('UPDATE operators SET failed_attempts = 0, locked_until = NULL WHERE id = ?').run(id);
  }

  setPasswordHash(id: number, hash: string): void {
    this.db.prepare('UPDATE operators SET password_hash = ? WHERE id = ?').run(hash, id);
  }
}
