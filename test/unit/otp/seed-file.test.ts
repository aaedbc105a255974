import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT, decryptSeedFile, encryptSeedFile, type SeedFileContents } from '../../../electron/otp/seed-file';

const FAST = { scrypt: { N: 2 ** 10, r: 8, p: 1 } };
const PASS = 'correct horse battery staple';
const contents: SeedFileContents = {
  exportedAt: '2026-11-28T14:00:00.000Z',
  seeds: [
    { id: 'otp-1', type: 'totp', issuer: 'Agency', account: 'jane', algorithm: 'SHA256', digits: 6, period: 30, secret: new Uint8Array(32).fill(7) },
    { id: 'otp-2', type: 'hotp', issuer: 'Agency', account: 'john', algorithm: 'SHA1', digits: 8, counter: 4, secret: new Uint8Array(20).fill(9), tokenSerial: '12345678' },
  ],
};

describe('encrypted seed file (AES-256-GCM, scrypt)', () => {
  it('round-trips seeds and keeps them out of the file text', () => {
    const file = encryptSeedFile(contents, PASS, FAST);
    expect(file).not.toMatch(/jane|Agency|AcHB|DgcH/);
    const doc = JSON.parse(file);
    expect(doc).toMatchObject({ format: 'issuance-station/otp-seeds', version: 1, kdf: { name: 'scrypt', N: 1024, r: 8, p: 1 }, cipher: { name: 'aes-256-gcm' } });
    const back = decryptSeedFile(file, PASS);
    expect(back.exportedAt).toBe(contents.exportedAt);
    expect(back.seeds.map((s) => ({ ...s, secret: Buffer.from(s.secret).toString('hex') }))).toEqual(
      contents.seeds.map((s) => ({ ...s, secret: Buffer.from(s.secret).toString('hex') })),
    );
  });

  it('refuses a wrong passphrase and any change to the header or ciphertext', () => {
    const file = encryptSeedFile(contents, PASS, FAST);
    expect(() => decryptSeedFile(file, 'wrong passphrase!')).toThrow(/passphrase is wrong or the file was changed/);
    const doc = JSON.parse(file);
    const tamperedHeader = JSON.stringify({ ...doc, kdf: { ...doc.kdf, r: 4 } });
    expect(() => decryptSeedFile(tamperedHeader, PASS)).toThrow(/passphrase is wrong or the file was changed/);
    const ct = Buffer.from(doc.ciphertext, 'base64');
    ct[0] ^= 1;
    expect(() => decryptSeedFile(JSON.stringify({ ...doc, ciphertext: ct.toString('base64') }), PASS)).toThrow(/file was changed/);
  });

  it('rejects weak passphrases, foreign files and hostile scrypt parameters', () => {
    expect(() => encryptSeedFile(contents, 'short', FAST)).toThrow(/at least 12/);
    expect(() => decryptSeedFile('not json', PASS)).toThrow(/not JSON/);
    const doc = JSON.parse(encryptSeedFile(contents, PASS, FAST));
    expect(() => decryptSeedFile(JSON.stringify({ ...doc, kdf: { ...doc.kdf, N: 2 ** 30 } }), PASS)).toThrow(/out of range/);
    expect(() => decryptSeedFile(JSON.stringify({ ...doc, version: 2 }), PASS)).toThrow(/version 2/);
  });

  it('uses scrypt N=2^17, r=8, p=1 by default', () => {
    const started = Date.now();
    const file = encryptSeedFile({ exportedAt: contents.exportedAt, seeds: [] }, PASS);
    expect(JSON.parse(file).kdf).toMatchObject(DEFAULT_SCRYPT);
    expect(decryptSeedFile(file, PASS).seeds).toEqual([]);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
