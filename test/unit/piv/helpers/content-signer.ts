// Throwaway content-signing credentials for tests: a self-signed certificate with the PIV content-signing
// EKU (2.16.840.1.101.3.6.7, critical) and keyUsage digitalSignature (critical), like the GSA test signer.
// Built with pkijs: @peculiar/x509 needs a Reflect metadata polyfill that is not installed here.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { cryptoEngine, type ContentSigner } from '../../../../electron/piv/cms';
import { OID } from '../../../../electron/piv/constants';

export type SignerKind = 'P-256' | 'P-384' | 'RSA-2048';

const ALGORITHMS: Record<SignerKind, RsaHashedKeyGenParams | (EcKeyGenParams & { hash: string })> = {
  'P-256': { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' },
  'P-384': { name: 'ECDSA', namedCurve: 'P-384', hash: 'SHA-384' },
  'RSA-2048': { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
};

const ATTR = { C: '2.5.4.6', O: '2.5.4.10', CN: '2.5.4.3' };
const EXT = { KEY_USAGE: '2.5.29.15', EXT_KEY_USAGE: '2.5.29.37' };

function name(cn: string): pkijs.RelativeDistinguishedNames {
  return new pkijs.RelativeDistinguishedNames({
    typesAndValues: [
      new pkijs.AttributeTypeAndValue({ type: ATTR.C, value: new asn1js.PrintableString({ value: 'US' }) }),
      new pkijs.AttributeTypeAndValue({ type: ATTR.O, value: new asn1js.Utf8String({ value: 'Issuance Station Tests' }) }),
      new pkijs.AttributeTypeAndValue({ type: ATTR.CN, value: new asn1js.Utf8String({ value: cn }) }),
    ],
  });
}

let serial = 0x1000;

export async function makeContentSigner(kind: SignerKind = 'P-256', cn = 'Station Test Content Signer'): Promise<ContentSigner> {
  const alg = ALGORITHMS[kind];
  const keys = (await globalThis.crypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ value: serial++ });
  cert.issuer = name(cn);
  cert.subject = name(cn);
  cert.notBefore.value = new Date(Date.now() - 3600_000);
  cert.notAfter.value = new Date(Date.now() + 7 * 365 * 86400_000);
  const digitalSignature = new asn1js.BitString({ valueHex: Uint8Array.of(0x80).buffer, unusedBits: 7 });
  cert.extensions = [
    new pkijs.Extension({ extnID: EXT.KEY_USAGE, critical: true, extnValue: digitalSignature.toBER(false) }),
    new pkijs.Extension({
      extnID: EXT.EXT_KEY_USAGE,
      critical: true,
      extnValue: new pkijs.ExtKeyUsage({ keyPurposes: [OID.ID_PIV_CONTENT_SIGNING] }).toSchema().toBER(false),
    }),
  ];
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey, cryptoEngine());
  await cert.sign(keys.privateKey, alg.hash as string, cryptoEngine());
  return {
    certificate: new Uint8Array(cert.toSchema(true).toBER(false)),
    privateKey: keys.privateKey,
    hash: kind === 'P-384' ? 'SHA-384' : 'SHA-256',
  };
}
