import { describe, expect, it } from 'vitest';
import { OtpEnrollmentService, type OtpSeedVault } from '../../../electron/otp/enrollment';
import { parseOtpauthUri } from '../../../electron/otp/otpauth-uri';
import { totp } from '../../../electron/otp/totp';
import { OathSession } from '../../../electron/otp/ykoath';
import { VirtualOathApplet } from '../../../electron/simulators/otp/virtual-oath-applet';
import type { SeedRecord } from '../../../electron/otp/seed-file';

function setup() {
  let now = Date.UTC(2026, 10, 28, 14, 0, 0);
  const stored: (SeedRecord & { applicantId: string })[] = [];
  const vault: OtpSeedVault = { store: async (s) => void stored.push({ ...s, secret: s.secret.slice() }) };
  const service = new OtpEnrollmentService(vault, { issuer: 'Agency', clock: () => now, pendingTtlMs: 60_000 });
  return { service, stored, advance: (ms: number) => (now += ms), now: () => now };
}

describe('OTP enrollment service', () => {
  it('shows the secret once as URI + QR, accepts the app code, and stores the seed', async () => {
    const { service, stored, now } = setup();
    const start = await service.startAppEnrollment({ applicantId: 'A-1', account: 'jane.doe' });
    expect(start.qrSvg).toContain('<svg');
    const { secret } = parseOtpauthUri(start.uri);
    const record = await service.confirmAppEnrollment(start.enrollmentId, totp(secret, Math.floor(now() / 1000) - 30));
    expect(record).toMatchObject({ applicantId: 'A-1', kind: 'authenticator-app', issuer: 'Agency', account: 'jane.doe', algorithm: 'SHA1', digits: 6, period: 30 });
    expect(JSON.stringify(record)).not.toMatch(/secret/);
    expect(Buffer.from(stored[0].secret).equals(Buffer.from(secret))).toBe(true);
    // The enrollment is gone: the secret cannot be confirmed or shown again.
    await expect(service.confirmAppEnrollment(start.enrollmentId, '000000')).rejects.toMatchObject({ code: 'OTP_ENROLLMENT_GONE' });
  });

  it('counts wrong codes and expires pending enrollments', async () => {
    const { service, advance, now } = setup();
    const a = await service.startAppEnrollment({ applicantId: 'A-2', account: 'x' });
    const secret = parseOtpauthUri(a.uri).secret;
    const t = Math.floor(now() / 1000);
    const valid = new Set([-30, 0, 30].map((d) => totp(secret, t + d)));
    const wrong = ['000000', '111111', '222222', '333333'].find((c) => !valid.has(c))!;
    await expect(service.confirmAppEnrollment(a.enrollmentId, '12345')).rejects.toMatchObject({ code: 'OTP_CODE_FORMAT' });
    for (let left = 4; left >= 1; left--) {
      await expect(service.confirmAppEnrollment(a.enrollmentId, wrong)).rejects.toMatchObject({ code: 'OTP_CODE_MISMATCH', details: { attemptsLeft: left } });
    }
    await expect(service.confirmAppEnrollment(a.enrollmentId, wrong)).rejects.toMatchObject({ code: 'OTP_ENROLLMENT_GONE' });
    const b = await service.startAppEnrollment({ applicantId: 'A-2', account: 'x' });
    advance(61_000);
    await expect(service.confirmAppEnrollment(b.enrollmentId, totp(parseOtpauthUri(b.uri).secret, 0))).rejects.toMatchObject({ code: 'OTP_ENROLLMENT_GONE' });
  });

  it('provisions a YKOATH token, checks its code against the station, and stores the seed with the token id', async () => {
    const { service, stored, now } = setup();
    const applet = new VirtualOathApplet();
    const record = await service.provisionToken(applet.transmit, { applicantId: 'A-3', account: 'john', algorithm: 'SHA256', digits: 8 });
    expect(record).toMatchObject({ kind: 'oath-token', type: 'totp', algorithm: 'SHA256', digits: 8 });
    expect(record.tokenDeviceId).toMatch(/^[0-9a-f]{16}$/);
    const session = await OathSession.select(applet.transmit);
    const code = await session.calculate('Agency:john', { type: 'totp', unixSeconds: Math.floor(now() / 1000) });
    expect(code).toBe(totp(stored[0].secret, Math.floor(now() / 1000), { algorithm: 'SHA256', digits: 8 }));
    await expect(service.provisionToken(applet.transmit, { applicantId: 'A-3', account: 'john' })).rejects.toMatchObject({ code: 'OATH_NAME_TAKEN' });
  });

  it('provisions HOTP with the counter past the verification code', async () => {
    const { service, stored } = setup();
    const applet = new VirtualOathApplet();
    await service.provisionToken(applet.transmit, { applicantId: 'A-4', account: 'h', type: 'hotp' });
    expect(stored[0]).toMatchObject({ type: 'hotp', counter: 1 });
  });
});
