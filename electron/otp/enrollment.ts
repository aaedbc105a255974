import { randomUUID } from 'node:crypto';
import { InvalidInputError, StationError } from '../common/errors';
import type { Transmit } from '../piv/apdu';
import { generateOtpSecret } from './secret';
import { totp, verifyTotp, DEFAULT_PERIOD_SECONDS } from './totp';
import { codesEqual, hotp, type OtpAlgorithm, type OtpDigits } from './hotp';
import { buildOtpauthUri } from './otpauth-uri';
import { otpauthQrSvg } from './qr-code';
import type { SeedRecord } from './seed-file';
import { credentialName, OathSession } from './ykoath';

/**
 * OTP enrollment use cases. The station generates the secret; it reaches the applicant once (QR code
 * for an authenticator app, or written into a YKOATH token) and is then only in the seed vault, which
 * the lead backs with encrypted storage and which feeds the seed-file export. Records returned here
 * never hold the secret.
 */
export interface OtpSeedVault {
  /** Encrypts/copies the seed before resolving: the service zeroes `secret` right after. */
  store(seed: SeedRecord & { applicantId: string }): Promise<void>;
}

export interface OtpCredentialRecord {
  id: string;
  applicantId: string;
  kind: 'authenticator-app' | 'oath-token';
  type: 'totp' | 'hotp';
  issuer: string;
  account: string;
  algorithm: OtpAlgorithm;
  digits: OtpDigits;
  period?: number;
  /** The OATH applet's device id (hex) for tokens. */
  tokenDeviceId?: string;
  createdAt: string;
}

interface Pending {
  applicantId: string;
  account: string;
  algorithm: OtpAlgorithm;
  digits: OtpDigits;
  period: number;
  secret: Uint8Array;
  expiresAt: number;
  attemptsLeft: number;
}

export interface OtpEnrollmentOptions {
  issuer: string;
  /** Unix milliseconds. */
  clock?: () => number;
  /** How long a shown QR code may be confirmed. */
  pendingTtlMs?: number;
  /** Verification window in TOTP steps either side. */
  window?: number;
  maxAttempts?: number;
}

export class OtpEnrollmentService {
  private readonly pending = new Map<string, Pending>();
  private readonly clock: () => number;

  constructor(
    private readonly vault: OtpSeedVault,
    private readonly options: OtpEnrollmentOptions,
  ) {
    this.clock = options.clock ?? Date.now;
  }

  /** Step 1 (app): a fresh secret as an otpauth:// URI and QR code, shown once. */
  async startAppEnrollment(request: { applicantId: string; account: string; algorithm?: OtpAlgorithm; digits?: OtpDigits; period?: number }): Promise<{ enrollmentId: string; uri: string; qrSvg: string; expiresAt: string }> {
    this.sweep();
    const algorithm = request.algorithm ?? 'SHA1';
    const digits = request.digits ?? 6;
    const period = request.period ?? DEFAULT_PERIOD_SECONDS;
    const secret = generateOtpSecret(algorithm);
    const uri = buildOtpauthUri({ type: 'totp', issuer: this.options.issuer, account: request.account, secret, algorithm, digits, period });
    const enrollmentId = randomUUID();
    const expiresAt = this.clock() + (this.options.pendingTtlMs ?? 10 * 60_000);
    this.pending.set(enrollmentId, {
      applicantId: request.applicantId,
      account: request.account,
      algorithm,
      digits,
      period,
      secret,
      expiresAt,
      attemptsLeft: this.options.maxAttempts ?? 5,
    });
    return { enrollmentId, uri, qrSvg: await otpauthQrSvg(uri), expiresAt: new Date(expiresAt).toISOString() };
  }

