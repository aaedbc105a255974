import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { InvalidInputError, StationError } from '../common/errors';
import { base32Decode, base32Encode } from './base32';
import { OTP_ALGORITHMS, OTP_DIGITS, type OtpAlgorithm, type OtpDigits } from './hotp';

/**
 * Encrypted OTP seed file for the validation server (format: docs/otp-seed-file.md).
 * JSON envelope; the seed list is AES-256-GCM encrypted under a key derived by scrypt from a
 * passphrase; every header field is bound as additional authenticated data. Pure: text in, text out.
 */
export const SEED_FILE_FORMAT = 'issuance-station/otp-seeds';
export const SEED_FILE_VERSION = 1;
/** scrypt cost: N = 2^17, r = 8, p = 1 (128 MiB, well under a second on a workstation). */
export const DEFAULT_SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;
/** Upper bounds accepted when reading, so a hostile header cannot make the station allocate gigabytes. */
const MAX_SCRYPT = { N: 2 ** 20, r: 16, p: 4 } as const;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
export const MIN_PASSPHRASE_LENGTH = 12;

export interface SeedRecord {
  /** Station-side credential id, so the server's records can be traced back. */
  id: string;
  type: 'totp' | 'hotp';
  issuer: string;
  account: string;
  algorithm: OtpAlgorithm;
  digits: OtpDigits;
  period?: number;
  counter?: number;
  secret: Uint8Array;
  /** Token serial for hardware tokens; absent for authenticator apps. */
  tokenSerial?: string;
}

export interface SeedFileContents {
  exportedAt: string;
  seeds: SeedRecord[];
}

interface Header {
  format: string;
  version: number;
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  cipher: { name: 'aes-256-gcm'; iv: string };
}

function aad(h: Header): Buffer {
  // Fixed field order, so the bytes do not depend on how a JSON writer orders keys.
  return Buffer.from(
    [h.format, h.version, h.kdf.name, h.kdf.N, h.kdf.r, h.kdf.p, h.kdf.salt, h.cipher.name, h.cipher.iv].join('|'),
    'utf8',
  );
}

function deriveKey(passphrase: string, salt: Buffer, p: { N: number; r: number; p: number }): Buffer {
  return scryptSync(passphrase.normalize('NFC'), salt, KEY_BYTES, { N: p.N, r: p.r, p: p.p, maxmem: 256 * p.N * p.r + 1024 * 1024 });
}

export function encryptSeedFile(
  contents: SeedFileContents,
  passphrase: string,
  options: { scrypt?: { N: number; r: number; p: number } } = {},
): string {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    throw new InvalidInputError('SEED_PASSPHRASE_SHORT', `The seed file passphrase must have at least ${MIN_PASSPHRASE_LENGTH} characters.`);
  }
  const cost = options.scrypt ?? DEFAULT_SCRYPT;
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const header: Header = {
    format: SEED_FILE_FORMAT,
    version: SEED_FILE_VERSION,
    kdf: { name: 'scrypt', ...cost, salt: salt.toString('base64') },
    cipher: { name: 'aes-256-gcm', iv: iv.toString('base64') },
  };
  const plaintext = Buffer.from(
    JSON.stringify({
      exportedAt: contents.exportedAt,
      seeds: contents.seeds.map((s) => ({ ...s, secret: base32Encode(s.secret) })),
    }),
    'utf8',
  );
  const key = deriveKey(passphrase, salt, cost);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(header));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const tag = cipher.getAuthTag();
  key.fill(0);
  plaintext.fill(0);
  return `${JSON.stringify({ ...header, ciphertext: ciphertext.toString('base64'), tag: tag.toString('base64') }, null, 2)}\n`;
}

const bad = (why: string) => new InvalidInputError('SEED_FILE_INVALID', `This is not a readable station seed file: ${why}.`);

function parseSeed(raw: Record<string, unknown>): SeedRecord {
  const algorithm = raw.algorithm as OtpAlgorithm;
  const digits = raw.digits as OtpDigits;
  if ((raw.type !== 'totp' && raw.type !== 'hotp') || !OTP_ALGORITHMS.includes(algorithm) || !OTP_DIGITS.includes(digits) || typeof raw.secret !== 'string') {
    throw bad('a seed entry is malformed');
  }
  const out: SeedRecord = {
    id: String(raw.id),
    type: raw.type,
    issuer: String(raw.issuer),
    account: String(raw.account),
    algorithm,
    digits,
    secret: base32Decode(raw.secret),
  };
  if (typeof raw.period === 'number') out.period = raw.period;
  if (typeof raw.counter === 'number') out.counter = raw.counter;
  if (typeof raw.tokenSerial === 'string') out.tokenSerial = raw.tokenSerial;
  return out;
}

export function decryptSeedFile(text: string, passphrase: string): SeedFileContents {
  let doc: Header & { ciphertext: string; tag: string };
  try {
    doc = JSON.parse(text);
  } catch {
    throw bad('it is not JSON');
  }
  if (doc.format !== SEED_FILE_FORMAT) throw bad('the format field is wrong');
  if (doc.version !== SEED_FILE_VERSION) throw bad(`version ${String(doc.version)} is not one this station reads`);
  const { N, r, p } = doc.kdf ?? {};
  if (doc.kdf?.name !== 'scrypt' || doc.cipher?.name !== 'aes-256-gcm') throw bad('the algorithms are not scrypt and AES-256-GCM');
  if (![N, r, p].every((v) => Number.isInteger(v) && v > 0) || N > MAX_SCRYPT.N || r > MAX_SCRYPT.r || p > MAX_SCRYPT.p || (N & (N - 1)) !== 0) {
    throw bad('the scrypt parameters are out of range');
  }
  const salt = Buffer.from(doc.kdf.salt, 'base64');
  const iv = Buffer.from(doc.cipher.iv, 'base64');
  const tag = Buffer.from(doc.tag ?? '', 'base64');
  if (salt.length < SALT_BYTES || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw bad('the salt, IV or tag has the wrong size');
  const key = deriveKey(passphrase, salt, { N, r, p });
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad(doc));
  decipher.setAuthTag(tag);
  let plaintext: Buffer;
  try {
    plaintext = Buffer.concat([decipher.update(Buffer.from(doc.ciphertext, 'base64')), decipher.final()]);
  } catch {
    throw new StationError('SEED_FILE_WRONG_PASSPHRASE', 'The seed file could not be opened: the passphrase is wrong or the file was changed. Check the passphrase; if it is right, export the file again.');
  } finally {
    key.fill(0);
  }
  const body = JSON.parse(plaintext.toString('utf8')) as { exportedAt: string; seeds: Record<string, unknown>[] };
  plaintext.fill(0);
  return { exportedAt: body.exportedAt, seeds: body.seeds.map(parseSeed) };
}
