/**
 * The OTP seed vault: every seed is sealed with AES-256-GCM under the station's vault key before it
 * touches the database. The plaintext is the seed record as JSON (secret in base32); the AAD binds the
 * blob to its row (seed id and applicant id), so blobs cannot be swapped between rows. `key_id` is the
 * first 8 bytes of SHA-256(key), so a database opened with the wrong key says so instead of failing
 * with a bare authentication error. Where the key comes from is the caller's choice (vault-key-file.ts).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Db } from '../store/database';
import { StationError } from '../common/errors';
import type { OtpSeedVault } from '../otp/enrollment';
import type { SeedRecord } from '../otp/seed-file';
import { base32Decode, base32Encode } from '../otp/base32';

export const VAULT_KEY_BYTES = 32;
const MAGIC = Buffer.from('OSV1');
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function vaultKeyId(key: Uint8Array): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

const aad = (id: string, applicantId: string) => Buffer.from(`otp-seed|${id}|${applicantId}`, 'utf8');

type StoredSeed = Omit<SeedRecord, 'secret'> & { secret: string };

export function sealSeed(key: Uint8Array, seed: SeedRecord, applicantId: string): Uint8Array {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad(seed.id, applicantId));
  const plain = Buffer.from(JSON.stringify({ ...seed, secret: base32Encode(seed.secret) } satisfies StoredSeed), 'utf8');
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  plain.fill(0);
  return new Uint8Array(Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]));
}

export function openSeed(key: Uint8Array, blob: Uint8Array, id: string, applicantId: string): SeedRecord {
  const b = Buffer.from(blob);
  if (b.length < MAGIC.length + IV_BYTES + TAG_BYTES || !b.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new StationError('OTP_VAULT_CORRUPT', `The stored OTP seed ${id} is not a vault blob. Restore the database from a backup.`, { id });
  }
  const iv = b.subarray(MAGIC.length, MAGIC.length + IV_BYTES);
  const tag = b.subarray(MAGIC.length + IV_BYTES, MAGIC.length + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(aad(id, applicantId));
  decipher.setAuthTag(tag);
  let plain: Buffer;
  try {
    plain = Buffer.concat([decipher.update(b.subarray(MAGIC.length + IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new StationError('OTP_VAULT_CORRUPT', `The stored OTP seed ${id} failed its integrity check (altered, or moved to another row). Restore the database from a backup.`, { id });
  }
  const stored = JSON.parse(plain.toString('utf8')) as StoredSeed;
  plain.fill(0);
  return { ...stored, secret: base32Decode(stored.secret) };
}

export class SqliteOtpSeedVault implements OtpSeedVault {
  private opened?: { key: Uint8Array; keyId: string };

  /**
   * `key` may be a function: the key is then fetched (and, with a passphrase, decrypted) when a seed is
   * first stored or read, so a station that never issues OTP never needs the key protector.
   */
  constructor(
    private readonly db: Db,
    private readonly key: Uint8Array | (() => Uint8Array),
    private readonly now: () => Date = () => new Date(),
  ) {
    if (typeof key !== 'function') this.open();
  }

  private open(): { key: Uint8Array; keyId: string } {
    if (this.opened) return this.opened;
    const key = typeof this.key === 'function' ? this.key() : this.key;
    if (key.length !== VAULT_KEY_BYTES) throw new StationError('OTP_VAULT_KEY', `The OTP vault key must be ${VAULT_KEY_BYTES} bytes.`);
    const copy = Uint8Array.from(key);
    this.opened = { key: copy, keyId: vaultKeyId(copy) };
    return this.opened;
  }

  async store(seed: SeedRecord & { applicantId: string }): Promise<void> {
    const { applicantId, ...record } = seed;
    const { key, keyId } = this.open();
    const blob = sealSeed(key, record, applicantId);
    this.db.prepare('INSERT INTO otp_seeds (id, applicant_id, key_id, blob, stored_at) VALUES (?, ?, ?, ?, ?)').run(seed.id, applicantId, keyId, blob, this.now().toISOString());
  }

  /** Every seed, decrypted, for the validation-server export (the caller encrypts the seed file at once). */
  all(): Array<SeedRecord & { applicantId: string }> {
    const rows = this.db.prepare('SELECT id, applicant_id, key_id, blob FROM otp_seeds ORDER BY stored_at, rowid').all() as Array<{ id: string; applicant_id: string; key_id: string; blob: Uint8Array }>;
    if (rows.length === 0) return [];
    const { key, keyId } = this.open();
    return rows.map((r) => {
      if (r.key_id !== keyId) {
        throw new StationError('OTP_VAULT_WRONG_KEY', `OTP seed ${r.id} was sealed with another vault key (${r.key_id}); this station has ${keyId}. Restore the station's vault key file.`, { id: r.id, keyId: r.key_id });
      }
      return { ...openSeed(key, r.blob, r.id, r.applicant_id), applicantId: r.applicant_id };
    });
  }
}