  /** Step 2 (app): the applicant types the code the app shows; on success the seed goes to the vault. */
  async confirmAppEnrollment(enrollmentId: string, code: string): Promise<OtpCredentialRecord> {
    this.sweep();
    const p = this.pending.get(enrollmentId);
    if (!p) throw new StationError('OTP_ENROLLMENT_GONE', 'This enrollment expired or was cancelled. Start again and scan the new QR code.');
    if (!/^\d+$/.test(code) || code.length !== p.digits) {
      throw new InvalidInputError('OTP_CODE_FORMAT', `Enter the ${p.digits}-digit code the app shows.`);
    }
    const drift = verifyTotp(p.secret, code, Math.floor(this.clock() / 1000), { algorithm: p.algorithm, digits: p.digits, period: p.period, window: this.options.window ?? 1 });
    if (drift === undefined) {
      p.attemptsLeft--;
      if (p.attemptsLeft <= 0) {
        this.drop(enrollmentId);
        throw new StationError('OTP_ENROLLMENT_GONE', 'Too many wrong codes. Start again and scan the new QR code.');
      }
      throw new InvalidInputError('OTP_CODE_MISMATCH', `That code does not match. Check the phone's clock is right and enter the current code (${p.attemptsLeft} tries left).`, { attemptsLeft: p.attemptsLeft });
    }
    const id = randomUUID();
    await this.vault.store({ id, applicantId: p.applicantId, type: 'totp', issuer: this.options.issuer, account: p.account, algorithm: p.algorithm, digits: p.digits, period: p.period, secret: p.secret });
    this.drop(enrollmentId);
    return { id, applicantId: p.applicantId, kind: 'authenticator-app', type: 'totp', issuer: this.options.issuer, account: p.account, algorithm: p.algorithm, digits: p.digits, period: p.period, createdAt: new Date(this.clock()).toISOString() };
  }

  cancel(enrollmentId: string): void {
    this.drop(enrollmentId);
  }

  /**
   * Token path: generate a secret, PUT it into the token's OATH applet, check the token computes the
   * same code as the station, then store the seed. The secret never leaves the station otherwise.
   */
  async provisionToken(
    transmit: Transmit,
    request: { applicantId: string; account: string; type?: 'totp' | 'hotp'; algorithm?: OtpAlgorithm; digits?: OtpDigits; requireTouch?: boolean },
  ): Promise<OtpCredentialRecord> {
    const type = request.type ?? 'totp';
    const algorithm = request.algorithm ?? 'SHA1';
    const digits = request.digits ?? 6;
    const session = await OathSession.select(transmit);
    const name = credentialName(this.options.issuer, request.account, type);
    if ((await session.list()).some((c) => c.name === name)) {
      throw new StationError('OATH_NAME_TAKEN', `The token already holds a credential named "${name}". Delete it or reset the token first.`);
    }
    const secret = generateOtpSecret(algorithm);
    try {
      await session.put({ name, type, algorithm, digits, secret, ...(request.requireTouch ? { requireTouch: true } : {}) });
      const now = Math.floor(this.clock() / 1000);
      let counter: number | undefined;
      if (!request.requireTouch) {
        const onToken = await session.calculate(name, { type, unixSeconds: now });
        const expected = type === 'totp' ? totp(secret, now, { algorithm, digits }) : hotp(secret, 0, { algorithm, digits });
        if (!codesEqual(onToken, expected)) {
          await session.delete(name).catch(() => undefined);
          throw new StationError('OATH_VERIFY_FAILED', 'The token computed a different code than the station. The credential was removed; try another token.');
        }
        if (type === 'hotp') counter = 1;
      }
      const id = randomUUID();
      const tokenSerial = Buffer.from(session.deviceId).toString('hex');
      await this.vault.store({ id, applicantId: request.applicantId, type, issuer: this.options.issuer, account: request.account, algorithm, digits, ...(type === 'totp' ? { period: DEFAULT_PERIOD_SECONDS } : { counter: counter ?? 0 }), secret, tokenSerial });
      return {
        id,
        applicantId: request.applicantId,
        kind: 'oath-token',
        type,
        issuer: this.options.issuer,
        account: request.account,
        algorithm,
        digits,
        ...(type === 'totp' ? { period: DEFAULT_PERIOD_SECONDS } : {}),
        tokenDeviceId: tokenSerial,
        createdAt: new Date(this.clock()).toISOString(),
      };
    } finally {
      secret.fill(0);
    }
  }

  private drop(id: string): void {
    const p = this.pending.get(id);
    if (p) p.secret.fill(0);
    this.pending.delete(id);
  }

  private sweep(): void {
    const now = this.clock();
    for (const [id, p] of this.pending) if (p.expiresAt <= now) this.drop(id);
  }
}
