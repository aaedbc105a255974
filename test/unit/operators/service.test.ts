import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type OpenedDatabase } from '../../../electron/store/database';
import { OperatorService } from '../../../electron/operators/service';
import { hashPassword, verifyPassword } from '../../../electron/operators/password';
import { AuditJournal } from '../../../electron/audit/journal';
import type { Actor } from '../../../electron/operators/roles';

const PW = 'correct horse battery';

describe('password hashing', () => {
  it('scrypt with a per-user salt: same password, different hashes; wrong password and malformed hashes fail', async () => {
    const a = await hashPassword(PW);
    const b = await hashPassword(PW);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(PW, a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword(PW, 'plain')).toBe(false);
    expect(await verifyPassword(PW, a.replace(/\$[^$]+$/, '$AAAA'))).toBe(false);
  });
});

describe('OperatorService (real SQLite file)', () => {
  let dir: string;
  let store: OpenedDatabase;
  let clock: number;
  let ops: OperatorService;
  let admin: Actor;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'station-ops-'));
    store = openDatabase(join(dir, 'station.db'));
    clock = Date.parse('2026-11-28T10:00:00Z');
    ops = new OperatorService(store.db, () => new Date(clock));
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const setup = async () => {
    await ops.createFirstSystemManager({ name: 'alice', password: PW });
    admin = await ops.authenticate('alice', PW);
  };

  it('first run: only a System Manager may be created without an operator, and only once', async () => {
    expect(ops.status()).toEqual({ firstRun: true, operators: 0 });
    await expect((ops as unknown as { create: (a: undefined, i: object) => Promise<unknown> }).create(undefined, { name: 'bob', role: 'badge_operator', password: PW })).rejects.toMatchObject({ code: 'FIRST_OPERATOR_ROLE' });
    await ops.createFirstSystemManager({ name: 'alice', password: PW });
    expect(ops.status()).toEqual({ firstRun: false, operators: 1 });
    await expect(ops.createFirstSystemManager({ name: 'eve', password: PW })).rejects.toMatchObject({ code: 'SETUP_ALREADY_DONE' });
  });

  it('validates names, roles, password length and duplicates (case-insensitive)', async () => {
    await setup();
    await expect(ops.addOperator(admin, { name: 'has space', role: 'badge_operator', password: PW })).rejects.toMatchObject({ code: 'OPERATOR_NAME_INVALID' });
    await expect(ops.addOperator(admin, { name: 'bob', role: 'janitor' as never, password: PW })).rejects.toMatchObject({ code: 'OPERATOR_ROLE_INVALID' });
    await expect(ops.addOperator(admin, { name: 'bob', role: 'badge_operator', password: 'short' })).rejects.toMatchObject({ code: 'PASSWORD_TOO_SHORT' });
    await expect(ops.addOperator(admin, { name: 'ALICE', role: 'badge_operator', password: PW })).rejects.toMatchObject({ code: 'OPERATOR_EXISTS' });
  });

  it('only a System Manager adds operators, lists them, and no hash leaves the service', async () => {
    await setup();
    await ops.addOperator(admin, { name: 'bob', role: 'badge_operator', password: PW });
    const bob = await ops.authenticate('bob', PW);
    await expect(ops.addOperator(bob, { name: 'carl', role: 'system_manager', password: PW })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(() => ops.list(bob)).toThrowError(expect.objectContaining({ code: 'FORBIDDEN' }));
    const list = ops.list(admin);
    expect(list.map((o) => [o.name, o.role])).toEqual([['alice', 'system_manager'], ['bob', 'badge_operator']]);
    expect(JSON.stringify(list)).not.toContain('scrypt');
  });

  it('locks after 5 failed attempts, refuses the right password while locked, unlocks after the time', async () => {
    await setup();
    await ops.addOperator(admin, { name: 'bob', role: 'badge_operator', password: PW });
    for (let i = 1; i <= 4; i++) await expect(ops.authenticate('bob', 'wrong password!')).rejects.toMatchObject({ code: 'SIGN_IN_FAILED', details: { attemptsLeft: 5 - i } });
    await expect(ops.authenticate('bob', 'wrong password!')).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED', details: { until: '2026-11-28T10:15:00.000Z' } });
    await expect(ops.authenticate('bob', PW)).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED' });
    clock += 15 * 60_000 + 1;
    expect((await ops.authenticate('bob', PW)).name).toBe('bob');
    const actions = new AuditJournal(store.db).query({ actor: 'bob' }).entries.map((e) => e.action);
    expect(actions).toContain('operator.locked');
    expect(actions.filter((a) => a === 'operator.sign_in_failed')).toHaveLength(4);
  });

  it('after an expired lock the count starts over; a System Manager can unlock early', async () => {
    await setup();
    await ops.addOperator(admin, { name: 'bob', role: 'badge_operator', password: PW });
    for (let i = 0; i < 5; i++) await ops.authenticate('bob', 'nope nope nope').catch(() => undefined);
    clock += 16 * 60_000;
    await expect(ops.authenticate('bob', 'nope nope nope')).rejects.toMatchObject({ code: 'SIGN_IN_FAILED', details: { attemptsLeft: 4 } });
    for (let i = 0; i < 4; i++) await ops.authenticate('bob', 'nope nope nope').catch(() => undefined);
    await expect(ops.authenticate('bob', PW)).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED' });
    const bob = ops.listAll().find((o) => o.name === 'bob')!;
    expect(bob.failedAttempts).toBe(5);
    expect(() => ops.unlock({ id: bob.id, name: 'bob', role: 'badge_operator' }, 'bob')).toThrowError(expect.objectContaining({ code: 'FORBIDDEN' }));
    ops.unlock(admin, 'bob');
    expect((await ops.authenticate('bob', PW)).role).toBe('badge_operator');
  });

  it('an unknown name fails like a wrong password and the typed name is not journalled', async () => {
    await setup();
    await expect(ops.authenticate('my secret password', PW)).rejects.toMatchObject({ code: 'SIGN_IN_FAILED', message: 'Wrong operator name or password. Check both and try again.' });
    const text = JSON.stringify(new AuditJournal(store.db).query({}).entries);
    expect(text).not.toContain('my secret password');
  });

  it('idle rule follows the setting; the operator of a connection is re-read from the store', async () => {
    await setup();
    const lastActivity = clock;
    clock += 15 * 60_000;
    expect(ops.isIdle(lastActivity)).toBe(false);
    clock += 1;
    expect(ops.isIdle(lastActivity)).toBe(true);
    ops.updateSettings(admin, { sessionIdleMinutes: 5 });
    expect(ops.isIdle(clock - 5 * 60_000 - 1)).toBe(true);
    expect(ops.isIdle(clock - 4 * 60_000)).toBe(false);
    expect(() => ops.updateSettings(admin, { sessionIdleMinutes: 0 })).toThrowError(expect.objectContaining({ code: 'SETTING_OUT_OF_RANGE' }));
    expect(ops.currentActor({ id: String(admin.id) })).toEqual(admin);
    expect(() => ops.currentActor({ id: '999' })).toThrowError(expect.objectContaining({ code: 'SESSION_EXPIRED' }));
    expect(() => ops.currentActor(null)).toThrowError(expect.objectContaining({ code: 'SESSION_EXPIRED' }));
    ops.recordSignOut(admin, 'idle');
    expect(new AuditJournal(store.db).query({ action: 'operator.idle_sign_out' }).total).toBe(1);
  });
});
