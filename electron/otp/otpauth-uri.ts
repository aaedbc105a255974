import { InvalidInputError } from '../common/errors';
import { base32Decode, base32Encode } from './base32';
import { OTP_ALGORITHMS, OTP_DIGITS, type OtpAlgorithm, type OtpDigits } from './hotp';
import { DEFAULT_PERIOD_SECONDS } from './totp';

/**
 * otpauth:// URIs in the Key Uri Format authenticator apps read from a QR code:
 *   otpauth://totp/Issuer:account?secret=BASE32&issuer=Issuer&algorithm=SHA1&digits=6&period=30
 * Value object: build() and parse() round-trip. The URI holds the secret: show it once, never log it.
 */
export interface OtpauthParams {
  type: 'totp' | 'hotp';
  issuer: string;
  account: string;
  secret: Uint8Array;
  algorithm: OtpAlgorithm;
  digits: OtpDigits;
  /** TOTP only. */
  period?: number;
  /** HOTP only: the next counter value. */
  counter?: number;
}

function checkLabelPart(value: string, what: string): void {
  if (value.length === 0) throw new InvalidInputError('OTPAUTH_LABEL', `The ${what} must not be empty.`);
  if (value.includes(':')) throw new InvalidInputError('OTPAUTH_LABEL', `The ${what} must not contain a colon (it separates issuer and account).`);
}

export function buildOtpauthUri(p: OtpauthParams): string {
  checkLabelPart(p.issuer, 'issuer');
  checkLabelPart(p.account, 'account name');
  const query = [
    `secret=${base32Encode(p.secret)}`,
    `issuer=${encodeURIComponent(p.issuer)}`,
    `algorithm=${p.algorithm}`,
    `digits=${p.digits}`,
  ];
  if (p.type === 'totp') query.push(`period=${p.period ?? DEFAULT_PERIOD_SECONDS}`);
  else {
    if (p.counter === undefined || !Number.isSafeInteger(p.counter) || p.counter < 0) {
      throw new InvalidInputError('OTPAUTH_COUNTER', 'An HOTP URI needs the starting counter (a whole number, zero or more).');
    }
    query.push(`counter=${p.counter}`);
  }
  return `otpauth://${p.type}/${encodeURIComponent(p.issuer)}:${encodeURIComponent(p.account)}?${query.join('&')}`;
}

export function parseOtpauthUri(uri: string): OtpauthParams {
  const m = /^otpauth:\/\/(totp|hotp)\/([^?]+)\?(.*)$/i.exec(uri);
  if (!m) throw new InvalidInputError('OTPAUTH_URI', 'This is not an otpauth://totp/… or otpauth://hotp/… URI.');
  const type = m[1].toLowerCase() as 'totp' | 'hotp';
  const label = decodeURIComponent(m[2]);
  const params = new URLSearchParams(m[3]);
  const colon = label.indexOf(':');
  const labelIssuer = colon >= 0 ? label.slice(0, colon).trim() : undefined;
  const account = (colon >= 0 ? label.slice(colon + 1) : label).trim();
  const issuer = params.get('issuer') ?? labelIssuer ?? '';
  if (labelIssuer !== undefined && params.get('issuer') !== null && labelIssuer !== issuer) {
    throw new InvalidInputError('OTPAUTH_URI', 'The issuer in the label and the issuer parameter differ.');
  }
  const secretText = params.get('secret');
  if (!secretText) throw new InvalidInputError('OTPAUTH_URI', 'The URI has no secret.');
  const algorithm = (params.get('algorithm') ?? 'SHA1').toUpperCase() as OtpAlgorithm;
  if (!OTP_ALGORITHMS.includes(algorithm)) throw new InvalidInputError('OTPAUTH_URI', `Unsupported algorithm ${algorithm}.`);
  const digits = Number(params.get('digits') ?? 6) as OtpDigits;
  if (!OTP_DIGITS.includes(digits)) throw new InvalidInputError('OTPAUTH_URI', 'The URI asks for a digit count other than 6 or 8.');
  const out: OtpauthParams = { type, issuer, account, secret: base32Decode(secretText), algorithm, digits };
  if (type === 'totp') out.period = Number(params.get('period') ?? DEFAULT_PERIOD_SECONDS);
  else {
    const counter = params.get('counter');
    if (counter === null) throw new InvalidInputError('OTPAUTH_URI', 'An HOTP URI must carry its counter.');
    out.counter = Number(counter);
  }
  return out;
}
