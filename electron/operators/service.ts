import type { Db } from '../store/database';
import { InvalidInputError, StationError } from '../common/errors';
import { AuditJournal } from '../audit/journal';
import { checkPasswordStrength, dummyPasswordHash, hashPassword, verifyPassword } from './password';
import { OperatorRepository, summarize, type OperatorSummary } from './repository';
import { ROLE_LABELS, isRole, type Actor, type Role } from './roles';
import { AccountLockedError, SessionExpiredError, SignInFailedError, requireRole } from './errors';
import { readSecuritySettings, writeSecuritySetting, type SecuritySettings } from './settings';

/** Who acts when no operator is signed in (first-run setup). */
export const SETUP_ACTOR = '(first-run setup)';

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

export function checkOperatorName(name: string): string {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (!NAME_PATTERN.test(trimmed)) {
    throw new InvalidInputError('OPERATOR_NAME_INVALID', 'An operator name is 1–64 characters: letters, digits, and . _ @ - (starting with a letter or digit, no spaces).', { field: 'name' });
  }
  return trimmed;
}

export interface NewOperator {
  name: string;
  role: Role;
  password: string;
}

/**
 * Operator accounts, sign-in with lockout, and the idle rule. Electron-free: the IPC handlers keep the
 * signed-in operator on their per-window Session; the CLI calls `authenticate` directly.
 */
