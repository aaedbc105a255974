import { describe, expect, it } from 'vitest';
import * as pkijs from 'pkijs';
import { PassphraseKeyProtector, SafeStorageKeyProtector, type SafeStoragePort } from '../../../electron/keys/key-protector';
import { StationKeys } from '../../../electron/keys/station-keys';
import { openDatabase } from '../../../electron/store/database';
import { parseCertificate } from '../../../electron/piv/cms';
import { Chuid } from '../../../electron/piv/chuid';
import { Fascn } from '../../../electron/piv/fascn';
import { randomUuidV4 } from '../../../electron/piv/uuid';
import { OID } from '../../../electron/piv/constants';
import { makeContentSigner } from '../piv/helpers/content-signer';

const secret = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);
/** Low scrypt cost keeps the unit test fast; the format records the cost used. */
const protector = () => new PassphraseKeyProtector('a long enough passphrase', 10);

describe('KeyProtector: passphrase (scrypt + AES-256-GCM) and Electron safeStorage port', () => {
  it('round-trips, and the blob neither contains the secret nor opens with another passphrase or name', () => {
    const blob = protector().protect(secret, 'master-key');
    expect(Buffer.from(blob).includes(Buffer.from(secret))).toBe(false);
    expect(Array.from(protector().unprotect(blob, 'master-key'))).toEqual(Array.from(secret));
    expect(() => new PassphraseKeyProtector('another passphrase!!', 10).unprotect(blob, 'master-key')).toThrow(/passphrase is wrong/);
    expect(() => protector().unprotect(blob, 'content-signer')).toThrow(/cannot be decrypted/);
    const tampered = blob.slice();
    tampered[tampered.length - 1] ^= 1;
    expect(() => protector().unprotect(tampered, 'master-key')).toThrow(/altered/);
  });

  it('asks for a passphrase of at least 12 characters from STATION_KEY_PASSPHRASE', () => {
    expect(() => PassphraseKeyProtector.fromEnv({})).toThrow(/STATION_KEY_PASSPHRASE/);
    expect(() => new PassphraseKeyProtector('short')).toThrow(/at least 12/);
  });

  it('safeStorage port: round-trips through the OS keyring stand-in and refuses the basic_text fallback', () => {
    const fake = (backend: string): SafeStoragePort => ({
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => backend,
      encryptString: (s) => Buffer.from(Uint8Array.from(Buffer.from(s, 'utf8'), (b) => b ^ 0x5a)),
      decryptString: (b) => Buffer.from(Uint8Array.from(b, (x) => x ^ 0x5a)).toString('utf8'),
    });
    const p = new SafeStorageKeyProtector(fake('gnome_libsecret'));
    expect(Array.from(p.unprotect(p.protect(secret, 'master-key'), 'master-key'))).toEqual(Array.from(secret));
    expect(() => p.unprotect(p.protect(secret, 'master-key'), 'content-signer')).toThrow(/does not belong/);
    expect(() => new SafeStorageKeyProtector(fake('basic_text'))).toThrow(/keyring is not available/);
  });
});

describe('StationKeys: first-run TEST issuer, master key, import', () => {
  it('generates a clearly labelled TEST content signer (EKU id-PIV-content-signing, > 6 years) and a master key, protected at rest', async () => {
    const store = openDatabase(':memory:');
    const keys = new StationKeys(store.db, protector());
    const status = await keys.ensure('setup');
    expect(status.masterKey).toBe(true);
    expect(status.contentSigner).toMatchObject({ testIssuer: true, protector: 'passphrase-scrypt-aes256gcm' });
    expect(status.contentSigner!.subject).toContain('TEST');
    const row = store.db.prepare("SELECT certificate FROM station_keys WHERE name = 'content-signer'").get() as { certificate: Uint8Array };
    const cert = parseCertificate(row.certificate);
    const eku = cert.extensions!.find((e) => e.extnID === '2.5.29.37')!;
    expect(eku.critical).toBe(true);
    expect((eku.parsedValue as pkijs.ExtKeyUsage).keyPurposes).toEqual([OID.ID_PIV_CONTENT_SIGNING]);
    const years = (cert.notAfter.value.getTime() - Date.now()) / (365.25 * 86_400_000);
    expect(years).toBeGreaterThan(6.9);
    // Idempotent: a second ensure keeps the same keys.
    const kcv = keys.masterKeyCheckValue();
    await keys.ensure('setup');
    expect(keys.masterKeyCheckValue()).toBe(kcv);
    // The signer signs a CHUID that verifies.
    const signer = await keys.contentSigner();
    const chuid = await Chuid.build({ fascn: Fascn.create({ agencyCode: '0032', systemCode: '0001', credentialNumber: '000001', credentialSeries: '1', individualCredentialIssue: '1', personIdentifier: '1234567890', organizationalCategory: '1', organizationalIdentifier: '0032', poaCategory: '1' }), guid: randomUuidV4(), expirationDate: '2030-01-01', signer });
    expect(await chuid.verifySignature()).toMatchObject({ valid: true });
    // Nothing secret in clear in the database.
    const blobs = store.db.prepare('SELECT protected FROM station_keys').all() as Array<{ protected: Uint8Array }>;
    keys.withMasterKey((m) => expect(blobs.some((b) => Buffer.from(b.protected).includes(Buffer.from(m)))).toBe(false));
  });

  it('imports a content signer only when the key matches the certificate and the EKU is content signing', async () => {
    const store = openDatabase(':memory:');
    const keys = new StationKeys(store.db, protector());
    const good = await makeContentSigner('P-256', 'Imported Signer');
    const exportable = await globalThis.crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    const otherPkcs8 = new Uint8Array(await globalThis.crypto.subtle.exportKey('pkcs8', exportable.privateKey));
    await expect(keys.importContentSigner('sm', good.certificate, otherPkcs8)).rejects.toThrow(/does not belong/);
    expect(keys.status().contentSigner).toBeNull();
    const pkcs8 = new Uint8Array(await globalThis.crypto.subtle.exportKey('pkcs8', good.privateKey));
    const info = await keys.importContentSigner('sm', good.certificate, pkcs8);
    expect(info).toMatchObject({ testIssuer: false });
    expect(info.subject).toContain('Imported Signer');
    expect((await keys.contentSigner()).subject).toContain('Imported Signer');
  });
});
