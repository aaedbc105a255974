/**
 * Private keys at rest. A KeyProtector turns secret bytes into an opaque blob and back; the blob is
 * what the database stores. Two implementations:
 *  - SafeStorageKeyProtector: Electron's safeStorage (OS keychain / DPAPI / libsecret) through a port,
 *    so this file never imports electron. On Linux without a keyring safeStorage falls back to a
 *    hard-coded password ("basic_text"); that is refused here because it is not protection.
 *  - PassphraseKeyProtector: scrypt(passphrase) → AES-256-GCM, for the CLI, headless bureaus and
 *    tests (passphrase from STATION_KEY_PASSPHRASE). Its strength is the passphrase's strength: anyone
 *    with the database file and the passphrase has the keys. Say so to whoever deploys it.
 * The blob's AAD binds it to the key's name, so blobs cannot be swapped between rows.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { InvalidInputError, StationError } from '../common/errors';

export interface KeyProtector {
  /** Stored next to the blob so the right protector is asked later. */
  readonly kind: string;
  protect(secret: Uint8Array, name: string): Uint8Array;
  unprotect(blob: Uint8Array, name: string): Uint8Array;
}

export const KEY_PASSPHRASE_ENV = 'STATION_KEY_PASSPHRASE';
export const MIN_PASSPHRASE_LENGTH = 12;

const MAGIC = new TextEncoder().encode('SKP1');
const SALT = 16;
const IV = 12;
const TAG = 16;
/** scrypt cost: N = 2^15, r = 8, p = 1 (32 MiB, ~0.1 s): OWASP's minimum for interactive use. */
const DEFAULT_LOG_N = 15;
const R = 8;
const P = 1;
const HEADER = MAGIC.length + 3 + SALT + IV + TAG;

function keyFrom(passphrase: string, salt: Uint8Array, logN: number, r: number, p: number): Buffer {
  return scryptSync(passphrase.normalize('NFC'), salt, 32, { N: 2 ** logN, r, p, maxmem: 256 * 2 ** logN * r + 1024 * 1024 });
}

export class PassphraseKeyProtector implements KeyProtector {
  static readonly KIND = 'passphrase-scrypt-aes256gcm';
  readonly kind = PassphraseKeyProtector.KIND;

  constructor(
    private readonly passphrase: string,
    private readonly logN = DEFAULT_LOG_N,
  ) {
    if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
      throw new InvalidInputError('KEY_PASSPHRASE_TOO_SHORT', `The key passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters.`);
    }
  }

  static fromEnv(env: NodeJS.ProcessEnv): PassphraseKeyProtector {
    const value = env[KEY_PASSPHRASE_ENV];
    if (!value) {
      throw new InvalidInputError('KEY_PASSPHRASE_REQUIRED', `The station's private keys are encrypted with a passphrase: set ${KEY_PASSPHRASE_ENV} (at least ${MIN_PASSPHRASE_LENGTH} characters).`);
    }
    return new PassphraseKeyProtector(value);
  }

  protect(secret: Uint8Array, name: string): Uint8Array {
    const salt = randomBytes(SALT);
    const iv = randomBytes(IV);
    const key = keyFrom(this.passphrase, salt, this.logN, R, P);
    const c = createCipheriv('aes-256-gcm', key, iv);
    c.setAAD(Buffer.from(name, 'utf8'));
    const ct = Buffer.concat([c.update(secret), c.final()]);
    key.fill(0);
    return new Uint8Array(Buffer.concat([MAGIC, Buffer.from([this.logN, R, P]), salt, iv, c.getAuthTag(), ct]));
  }

  unprotect(blob: Uint8Array, name: string): Uint8Array {
    const b = Buffer.from(blob);
    if (b.length < HEADER || !b.subarray(0, MAGIC.length).equals(Buffer.from(MAGIC))) {
      throw new StationError('KEY_BLOB_INVALID', `The stored key "${name}" is not in the passphrase format; it may have been protected another way.`, { name });
    }
    let o = MAGIC.length;
    const [logN, r, p] = [b[o]!, b[o + 1]!, b[o + 2]!];
    o += 3;
    const salt = b.subarray(o, (o += SALT));
    const iv = b.subarray(o, (o += IV));
    const tag = b.subarray(o, (o += TAG));
    const key = keyFrom(this.passphrase, salt, logN, r, p);
    try {
      const d = createDecipheriv('aes-256-gcm', key, iv);
      d.setAAD(Buffer.from(name, 'utf8'));
      d.setAuthTag(tag);
      return new Uint8Array(Buffer.concat([d.update(b.subarray(o)), d.final()]));
    } catch (cause) {
      throw new StationError('KEY_PASSPHRASE_WRONG', `The station key "${name}" cannot be decrypted: the passphrase is wrong or the stored key was altered.`, { name }, { cause });
    }
  }
}

/**
 * The passphrase protector, read from the environment each time a key is used, so that a station
 * without STATION_KEY_PASSPHRASE still starts and says exactly what is missing when a key is needed.
 */
export function lazyPassphraseProtector(env: NodeJS.ProcessEnv): KeyProtector {
  return {
    kind: PassphraseKeyProtector.KIND,
    protect: (secret, name) => PassphraseKeyProtector.fromEnv(env).protect(secret, name),
    unprotect: (blob, name) => PassphraseKeyProtector.fromEnv(env).unprotect(blob, name),
  };
}

/** The part of Electron's safeStorage this needs (the lead passes `safeStorage` itself). */
export interface SafeStoragePort {
  isEncryptionAvailable(): boolean;
  /** Linux only; 'basic_text' means no real keyring. */
  getSelectedStorageBackend?(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export class SafeStorageKeyProtector implements KeyProtector {
  readonly kind = 'electron-safe-storage';

  constructor(private readonly safe: SafeStoragePort) {
    if (!safe.isEncryptionAvailable() || safe.getSelectedStorageBackend?.() === 'basic_text') {
      throw new StationError('SAFE_STORAGE_UNAVAILABLE', 'The operating system keyring is not available, so the station keys cannot be protected by it. Unlock the keyring, or run with a key passphrase.');
    }
  }

  protect(secret: Uint8Array, name: string): Uint8Array {
    // The name is bound in by prefixing it; safeStorage has no AAD.
    return new Uint8Array(this.safe.encryptString(`${name}\n${Buffer.from(secret).toString('base64')}`));
  }

  unprotect(blob: Uint8Array, name: string): Uint8Array {
    const text = this.safe.decryptString(Buffer.from(blob));
    const nl = text.indexOf('\n');
    if (nl < 0 || text.slice(0, nl) !== name) throw new StationError('KEY_BLOB_INVALID', `The stored key "${name}" does not belong to this name.`, { name });
    return new Uint8Array(Buffer.from(text.slice(nl + 1), 'base64'));
  }
}
