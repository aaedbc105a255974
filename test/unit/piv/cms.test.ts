import { describe, expect, it } from 'vitest';
import { signCms, verifyCms, parseSignedData, describeCms } from '../../../electron/piv/cms';
import { OID } from '../../../electron/piv/constants';
import { makeContentSigner, type SignerKind } from './helpers/content-signer';

const content = new TextEncoder().encode('PIV content to sign');

describe('CMS SignedData', () => {
  it.each(['P-256', 'P-384', 'RSA-2048'] as SignerKind[])('signs detached with %s and verifies', async (kind) => {
    const signer = await makeContentSigner(kind);
    const der = await signCms({ eContentType: OID.ID_PIV_CHUID_SECURITY_OBJECT, content, detached: true, signer, includeCertificate: true });
    const res = await verifyCms(der, { content, expectedEContentType: OID.ID_PIV_CHUID_SECURITY_OBJECT });
    expect(res.reason).toBeUndefined();
    expect(res.valid).toBe(true);
    const sd = parseSignedData(der);
    expect(sd.version).toBe(3);
    expect(sd.encapContentInfo.eContent).toBeUndefined();
    expect(sd.certificates?.length).toBe(1);
    expect(sd.signerInfos[0].signatureAlgorithm.algorithmId).toBe(
      kind === 'RSA-2048' ? OID.RSA_ENCRYPTION : kind === 'P-256' ? OID.ECDSA_WITH_SHA256 : OID.ECDSA_WITH_SHA384,
    );
    expect(describeCms(sd).signedAttributeTypes).toEqual([OID.CONTENT_TYPE, OID.SIGNING_TIME, OID.MESSAGE_DIGEST, OID.PIV_SIGNER_DN]);
    const tampered = content.slice();
    tampered[0] ^= 1;
    expect((await verifyCms(der, { content: tampered, expectedEContentType: OID.ID_PIV_CHUID_SECURITY_OBJECT })).valid).toBe(false);
  });

  it('verifies encapsulated content with a supplied certificate and rejects another signer', async () => {
    const signer = await makeContentSigner('P-256');
    const other = await makeContentSigner('P-256', 'Other');
    const der = await signCms({ eContentType: OID.LDS_SECURITY_OBJECT, content, detached: false, signer, includeCertificate: false });
    expect(describeCms(parseSignedData(der)).eContent).toEqual(content);
    expect((await verifyCms(der, { certificate: signer.certificate, expectedEContentType: OID.LDS_SECURITY_OBJECT })).valid).toBe(true);
    expect((await verifyCms(der, { expectedEContentType: OID.LDS_SECURITY_OBJECT })).reason).toMatch(/no signer certificate/);
    expect((await verifyCms(der, { certificate: other.certificate, expectedEContentType: OID.LDS_SECURITY_OBJECT })).valid).toBe(false);
    expect((await verifyCms(der, { certificate: signer.certificate, expectedEContentType: OID.ID_PIV_CHUID_SECURITY_OBJECT })).reason).toMatch(/eContentType/);
  });
});

describe('certificate subject', () => {
  it('formats the signer DN most-specific first', async () => {
    const { certificateSubject } = await import('../../../electron/piv/cms');
    const signer = await makeContentSigner('P-256', 'Signer, One');
    expect(certificateSubject(signer.certificate)).toBe('CN=Signer\\, One, O=Issuance Station Tests, C=US');
  });
});

describe('signingTime', () => {
  it('uses UTCTime before 2050 and GeneralizedTime after, and reads both back', async () => {
    const signer = await makeContentSigner('P-256');
    for (const when of [new Date(Date.UTC(2030, 0, 1)), new Date(Date.UTC(2051, 5, 1))]) {
      const der = await signCms({ eContentType: OID.ID_PIV_CHUID_SECURITY_OBJECT, content, detached: true, signer, includeCertificate: true, signingTime: when });
      const info = describeCms(parseSignedData(der));
      expect(info.signingTime?.toISOString()).toBe(when.toISOString());
      expect(info.attributeValues[OID.SIGNING_TIME][0]).toBe(when.getUTCFullYear() < 2050 ? 0x17 : 0x18);
    }
  });
});

describe('byte conversion for pkijs', () => {
  it('takes exactly the bytes of a pooled Node Buffer, not its whole pool', async () => {
    const { exactArrayBuffer } = await import('../../../electron/piv/cms');
    const pooled = Buffer.from([1, 2, 3]);
    expect(pooled.buffer.byteLength).toBeGreaterThan(3);
    const ab = exactArrayBuffer(pooled);
    expect(ab.byteLength).toBe(3);
    expect([...new Uint8Array(ab)]).toEqual([1, 2, 3]);
  });
});
