import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Station } from '../../../electron/app/station';
import { createDispatcher, type Dispatch } from '../../../electron/app/dispatch';
import { createHandlers } from '../../../electron/app/handlers/index';
import { createLogger } from '../../../electron/app/logger';
import { Session } from '../../../electron/app/session';
import { DEFAULT_DEVICE_ISSUANCE } from '../../../electron/policy/model/defaults';
import { signOutIfIdle } from '../../../electron/app/handlers/admin-services';
import { PassphraseKeyProtector } from '../../../electron/keys/key-protector';

const PW = 'manager password';

describe('admin IPC handlers through the real dispatcher (real SQLite file)', () => {
  let dir: string;
  let station: Station;
  let dispatch: Dispatch;
  const logLines: string[] = [];
  const newCtx = () => ({ session: new Session(), emit: () => undefined });
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'station-ipc-admin-'));
    const log = createLogger((l) => logLines.push(l), 'debug');
    station = await Station.open({ mode: 'browser', databasePath: join(dir, 'station.db'), simulate: 'never', log, keyProtector: new PassphraseKeyProtector('ipc test passphrase', 10) });
    dispatch = createDispatcher(createHandlers(station), log);
  });
  afterEach(async () => {
    await station.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('first-run setup, sign-in, save with audit diff, role enforcement, conflict, export/import — every reply matches its schema', async () => {
    const admin = newCtx();
    expect(await dispatch('auth.status', {}, admin)).toEqual({ ok: true, value: { firstRun: true, operator: null, idleMinutes: 15 } });
    expect(await dispatch('policy.list', {}, admin)).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } });
    expect(await dispatch('auth.setup', { name: 'admin', password: PW }, admin)).toMatchObject({ ok: true, value: { operator: { name: 'admin', role: 'system_manager' } } });
    expect(await dispatch('auth.setup', { name: 'eve', password: PW }, newCtx())).toMatchObject({ ok: false, error: { code: 'SETUP_ALREADY_DONE' } });

    const got = await dispatch('policy.get', { name: 'PIV Standard' }, admin);
    expect(got).toMatchObject({ ok: true, value: { canEdit: true, policy: { version: 1 } } });
    const saved = await dispatch('policy.save', { name: 'PIV Standard', baseVersion: 1, deviceIssuance: { ...DEFAULT_DEVICE_ISSUANCE, cardValidityYears: '5' } }, admin);
    expect(saved).toMatchObject({ ok: true, value: { policy: { version: 2 }, changes: [{ field: 'cardValidityYears', from: 6, to: 5 }] } });
    const stale = await dispatch('policy.save', { name: 'PIV Standard', baseVersion: 1, deviceIssuance: { ...DEFAULT_DEVICE_ISSUANCE, cardValidityYears: 4 } }, admin);
    expect(stale).toMatchObject({ ok: false, error: { code: 'POLICY_CHANGED', message: expect.stringMatching(/changed by admin at .* — reload/) } });
    const invalid = await dispatch('policy.save', { name: 'PIV Standard', baseVersion: 2, deviceIssuance: { ...DEFAULT_DEVICE_ISSUANCE, cmsServerKey: 'https://id.example.com:8443/aims' } }, admin);
    expect(invalid).toMatchObject({ ok: false, error: { code: 'POLICY_INVALID', details: { fieldErrors: { cmsServerKey: expect.stringMatching(/Did you mean id.example.com\?/) } } } });

    // a Badge Operator: refused by the dispatcher's access list and, behind it, by the service
    expect(await dispatch('operators.add', { name: 'bob', role: 'badge_operator', password: 'bob password 1' }, admin)).toMatchObject({ ok: true });
    const bob = newCtx();
    expect(await dispatch('auth.signIn', { name: 'bob', password: 'bob password 1' }, bob)).toMatchObject({ ok: true, value: { operator: { role: 'badge_operator' } } });
    expect(await dispatch('policy.get', { name: 'PIV Standard' }, bob)).toMatchObject({ ok: true, value: { canEdit: false } });
    expect(await dispatch('policy.save', { name: 'PIV Standard', baseVersion: 2, deviceIssuance: DEFAULT_DEVICE_ISSUANCE }, bob)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const direct = createHandlers(station)['policy.save'];
    await expect(Promise.resolve().then(() => direct({ name: 'PIV Standard', baseVersion: 2, deviceIssuance: DEFAULT_DEVICE_ISSUANCE }, bob))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await dispatch('audit.query', {}, bob)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const audit = await dispatch('audit.query', { action: 'policy.save' }, admin);
    expect(audit).toMatchObject({ ok: true, value: { total: 1, entries: [{ actor: 'admin', details: { changes: [{ label: 'Card Validity', from: 6, to: 5 }] } }] } });
    expect(await dispatch('audit.verify', {}, admin)).toMatchObject({ ok: true, value: { ok: true } });
    // only policy.save so far: the signing key is made when first needed (the export below)
    const csv = await dispatch('audit.exportCsv', { action: 'policy.' }, admin);
    expect(csv).toMatchObject({ ok: true, value: { count: 1, fileName: expect.stringMatching(/^audit-\d{4}-\d{2}-\d{2}\.csv$/) } });

    const exported = (await dispatch('policy.export', { name: 'PIV Standard' }, admin)) as { ok: true; value: { content: string } };
    expect(exported.ok).toBe(true);
    expect(await dispatch('policy.previewImport', { content: exported.value.content }, admin)).toMatchObject({ ok: true, value: { changes: [], signer: { own: true } } });
    const tampered = exported.value.content.replace('"cardValidityYears": 5', '"cardValidityYears": 4');
    expect(await dispatch('policy.previewImport', { content: tampered }, admin)).toMatchObject({ ok: false, error: { code: 'POLICY_BUNDLE_BAD_SIGNATURE' } });
    expect(await dispatch('policy.history', { name: 'PIV Standard' }, bob)).toMatchObject({ ok: true, value: { versions: [{ version: 2 }, { version: 1 }] } });
    expect(await dispatch('policy.running', {}, bob)).toMatchObject({ ok: true, value: { policies: [{ name: 'PIV Standard', version: 2 }] } });
    expect(await dispatch('policy.signers', {}, admin)).toMatchObject({ ok: true, value: { station: { label: 'This station' }, trusted: [{ own: true }] } });
    expect(await dispatch('operators.list', {}, admin)).toMatchObject({ ok: true, value: { operators: [{ name: 'admin' }, { name: 'bob' }] } });
    expect(await dispatch('settings.security.set', { sessionIdleMinutes: 10 }, admin)).toMatchObject({ ok: true, value: { sessionIdleMinutes: 10 } });

    expect(await dispatch('auth.signOut', {}, bob)).toEqual({ ok: true, value: {} });
    expect(await dispatch('policy.list', {}, bob)).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } });
    // nothing logged ever carries the password
    expect(logLines.join('\n')).not.toContain(PW);
    expect(logLines.join('\n')).not.toContain('bob password 1');
  });

  it('signOutIfIdle signs a window out after the idle setting and journals it', async () => {
    const ctx = newCtx();
    await dispatch('auth.setup', { name: 'admin', password: PW }, ctx);
    expect(signOutIfIdle(station, ctx.session)).toBe(false);
    ctx.session.lastActivity = Date.now() - 16 * 60_000;
    expect(signOutIfIdle(station, ctx.session)).toBe(true);
    expect(ctx.session.operator).toBeNull();
    expect(await dispatch('policy.list', {}, ctx)).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } });
    await dispatch('auth.signIn', { name: 'admin', password: PW }, ctx);
    expect(await dispatch('audit.query', { action: 'operator.idle_sign_out' }, ctx)).toMatchObject({ ok: true, value: { total: 1 } });
  });

  it('browser mode without STATION_KEY_PASSPHRASE: the signers panel says why the station key is missing, export is refused, nothing is made', async () => {
    const saved = process.env.STATION_KEY_PASSPHRASE;
    delete process.env.STATION_KEY_PASSPHRASE;
    const bare = await Station.open({ mode: 'browser', databasePath: join(dir, 'bare.db'), simulate: 'never', log: createLogger(() => undefined, 'debug') });
    try {
      const d = createDispatcher(createHandlers(bare), createLogger(() => undefined, 'debug'));
      const ctx = newCtx();
      await d('auth.setup', { name: 'admin', password: PW }, ctx);
      expect(await d('policy.signers', {}, ctx)).toMatchObject({ ok: true, value: { station: null, stationKeyProblem: expect.stringMatching(/STATION_KEY_PASSPHRASE/), trusted: [] } });
      expect(await d('policy.export', { name: 'PIV Standard' }, ctx)).toMatchObject({ ok: false, error: { code: 'KEY_PASSPHRASE_REQUIRED' } });
      expect(await d('audit.query', { action: 'policy.signing_key_created' }, ctx)).toMatchObject({ ok: true, value: { total: 0 } });
    } finally {
      await bare.close();
      if (saved !== undefined) process.env.STATION_KEY_PASSPHRASE = saved;
    }
  });
});
