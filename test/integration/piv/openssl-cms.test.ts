// Independent check of our CMS: OpenSSL (`openssl cms -verify`, installed here) must accept the CHUID,
// Security Object and fingerprint signatures the station makes, for every content-signer key type.
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Chuid } from '../../../electron/piv/chuid';
import { Fascn } from '../../../electron/piv/fascn';
import { randomUuidV4 } from '../../../electron/piv/uuid';
import { SecurityObject } from '../../../electron/piv/security-object';
import { CardholderFingerprints } from '../../../electron/piv/fingerprints';
import { CONTAINER_ID } from '../../../electron/piv/constants';
import { makeContentSigner } from '../../unit/piv/helpers/content-signer';
import { vectors } from '../../unit/piv/helpers/vectors';

const dir = mkdtempSync(join(tmpdir(), 'piv-cms-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function opensslVerify(name: string, sig: Uint8Array, cert: Uint8Array, content?: Uint8Array): string {
  const p = (ext: string) => join(dir, `${name}.${ext}`);
  writeFileSync(p('sig'), sig);
  writeFileSync(p('der'), cert);
  execFileSync('openssl', ['x509', '-inform', 'DER', '-in', p('der'), '-out', p('pem')]);
  const args = ['cms', '-verify', '-binary', '-noverify', '-inform', 'DER', '-in', p('sig'), '-certfile', p('pem'), '-out', p('out')];
  if (content) {
    writeFileSync(p('content'), content);
    args.push('-content', p('content'));
  }
  return execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) + '';
}

describe('openssl cms -verify accepts station signatures', () => {
  it.each(['RSA-2048', 'P-256', 'P-384'] as const)('%s: CHUID, Security Object and fingerprints', async (kind) => {
    const signer = await makeContentSigner(kind);
    const fascn = Fascn.create(vectors.fascn.valid[0].fields);
    const guid = randomUuidV4();
    const chuid = await Chuid.build({ fascn, guid, expirationDate: '2030-01-01', signer });
    expect(() => opensslVerify(`chuid-${kind}`, chuid.signature, signer.certificate, chuid.signedBytes())).not.toThrow();
    const so = await SecurityObject.build([{ dataGroup: 1, containerId: CONTAINER_ID.CHUID, content: chuid.toBytes() }], signer);
    expect(() => opensslVerify(`so-${kind}`, so.signature, signer.certificate)).not.toThrow();
    const fp = await CardholderFingerprints.build({ bdb: new Uint8Array(64).fill(7), fascn, cardUuid: guid, signer, validFrom: new Date(), validTo: new Date(Date.UTC(2030, 0, 1)), creator: 'Station' });
    expect(() => opensslVerify(`fp-${kind}`, fp.signatureBlock, signer.certificate, fp.signedBytes())).not.toThrow();
    // And it rejects the CHUID signature over the bytes without FE 00 (the pivy mistake).
    expect(() => opensslVerify(`chuid-noFE-${kind}`, chuid.signature, signer.certificate, chuid.signedBytes().subarray(0, -2))).toThrow();
  });
});
