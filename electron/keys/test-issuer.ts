/**
 * First-run TEST content signer: an ECDSA P-256 key and a self-signed certificate whose subject says
 * TEST in every name, with the PIV content-signing EKU (id-PIV-content-signing 2.16.840.1.101.3.6.7,
 * critical) and keyUsage digitalSignature (critical), as the GSA test signer has. It deliberately does
 * NOT assert the FPKI content-signing policy OID: nothing should mistake it for a real issuer. Its
 * validity covers the longest card the station can issue (6 years) plus a margin, so the expiration
 * rule "never beyond the content signer" does not bite on a fresh test station.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { randomBytes, type webcrypto } from 'node:crypto';
import { cryptoEngine } from '../piv/cms';
import { OID } from '../piv/constants';
import { MAX_CARD_VALIDITY_YEARS } from '../policy/model/model';

export const TEST_ISSUER_SUBJECT = {
  C: 'US',
  O: 'TEST Issuance Station - NOT FOR PRODUCTION',
  CN: 'TEST PIV Content Signer - NOT FOR PRODUCTION',
} as const;
/** Years beyond the longest card: a card issued on the signer's last day of use still fits. */
export const TEST_ISSUER_MARGIN_YEARS = 1;

const ATTR = { C: '2.5.4.6', O: '2.5.4.10', CN: '2.5.4.3' } as const;
const EXT = { KEY_USAGE: '2.5.29.15', EXT_KEY_USAGE: '2.5.29.37', BASIC_CONSTRAINTS: '2.5.29.19', SUBJECT_KEY_ID: '2.5.29.14' } as const;
/** KeyUsage BIT STRING with only digitalSignature (bit 0) set: one byte 0x80, 7 unused bits. */
const DIGITAL_SIGNATURE_ONLY = Uint8Array.of(0x80);
const SIGNING = { name: 'ECDSA', namedCurve: 'P-256' } as const;

function testName(): pkijs.RelativeDistinguishedNames {
  return new pkijs.RelativeDistinguishedNames({
    typesAndValues: [
      new pkijs.AttributeTypeAndValue({ type: ATTR.C, value: new asn1js.PrintableString({ value: TEST_ISSUER_SUBJECT.C }) }),
      new pkijs.AttributeTypeAndValue({ type: ATTR.O, value: new asn1js.Utf8String({ value: TEST_ISSUER_SUBJECT.O }) }),
      new pkijs.AttributeTypeAndValue({ type: ATTR.CN, value: new asn1js.Utf8String({ value: TEST_ISSUER_SUBJECT.CN }) }),
    ],
  });
}

export interface GeneratedIssuer {
  certificate: Uint8Array;
  /** PKCS#8 DER of the private key: the caller protects it and zeroes this buffer. */
  privateKeyPkcs8: Uint8Array;
  notAfter: Date;
}

export async function generateTestIssuer(now: Date = new Date()): Promise<GeneratedIssuer> {
  const keys = (await globalThis.crypto.subtle.generateKey(SIGNING, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const cert = new pkijs.Certificate();
  cert.version = 2;
  const serial = randomBytes(16);
  serial[0] = serial[0]! & 0x7f; // positive INTEGER
  cert.serialNumber = new asn1js.Integer({ valueHex: serial.buffer.slice(serial.byteOffset, serial.byteOffset + serial.length) });
  cert.issuer = testName();
  cert.subject = testName();
  cert.notBefore.value = new Date(now.getTime() - 3_600_000);
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + MAX_CARD_VALIDITY_YEARS + TEST_ISSUER_MARGIN_YEARS);
  cert.notAfter.value = notAfter;
  cert.extensions = [
    new pkijs.Extension({ extnID: EXT.BASIC_CONSTRAINTS, critical: true, extnValue: new pkijs.BasicConstraints({ cA: false }).toSchema().toBER(false) }),
    new pkijs.Extension({ extnID: EXT.KEY_USAGE, critical: true, extnValue: new asn1js.BitString({ valueHex: DIGITAL_SIGNATURE_ONLY.buffer, unusedBits: 7 }).toBER(false) }),
    new pkijs.Extension({ extnID: EXT.EXT_KEY_USAGE, critical: true, extnValue: new pkijs.ExtKeyUsage({ keyPurposes: [OID.ID_PIV_CONTENT_SIGNING] }).toSchema().toBER(false) }),
  ];
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey, cryptoEngine());
  await cert.sign(keys.privateKey, 'SHA-256', cryptoEngine());
  const pkcs8 = new Uint8Array(await globalThis.crypto.subtle.exportKey('pkcs8', keys.privateKey));
  return { certificate: new Uint8Array(cert.toSchema(true).toBER(false)), privateKeyPkcs8: pkcs8, notAfter: cert.notAfter.value };
}
