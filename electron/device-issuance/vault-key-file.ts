/**
 * Where the OTP vault key comes from, honestly: a 32-byte random key in a file beside the database
 * (`otp-vault.key`, created once with mode 0600). This keeps seeds unreadable in a copied or backed-up
 * database file that travels without the key file, and out of any SQL dump; it does NOT protect against
 * someone who can read the station's disk as the station's user (they get both files). Protecting the
 * key with the OS keychain (Electron safeStorage, as electron/keys/key-protector.ts does for the
 * station's signing keys) is the next step; until then back the key file up separately from the database.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { StationError } from '../common/errors';
import { VAULT_KEY_BYTES } from './otp-vault';

export const VAULT_KEY_FILE = 'otp-vault.key';

export function vaultKeyPathFor(databasePath: string): string {
  return join(dirname(databasePath), VAULT_KEY_FILE);
}

export function loadOrCreateVaultKey(path: string): Uint8Array {
  if (existsSync(path)) {
    const key = new Uint8Array(readFileSync(path));
    if (key.length !== VAULT_KEY_BYTES) {
      throw new StationError('OTP_VAULT_KEY', `The OTP vault key file ${path} is ${key.length} bytes, not ${VAULT_KEY_BYTES}. Restore it from its backup; without it the stored OTP seeds cannot be exported.`, { path });
    }
    return key;
  }
  const key = new Uint8Array(randomBytes(VAULT_KEY_BYTES));
  writeFileSync(path, key, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return key;
}