export class OperatorService {
  private readonly repo: OperatorRepository;
  private readonly journal: AuditJournal;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.repo = new OperatorRepository(db);
    this.journal = new AuditJournal(db, now);
  }

  /** First run = no System Manager yet: the UI shows the setup screen, the CLI allows the first account. */
  status(): { firstRun: boolean; operators: number } {
    return { firstRun: this.repo.countSystemManagers() === 0, operators: this.repo.count() };
  }

  settings(): SecuritySettings {
    return readSecuritySettings(this.db);
  }

  updateSettings(actor: Actor, changes: Partial<SecuritySettings>): SecuritySettings {
    requireRole(actor, ['system_manager'], 'change security settings');
    const before = this.settings();
    this.db.transaction(() => {
      for (const [k, v] of Object.entries(changes) as Array<[keyof SecuritySettings, number]>) {
        if (v === undefined || before[k] === v) continue;
        writeSecuritySetting(this.db, k, v);
        this.journal.append({ actor: actor.name, action: 'settings.change', subject: k, details: { setting: k, from: before[k], to: v } });
      }
    }).immediate();
    return this.settings();
  }

  /** Creates the first System Manager; refused once one exists. */
  async createFirstSystemManager(input: { name: string; password: string }): Promise<OperatorSummary> {
    return this.create(undefined, { ...input, role: 'system_manager' });
  }

  async addOperator(actor: Actor, input: NewOperator): Promise<OperatorSummary> {
    requireRole(actor, ['system_manager'], 'add operators');
    return this.create(actor, input);
  }

  private async create(actor: Actor | undefined, input: NewOperator): Promise<OperatorSummary> {
    const name = checkOperatorName(input.name);
    if (!isRole(input.role)) {
      throw new InvalidInputError('OPERATOR_ROLE_INVALID', `Unknown role '${String(input.role)}'. Roles: ${Object.keys(ROLE_LABELS).join(', ')}.`, { field: 'role' });
    }
    checkPasswordStrength(input.password);
    const passwordHash = await hashPassword(input.password);
    return this.db
      .transaction(() => {
        if (!actor) {
          if (this.repo.countSystemManagers() > 0) {
            throw new StationError('SETUP_ALREADY_DONE', 'This station already has a System Manager; new operators must be added by a signed-in System Manager (--operator NAME on the command line).');
          }
          if (input.role !== 'system_manager') {
            throw new InvalidInputError('FIRST_OPERATOR_ROLE', 'The first account on a station must be a System Manager (--role system_manager).', { field: 'role' });
          }
        }
        if (this.repo.findByName(name)) throw new InvalidInputError('OPERATOR_EXISTS', `An operator named ${name} already exists. Pick another name.`, { field: 'name' });
        const rec = this.repo.insert({ name, role: input.role, passwordHash, createdAt: this.now().toISOString(), createdBy: actor?.name ?? null });
        this.journal.append({ actor: actor?.name ?? SETUP_ACTOR, action: 'operator.create', subject: name, details: { role: input.role, firstRun: !actor } });
        return summarize(rec);
      })
      .immediate();
  }

  list(actor: Actor): OperatorSummary[] {
    requireRole(actor, ['system_manager'], 'list operators');
    return this.listAll();
  }

  /** Unchecked listing for the local CLI (whoever can read the database file can read this). */
  listAll(): OperatorSummary[] {
    return this.repo.list().map(summarize);
  }

  /** Checks name and password, applying the lockout rules; returns the operator on success. */
  async authenticate(nameInput: string, password: string): Promise<Actor> {
    const rec = typeof nameInput === 'string' ? this.repo.findByName(nameInput.trim()) : undefined;
    if (!rec || rec.disabled) {
      await verifyPassword(String(password), await dummyPasswordHash());
      // The typed name is not journalled: people type passwords into name fields.
      this.journal.append({ actor: '(unknown)', action: 'operator.sign_in_failed', subject: '(unknown name)', details: { reason: 'unknown name' } });
      throw new SignInFailedError();
    }
    const { lockoutThreshold, lockoutMinutes } = this.settings();
    const nowMs = this.now().getTime();
    if (rec.lockedUntil && Date.parse(rec.lockedUntil) > nowMs) {
      this.journal.append({ actor: rec.name, action: 'operator.sign_in_refused', subject: rec.name, details: { reason: 'locked', lockedUntil: rec.lockedUntil } });
      throw new AccountLockedError(rec.name, rec.lockedUntil);
    }
    const ok = await verifyPassword(String(password), rec.passwordHash);
    // The failure count must commit, so the transaction returns an outcome and the error is thrown after.
    const outcome = this.db
      .transaction((): { ok: true } | { ok: false; lockedUntil?: string; left: number } => {
        const fresh = this.repo.findById(rec.id)!;
        if (ok) {
          this.repo.recordSuccess(rec.id, this.now().toISOString());
          this.journal.append({ actor: rec.name, action: 'operator.sign_in', subject: rec.name, details: { role: rec.role } });
          return { ok: true };
        }
        // An expired lock starts a fresh count.
        const expiredLock = fresh.lockedUntil !== null && Date.parse(fresh.lockedUntil) <= nowMs;
        const failed = (expiredLock ? 0 : fresh.failedAttempts) + 1;
        if (failed >= lockoutThreshold) {
          const until = new Date(nowMs + lockoutMinutes * 60_000).toISOString();
          this.repo.recordFailure(rec.id, failed, until);
          this.journal.append({ actor: rec.name, action: 'operator.locked', subject: rec.name, details: { failedAttempts: failed, lockedUntil: until } });
          return { ok: false, lockedUntil: until, left: 0 };
        }
        this.repo.recordFailure(rec.id, failed, null);
        this.journal.append({ actor: rec.name, action: 'operator.sign_in_failed', subject: rec.name, details: { reason: 'wrong password', failedAttempts: failed } });
        return { ok: false, left: lockoutThreshold - failed };
      })
      .immediate();
    if (outcome.ok) return { id: rec.id, name: rec.name, role: rec.role };
    if (outcome.lockedUntil) throw new AccountLockedError(rec.name, outcome.lockedUntil);
    throw new SignInFailedError(outcome.left);
  }

  /**
   * The operator behind a signed-in connection, re-read from the store so a role change or a disabled
   * account takes effect on the next call. Throws SESSION_EXPIRED when the account is gone.
   */
  currentActor(signedIn: { id: string | number } | null | undefined): Actor {
    const rec = signedIn ? this.repo.findById(Number(signedIn.id)) : undefined;
    if (!rec || rec.disabled) throw new SessionExpiredError('unknown');
    return { id: rec.id, name: rec.name, role: rec.role };
  }

  /** True when a connection last active at `lastActivityMs` has been idle longer than the setting. */
  isIdle(lastActivityMs: number): boolean {
    return this.now().getTime() - lastActivityMs > this.settings().sessionIdleMinutes * 60_000;
  }

  recordSignOut(actor: Actor, reason: 'user' | 'idle'): void {
    this.journal.append({ actor: actor.name, action: reason === 'idle' ? 'operator.idle_sign_out' : 'operator.sign_out', subject: actor.name, details: { reason } });
  }

  unlock(actor: Actor, name: string): OperatorSummary {
    requireRole(actor, ['system_manager'], 'unlock accounts');
    const rec = this.repo.findByName(name);
    if (!rec) throw new InvalidInputError('OPERATOR_NOT_FOUND', `There is no operator named ${name}.`, { field: 'name' });
    this.db
      .transaction(() => {
        this.repo.unlock(rec.id);
        this.journal.append({ actor: actor.name, action: 'operator.unlock', subject: rec.name, details: { wasLockedUntil: rec.lockedUntil, failedAttempts: rec.failedAttempts } });
      })
      .immediate();
    return summarize(this.repo.findById(rec.id)!);
  }
}
