import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VirtualFidoKey } from '../../../electron/simulators/fido/virtual-key';
import { parseOtpauthUri } from '../../../electron/otp/otpauth-uri';
import { totp } from '../../../electron/otp/totp';
import { base32Encode } from '../../../electron/otp/base32';
import { SqliteOtpSeedVault } from '../../../electron/device-issuance/otp-vault';
import { setup, manager, operator, officer } from './setup';

let env: ReturnType<typeof setup>;
afterEach(() => env?.close());


describe('DeviceIssuanceService: policy gating (real SQLite file)', () => {
  it('refuses what the policy does not permit, with the typed error, and follows a policy change at once', async () => {
    env = setup();
    // Seeded policy: FIDO yes, OTP no, derived no.
    expect(env.service.permissions(operator, 'A-1')).toMatchObject({ credentialType: 'PIV Employee', policy: 'PIV Standard', permitted: { fido: true, otp: false, derived: false } });
    await expect(env.service.startOtpApp(operator, 'A-1', { account: 'jane' })).rejects.toMatchObject({
      code: 'DEVICE_TYPE_NOT_PERMITTED',
      message: expect.stringMatching(/^This credential policy does not permit OTP credentials/),
      details: { deviceType: 'otp', policy: 'PIV Standard' },
    });
    await expect(env.service.issueDerived(operator, 'A-1', async () => new Uint8Array([0x6d, 0x00]), '123456')).rejects.toMatchObject({ code: 'DEVICE_TYPE_NOT_PERMITTED' });
    env.permit({ otp: true, fido: false });
    expect(env.service.permissions(operator, 'A-1').permitted).toEqual({ fido: false, otp: true, derived: false });
    await expect(env.service.enrollFidoKey(operator, 'A-1', { access: new VirtualFidoKey(), pin: '86428642' })).rejects.toMatchObject({ code: 'DEVICE_TYPE_NOT_PERMITTED' });
    await expect(env.service.startOtpApp(operator, 'A-1', { account: 'jane' })).resolves.toMatchObject({ digits: 6 });
  });

  it('lets only badge operators and system managers issue devices', () => {
    env = setup();
    expect(() => env.service.permissions(officer, 'A-1')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(env.service.permissions(manager, 'A-1').permitted.fido).toBe(true);
  });
});

describe('DeviceIssuanceService: FIDO key end to end on the virtual key (reset, set PIN, record)', () => {
  it('records the key against the applicant and journals it without the PIN', async () => {
    env = setup();
    const key = new VirtualFidoKey({ keepaliveIntervalMs: 5, serialNumber: 'SIM-7' });
    const probe = await env.service.probeFidoKey(operator, 'A-1', key);
    expect(probe).toMatchObject({ minPinLength: 4, hasPin: false });
    const steps: string[] = [];
    const { key: issued } = await env.service.enrollFidoKey(operator, 'A-1', { access: key, pin: '86428642', minPinLength: 8, coach: (s) => steps.push(s.step) });
    expect(steps).toEqual(['connecting', 'touch-to-reset', 'reset-done', 'setting-pin', 'touch-to-attest', 'setting-pin-policy', 'recording', 'done']);
    expect(issued.record).toMatchObject({ aaguid: '5354a710-f1d0-4b1e-9a3e-7a1e55d0c0de', serial: 'SIM-7', attestationSource: 'makeCredential', minPinLength: 8 });
    expect(env.service.issued(operator, 'A-1').fido).toEqual([expect.objectContaining({ id: issued.id, issuedBy: 'bob', credentialType: 'PIV Employee' })]);
    const row = env.store.db.prepare("SELECT * FROM audit_journal WHERE action = 'device.fido.issued'").get() as { details: string; actor: string; subject: string };
    expect(row).toMatchObject({ actor: 'bob', subject: 'A-1' });
    expect(JSON.parse(row.details)).toMatchObject({ fidoRecordId: issued.id, serial: 'SIM-7', policyVersion: 1 });
    env.store.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(join(env.dir, 'station.db')).includes(Buffer.from('86428642'))).toBe(false);
    // The key really has the PIN now: a second enrollment without reset is refused.
    expect((await env.service.probeFidoKey(operator, 'A-1', key)).hasPin).toBe(true);
  });
});

describe('DeviceIssuanceService: OTP authenticator app', () => {
  it('returns only the QR code, confirms the app code, seals the seed and journals no secret', async () => {
    env = setup();
    env.permit({ otp: true });
    const start = await env.service.startOtpApp(operator, 'A-1', { account: 'jane.doe' });
    expect(Object.keys(start).sort()).toEqual(['digits', 'enrollmentId', 'expiresAt', 'qrSvg']);
    expect(JSON.stringify(start)).not.toContain('otpauth');
    const { secret } = parseOtpauthUri(env.otp.lastUri);
    const t = Math.floor(env.now() / 1000);
    const valid = new Set([-30, 0, 30].map((d) => totp(secret, t + d)));
    const wrong = ['000000', '111111', '222222', '333333'].find((c) => !valid.has(c))!;
    await expect(env.service.confirmOtpApp(operator, start.enrollmentId, wrong)).rejects.toMatchObject({ code: 'OTP_CODE_MISMATCH', details: { attemptsLeft: 4 } });
    await expect(env.service.confirmOtpApp(manager, start.enrollmentId, totp(secret, t))).rejects.toMatchObject({ code: 'OTP_ENROLLMENT_GONE' }); // not the operator who started it
    const record = await env.service.confirmOtpApp(operator, start.enrollmentId, totp(secret, t));
    expect(record).toMatchObject({ applicantId: 'A-1', kind: 'authenticator-app', account: 'jane.doe', issuedBy: 'bob' });
    expect(env.service.issued(operator, 'A-1').otp).toHaveLength(1);

    const blob = (env.store.db.prepare('SELECT blob FROM otp_seeds').get() as { blob: Uint8Array }).blob;
    expect(Buffer.from(blob).includes(Buffer.from(base32Encode(secret)))).toBe(false);
    const [seed] = env.vault.all();
    expect(Buffer.from(seed!.secret).equals(Buffer.from(secret))).toBe(true);
    expect(() => new SqliteOtpSeedVault(env.store.db, new Uint8Array(32).fill(9)).all()).toThrow(expect.objectContaining({ code: 'OTP_VAULT_WRONG_KEY' }));
    const audit = env.store.db.prepare("SELECT details FROM audit_journal WHERE action = 'device.otp.issued'").get() as { details: string };
    expect(audit.details).not.toContain(base32Encode(secret));
    expect(JSON.parse(audit.details)).toMatchObject({ credentialId: record.id, kind: 'authenticator-app' });
  });

  it('detects a sealed seed moved to another row (AAD binds it to its id)', async () => {
    env = setup();
    const { sealSeed, openSeed } = await import('../../../electron/device-issuance/otp-vault');
    const blob = sealSeed(env.vaultKey, { id: 's1', type: 'totp', issuer: 'I', account: 'a', algorithm: 'SHA1', digits: 6, period: 30, secret: new Uint8Array(20).fill(1) }, 'A-1');
    expect(openSeed(env.vaultKey, blob, 's1', 'A-1').account).toBe('a');
    expect(() => openSeed(env.vaultKey, blob, 's2', 'A-1')).toThrow(expect.objectContaining({ code: 'OTP_VAULT_CORRUPT' }));
    expect(() => openSeed(env.vaultKey, blob, 's1', 'A-2')).toThrow(expect.objectContaining({ code: 'OTP_VAULT_CORRUPT' }));
  });
});
