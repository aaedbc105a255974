import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateVaultKey } from '../../../electron/device-issuance/vault-key-file';
import { SqliteOtpSeedVault } from '../../../electron/device-issuance/otp-vault';
import { PassphraseKeyProtector, type KeyProtector } from '../../../electron/keys/key-protector';
import { openDatabase } from '../../../electron/store/database';

const protector = () => new PassphraseKeyProtector('vault key test passphrase', 10);

describe('OTP vault key file, protected by the station key protector (real files)', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'station-vault-key-'));
    path = join(dir, 'otp-vault.key');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a new key is written only as a protected blob (0600) and reads back as the same 32 bytes', () => {
    const key = loadOrCreateVaultKey(path, protector());
    expect(key).toHaveLength(32);
    const text = readFileSync(path);
    expect(text.includes(Buffer.from(key))).toBe(false);
    expect(JSON.parse(text.toString('utf8'))).toMatchObject({ format: 'station-otp-vault-key', version: 1, protector: PassphraseKeyProtector.KIND });
    expect((statSync(path).mode & 0o777).toString(8)).toBe('600');
    expect(loadOrCreateVaultKey(path, protector())).toEqual(key);
  });

  it("a raw key file from the previous version is wrapped in place: same key, so its seeds still open", async () => {
    const raw = new Uint8Array(randomBytes(32));
    writeFileSync(path, raw, { mode: 0o600 });
    const store = openDatabase(join(dir, 'station.db'));
    try {
      await new SqliteOtpSeedVault(store.db, raw).store({ id: 'c-1', applicantId: 'A-1', type: 'totp', issuer: 'Agency', account: 'jane', algorithm: 'SHA1', digits: 6, period: 30, secret: new Uint8Array(20).fill(9) });
      expect(loadOrCreateVaultKey(path, protector())).toEqual(raw);
      expect(readFileSync(path).includes(Buffer.from(raw))).toBe(false);
      expect(existsSync(`${path}.tmp`)).toBe(false);
      const reopened = new SqliteOtpSeedVault(store.db, () => loadOrCreateVaultKey(path, protector()));
      expect(reopened.all()).toEqual([expect.objectContaining({ id: 'c-1', account: 'jane' })]);
    } finally {
      store.close();
    }
  });

  it('a wrong passphrase, another protector or a damaged file is a typed error and the file is left as it was', () => {
    loadOrCreateVaultKey(path, protector());
    const before = readFileSync(path);
    expect(() => loadOrCreateVaultKey(path, new PassphraseKeyProtector('some other passphrase', 10))).toThrowError(expect.objectContaining({ code: 'KEY_PASSPHRASE_WRONG' }));
    const keyring: KeyProtector = { kind: 'electron-safe-storage', protect: () => new Uint8Array(), unprotect: () => new Uint8Array() };
    expect(() => loadOrCreateVaultKey(path, keyring)).toThrowError(expect.objectContaining({ code: 'OTP_VAULT_KEY_PROTECTOR' }));
    expect(readFileSync(path)).toEqual(before);
    writeFileSync(path, 'garbage that is not a key');
    expect(() => loadOrCreateVaultKey(path, protector())).toThrowError(expect.objectContaining({ code: 'OTP_VAULT_KEY', message: expect.stringMatching(/Restore it from its backup/) }));
  });

  it('a station that never issues OTP never asks for the key (lazy vault), so a missing passphrase does not matter', () => {
    const store = openDatabase(join(dir, 'station.db'));
    try {
      const vault = new SqliteOtpSeedVault(store.db, () => loadOrCreateVaultKey(path, PassphraseKeyProtector.fromEnv({})));
      expect(vault.all()).toEqual([]);
      expect(existsSync(path)).toBe(false);
      return expect(vault.store({ id: 'c-2', applicantId: 'A-1', type: 'totp', issuer: 'Agency', account: 'x', algorithm: 'SHA1', digits: 6, period: 30, secret: new Uint8Array(20) })).rejects.toMatchObject({ code: 'KEY_PASSPHRASE_REQUIRED' });
    } finally {
      store.close();
    }
  });
});
