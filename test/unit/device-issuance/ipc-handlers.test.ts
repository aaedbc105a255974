import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Station } from '../../../electron/app/station';
import { createDispatcher, type Dispatch } from '../../../electron/app/dispatch';
import { createHandlers } from '../../../electron/app/handlers/index';
import { createLogger } from '../../../electron/app/logger';
import { Session } from '../../../electron/app/session';
import { DEFAULT_DEVICE_ISSUANCE } from '../../../electron/policy/model/defaults';
import type { EventName } from '../../../electron/ipc/events';
import { PassphraseKeyProtector } from '../../../electron/keys/key-protector';

const PW = 'manager password';
const FIDO_PIN = '86428642';

/** One enrolled applicant row (the applicants feature imports these from enrollment records). */
function seedApplicant(station: Station, id: string): void {
  station.database.db
    .prepare("INSERT INTO applicants (id, given_name, surname, person_identifier, organizational_category, organizational_identifier, poa_category, credential_type, imported_at, imported_by, source) VALUES (?, 'Jane', 'Doe', '1112223333', '1', '1223', '1', 'PIV Employee', '2026-11-28T10:00:00Z', 'test', 'test')")
    .run(id);
}

describe('device issuance IPC through the real dispatcher (real SQLite file, training FIDO key, no USB devices here)', () => {
  let dir: string;
  let station: Station;
  let dispatch: Dispatch;
  const logLines: string[] = [];
  const events: Array<{ name: EventName; payload: unknown }> = [];
  const newCtx = () => ({ session: new Session(), emit: (name: EventName, payload: unknown) => void events.push({ name, payload }) });
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'station-ipc-devices-'));
    const log = createLogger((l) => logLines.push(l), 'debug');
    station = await Station.open({ mode: 'browser', databasePath: join(dir, 'station.db'), simulate: 'always', log, devices: { pcsc: null, hid: null }, keyProtector: new PassphraseKeyProtector('device issuance test passphrase', 10) });
    dispatch = createDispatcher(createHandlers(station), log);
    seedApplicant(station, 'A-1');
  });
  afterEach(async () => {
    await station.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gates by policy, enrolls the training key with touch buttons and coaching events, and never logs the PIN', async () => {
    const admin = newCtx();
    await dispatch('auth.setup', { name: 'admin', password: PW }, admin);
    await dispatch('operators.add', { name: 'bob', role: 'badge_operator', password: 'bob password 1' }, admin);
    await dispatch('operators.add', { name: 'erin', role: 'enrollment_officer', password: 'erin password 1' }, admin);
    const bob = newCtx();
    await dispatch('auth.signIn', { name: 'bob', password: 'bob password 1' }, bob);
    const erin = newCtx();
    await dispatch('auth.signIn', { name: 'erin', password: 'erin password 1' }, erin);

    expect(await dispatch('deviceIssuance.permissions', { applicantId: 'A-1' }, erin)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await dispatch('deviceIssuance.permissions', { applicantId: 'A-1' }, bob)).toEqual({
      ok: true,
      value: { applicantId: 'A-1', applicantName: 'Jane Doe', credentialType: 'PIV Employee', policy: 'PIV Standard', policyVersion: 1, permitted: { fido: true, otp: false, derived: false } },
    });
    expect(await dispatch('deviceIssuance.fido.enroll', { applicantId: 'A-1', pin: FIDO_PIN, extra: 1 }, bob)).toMatchObject({ ok: false, error: { code: 'IPC_INVALID_PAYLOAD' } });
    expect(await dispatch('deviceIssuance.training', {}, bob)).toEqual({ ok: true, value: { virtualFidoKey: true } });
    expect(await dispatch('deviceIssuance.fido.probe', { applicantId: 'A-1' }, bob)).toMatchObject({ ok: true, value: { source: 'virtual', minPinLength: 4, hasPin: false } });

    // The operator presses "touch" whenever the coaching asks for it.
    const enrolling = dispatch('deviceIssuance.fido.enroll', { applicantId: 'A-1', pin: FIDO_PIN }, bob);
    for (const step of ['touch-to-reset', 'touch-to-attest']) {
      while (!events.some((e) => (e.payload as { step: string }).step === step)) await new Promise((r) => setTimeout(r, 5));
      expect(await dispatch('deviceIssuance.fido.virtual', { action: 'touch' }, bob)).toEqual({ ok: true, value: { accepted: true } });
    }
    const enrolled = await enrolling;
    expect(enrolled).toMatchObject({ ok: true, value: { key: { serial: 'TRAINING-0001', aaguid: '5354a710-f1d0-4b1e-9a3e-7a1e55d0c0de', issuedBy: 'bob' } } });
    expect(events.every((e) => e.name === 'deviceIssuance.fido.coaching')).toBe(true);
    expect(events.map((e) => (e.payload as { step: string }).step)).toContain('done');
    expect(await dispatch('deviceIssuance.issued', { applicantId: 'A-1' }, bob)).toMatchObject({ ok: true, value: { fido: [{ serial: 'TRAINING-0001' }], otp: [], derived: [] } });

    // OTP is refused until the System Manager permits it, then only a QR code crosses.
    expect(await dispatch('deviceIssuance.otp.start', { applicantId: 'A-1', account: 'jane' }, bob)).toMatchObject({ ok: false, error: { code: 'DEVICE_TYPE_NOT_PERMITTED', message: expect.stringMatching(/^This credential policy does not permit OTP/) } });
    expect(await dispatch('policy.save', { name: 'PIV Standard', baseVersion: 1, deviceIssuance: { ...DEFAULT_DEVICE_ISSUANCE, permittedDeviceTypes: { otp: true, fido: true, derived: false } } }, admin)).toMatchObject({ ok: true });
    const started = await dispatch('deviceIssuance.otp.start', { applicantId: 'A-1', account: 'jane' }, bob);
    expect(started).toMatchObject({ ok: true, value: { qrSvg: expect.stringContaining('<svg'), digits: 6 } });
    expect(JSON.stringify(started)).not.toContain('otpauth');
    expect(await dispatch('deviceIssuance.derived.issue', { applicantId: 'A-1', pin: '123456' }, bob)).toMatchObject({ ok: false, error: { code: 'DEVICE_TYPE_NOT_PERMITTED' } });

    // OATH token: in training, an in-process YKOATH applet stands in for the token in a reader.
    const token = await dispatch('deviceIssuance.otp.token', { applicantId: 'A-1', account: 'jane', digits: 8 }, bob);
    expect(token).toMatchObject({ ok: true, value: { kind: 'oath-token', digits: 8, source: 'virtual', tokenDeviceId: expect.stringMatching(/^[0-9a-f]{16}$/) } });
    expect(await dispatch('deviceIssuance.otp.token', { applicantId: 'A-1', account: 'jane' }, bob)).toMatchObject({ ok: false, error: { code: 'OATH_NAME_TAKEN' } });
    expect(await dispatch('deviceIssuance.issued', { applicantId: 'A-1' }, bob)).toMatchObject({ ok: true, value: { otp: [{ kind: 'oath-token', account: 'jane' }] } });

    expect(logLines.join('\n')).not.toContain(FIDO_PIN);
    const keyFile = join(dir, 'otp-vault.key');
    expect(existsSync(keyFile) && (statSync(keyFile).mode & 0o777).toString(8)).toBe('600');
  }, 60_000);
});
