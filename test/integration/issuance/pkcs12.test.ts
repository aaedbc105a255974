/**
 * PKCS#12 import of the content signer, with files made by the installed OpenSSL 3 (child process):
 * AES/PBES2 (the OpenSSL 3 default) imports and then signs a CHUID that verifies; a wrong password, a
 * certificate without the content-signing EKU and a legacy 3DES/RC2 file are refused with advice.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../electron/store/database';
import { StationKeys } from '../../../electron/keys/station-keys';
import { PassphraseKeyProtector } from '../../../electron/keys/key-protector';
import { runCli } from '../../../electron/cli/main';
import type { CliIo } from '../../../electron/cli/command';
import { OperatorService } from '../../../electron/operators/service';
import { Chuid } from '../../../electron/piv/chuid';
import { Fascn } from '../../../electron/piv/fascn';
import { randomUuidV4 } from '../../../electron/piv/uuid';

const dir = mkdtempSync(join(tmpdir(), 'p12-'));
function makeP12(name: string, eku: string, extra: string[] = []): string {
  const key = join(dir, `${name}.key`);
  const cert = join(dir, `${name}.pem`);
  const out = join(dir, `${name}.p12`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', cert, '-days', '3000', '-subj', `/CN=${name}`, '-addext', `extendedKeyUsage=critical,${eku}`, '-addext', 'keyUsage=critical,digitalSignature'], { stdio: 'ignore' });
  execFileSync('openssl', ['pkcs12', '-export', '-inkey', key, '-in', cert, '-out', out, '-passout', 'pass:p12 secret', ...extra], { stdio: 'ignore' });
  return out;
}
const protector = () => new PassphraseKeyProtector('a long enough passphrase', 10);
const fascn = Fascn.create({ agencyCode: '0032', systemCode: '0001', credentialNumber: '000001', credentialSeries: '1', individualCredentialIssue: '1', personIdentifier: '1234567890', organizationalCategory: '1', organizationalIdentifier: '0032', poaCategory: '1' });

describe('content signer from PKCS#12 (files from OpenSSL 3)', () => {
  it('imports an AES/PBES2 file and signs a CHUID that verifies under the imported certificate', async () => {
    const store = openDatabase(':memory:');
    const keys = new StationKeys(store.db, protector());
    const info = await keys.importPkcs12('sm', readFileSync(makeP12('Agency Content Signer', '2.16.840.1.101.3.6.7')), 'p12 secret');
    expect(info).toMatchObject({ subject: expect.stringContaining('Agency Content Signer'), testIssuer: false });
    const chuid = await Chuid.build({ fascn, guid: randomUuidV4(), expirationDate: '2030-01-01', signer: await keys.contentSigner() });
    expect(await chuid.verifySignature()).toMatchObject({ valid: true, signer: expect.stringContaining('Agency Content Signer') });
  });

  it('refuses a wrong password, a certificate that is not a content signer, and legacy-encrypted files', async () => {
    const keys = new StationKeys(openDatabase(':memory:').db, protector());
    const good = readFileSync(makeP12('Signer Two', '2.16.840.1.101.3.6.7'));
    await expect(keys.importPkcs12('sm', good, 'wrong')).rejects.toThrow(/password is wrong/);
    await expect(keys.importPkcs12('sm', readFileSync(makeP12('TLS Server', 'serverAuth')), 'p12 secret')).rejects.toThrow(/no PIV content-signing extended key usage/);
    await expect(keys.importPkcs12('sm', readFileSync(makeP12('Legacy', '2.16.840.1.101.3.6.7', ['-legacy'])), 'p12 secret')).rejects.toThrow(/legacy|password is wrong|not supported/);
    expect(keys.status().contentSigner).toBeNull();
  });

  it('station keys import-p12 / keys status: a System Manager imports, status shows it without a passphrase', async () => {
    const db = join(dir, 'station.db');
    const store = openDatabase(db);
    await new OperatorService(store.db).createFirstSystemManager({ name: 'boss', password: 'correct horse battery' });
    store.close();
    const out: string[] = [];
    const io: CliIo = { out: (t) => out.push(t), err: () => {}, env: { STATION_PASSWORD: 'correct horse battery', STATION_KEY_PASSPHRASE: 'another long passphrase', STATION_P12_PASSWORD: 'p12 secret' }, cwd: dir };
    expect(await runCli(['keys', 'import-p12', makeP12('CLI Signer', '2.16.840.1.101.3.6.7'), '--operator', 'boss', '--db', db, '--json'], io)).toBe(0);
    out.length = 0;
    expect(await runCli(['keys', 'status', '--db', db, '--json'], { ...io, env: {} })).toBe(0);
    expect(JSON.parse(out.join(''))).toMatchObject({ masterKey: true, contentSigner: { testIssuer: false, subject: expect.stringContaining('CLI Signer') } });
  });
});
