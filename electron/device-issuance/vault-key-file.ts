/**
 * Where the OTP vault key lives: a file beside the database (`otp-vault.key`, mode 0600) that holds the
 * 32-byte key only as a blob of the station's key protector (the OS keyring in the desktop app,
 * STATION_KEY_PASSPHRASE in browser mode and the CLI), like the station's signing keys. So neither a
 * copied database nor a copy of the whole directory reveals the seeds without the keyring or the
 * passphrase. A raw key file written by an earlier version is wrapped in place on first use (written to
 * a temporary file and renamed over, so a crash leaves the old file or the new one, never half of one).
 * Back the key file up with the database: without it the stored seeds cannot be exported.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { StationError } from '../common/errors';
import type { KeyProtector } from '../keys/key-protector';
import { VAULT_KEY_BYTES } from './otp-vault';

export const VAULT_KEY_FILE = 'otp-vault.key';
const FORMAT = 'station-otp-vault-key';
const BLOB_NAME = 'otp-vault-key';

interface KeyFile {
  format: typeof FORMAT;
  version: 1;
  protector: string;
  blob: string;
}

export function vaultKeyPathFor(databasePath: string): string {
  return join(dirname(databasePath), VAULT_KEY_FILE);
}

function writeAtomically(path: string, protector: KeyProtector, key: Uint8Array, create: boolean): void {
  const file: KeyFile = { format: FORMAT, version: 1, protector: protector.kind, blob: Buffer.from(protector.protect(key, BLOB_NAME)).toString('base64') };
  const text = `${JSON.stringify(file)}\n`;
  if (create) {
    writeFileSync(path, text, { mode: 0o600, flag: 'wx' });
  } else {
    const tmp = `${path}.tmp`;
    writeFileSync(tmp, text, { mode: 0o600 });
    renameSync(tmp, path);
  }
  chmodSync(path, 0o600);
}

function corrupt(path: string, why: string): StationError {
  return new StationError('OTP_VAULT_KEY', `The OTP vault key file ${path} ${why}. Restore it from its backup; without it the stored OTP seeds cannot be exported.`, { path });
}

export function loadOrCreateVaultKey(path: string, protector: KeyProtector): Uint8Array {
  if (!existsSync(path)) {
    const key = new Uint8Array(randomBytes(VAULT_KEY_BYTES));
    writeAtomically(path, protector, key, true);
    return key;
  }
  const bytes = readFileSync(path);
  if (bytes.length === VAULT_KEY_BYTES) {
    // The raw key an earlier version wrote: wrap it now (same key, so every stored seed still opens).
    const key = new Uint8Array(bytes);
    writeAtomically(path, protector, key, false);
    return key;
  }
  let file: Partial<KeyFile>;
  try {
    file = JSON.parse(bytes.toString('utf8')) as Partial<KeyFile>;
  } catch {
    throw corrupt(path, 'is neither a protected key file nor a raw 32-byte key');
  }
  if (file.format !== FORMAT || file.version !== 1 || typeof file.blob !== 'string') throw corrupt(path, 'is not a protected OTP vault key file');
  if (file.protector !== protector.kind) {
    throw new StationError('OTP_VAULT_KEY_PROTECTOR', `The OTP vault key is protected by ${file.protector}, not ${protector.kind}. Open the station the way it was set up (the desktop app or the same key passphrase).`, { path, protector: file.protector });
  }
  const key = protector.unprotect(Buffer.from(file.blob, 'base64'), BLOB_NAME);
  if (key.length !== VAULT_KEY_BYTES) throw corrupt(path, `holds a ${key.length}-byte key, not ${VAULT_KEY_BYTES}`);
  return key;
}
