/**
 * CMS SignedData (RFC 5652) for the PIV signed objects (CHUID 3E, Security Object BB, CBEFF signature
 * block) with pkijs/asn1js over WebCrypto. One signer, issuerAndSerialNumber, signed attributes
 * contentType, signingTime, messageDigest, pivSigner-DN (+ caller extras); RSA PKCS#1 v1.5 signatures
 * carry `rsaEncryption` as signatureAlgorithm (SP 800-78 footnote), ECDSA carries ecdsa-with-SHAxxx.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { createHash, type webcrypto } from 'node:crypto';
import { toHex } from './bytes';
import { OID } from './constants';
import { MalformedDataError } from './errors';

export type HashName = 'SHA-256' | 'SHA-384';

/** The content-signing credential. The private key never leaves this object's holder. */
export interface ContentSigner {
  /** DER X.509 content-signing certificate. */
  certificate: Uint8Array;
  /** WebCrypto key: RSASSA-PKCS1-v1_5 or ECDSA (its own hash is ignored; `hash` below decides). */
  privateKey: webcrypto.CryptoKey;
  /** Digest per SP 800-78: SHA-256 (default) or SHA-384 (P-384). */
  hash?: HashName;
}

export interface ExtraAttribute {
  type: string;
  values: asn1js.AsnType[];
}

export interface SignCmsOptions {
  eContentType: string;
  /** The bytes whose digest goes into messageDigest. */
  content: Uint8Array;
  /** Detached (CHUID, CBEFF): eContent absent. Otherwise `content` is carried as eContent. */
  detached: boolean;
  signer: ContentSigner;
  /** Embed the signer certificate (CHUID: yes; Security Object and CBEFF: omitted, it is in the CHUID). */
  includeCertificate: boolean;
  signingTime?: Date;
  extraAttributes?: ExtraAttribute[];
}

const HASH_OID: Record<HashName, string> = { 'SHA-256': OID.SHA256, 'SHA-384': OID.SHA384 };

let engine: pkijs.ICryptoEngine | undefined;
/** pkijs engine bound to this runtime's WebCrypto (Node 20 and Electron both expose globalThis.crypto). */
export function cryptoEngine(): pkijs.ICryptoEngine {
  engine ??= new pkijs.CryptoEngine({ name: 'station-webcrypto', crypto: globalThis.crypto });
  return engine;
}

export function digest(hash: HashName, data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash(hash === 'SHA-256' ? 'sha256' : 'sha384').update(data).digest());
}

/** A fresh ArrayBuffer holding exactly these bytes (a Node Buffer's .buffer is a shared pool). */
export function exactArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

const buf = exactArrayBuffer;

export function parseCertificate(der: Uint8Array): pkijs.Certificate {
  try {
    return pkijs.Certificate.fromBER(buf(der));
  } catch (e) {
    throw new MalformedDataError('The content-signing certificate is not valid DER X.509', undefined, { cause: e });
  }
}

const NAME_ATTRIBUTE: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '0.9.2342.19200300.100.1.25': 'DC',
  '0.9.2342.19200300.100.1.1': 'UID',
  '1.2.840.113549.1.9.1': 'E',
};

/** RFC 4514-style text of a Name (most specific first), for display only. */
export function formatName(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((tv) => {
      const key = NAME_ATTRIBUTE[tv.type] ?? tv.type;
      const block = (tv.value as { valueBlock?: { value?: unknown } }).valueBlock;
      const text = typeof block?.value === 'string' ? block.value : toHex(new Uint8Array(tv.value.toBER()));
      return `${key}=${text.replace(/([,+"\\<>;])/g, '\\$1')}`;
    })
    .reverse()
    .join(', ');
}

/** Subject of a DER certificate as text. */
export function certificateSubject(der: Uint8Array): string {
  return formatName(parseCertificate(der).subject);
}

function attribute(type: string, value: asn1js.AsnType): pkijs.Attribute {
  return new pkijs.Attribute({ type, values: [value] });
}

/** RFC 5652 §11.3: UTCTime for 1950–2049, GeneralizedTime otherwise. */
function timeValue(d: Date): asn1js.AsnType {
  const y = d.getUTCFullYear();
  return y >= 1950 && y < 2050 ? new asn1js.UTCTime({ valueDate: d }) : new asn1js.GeneralizedTime({ valueDate: d });
}

/** Builds and signs; returns DER ContentInfo(SignedData). */
export async function signCms(o: SignCmsOptions): Promise<Uint8Array> {
  const cert = parseCertificate(o.signer.certificate);
  const hash = o.signer.hash ?? 'SHA-256';
  const attrs = [
    attribute(OID.CONTENT_TYPE, new asn1js.ObjectIdentifier({ value: o.eContentType })),
    attribute(OID.SIGNING_TIME, timeValue(o.signingTime ?? new Date())),
    attribute(OID.MESSAGE_DIGEST, new asn1js.OctetString({ valueHex: buf(digest(hash, o.content)) })),
    attribute(OID.PIV_SIGNER_DN, cert.subject.toSchema()),
    ...(o.extraAttributes ?? []).map((a) => new pkijs.Attribute({ type: a.type, values: a.values })),
  ];
  const signedData = new pkijs.SignedData({
    version: 3,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: o.eContentType,
      ...(o.detached ? {} : { eContent: new asn1js.OctetString({ valueHex: buf(o.content) }) }),
    }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: attrs }),
      }),
    ],
    ...(o.includeCertificate ? { certificates: [cert] } : {}),
  });
  await signedData.sign(o.signer.privateKey as Parameters<pkijs.SignedData['sign']>[0], 0, hash, undefined, cryptoEngine());
  const signerInfo = signedData.signerInfos[0];
  if (o.signer.privateKey.algorithm.name === 'RSASSA-PKCS1-v1_5') {
    signerInfo.signatureAlgorithm = new pkijs.AlgorithmIdentifier({ algorithmId: OID.RSA_ENCRYPTION, algorithmParams: new asn1js.Null() });
  }
  signedData.version = 3; // PIV requires 3 (F201 App. B) even though RFC 5652 would allow 1 here.
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.ID_SIGNED_DATA, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER());
}

/** What a signature says about itself, before (and independent of) verification. */
export interface CmsInfo {
  eContentType: string;
  eContent?: Uint8Array;
  /** Signer certificate embedded in the CMS, DER. */
  certificate?: Uint8Array;
  digestAlgorithm: string;
  messageDigest?: Uint8Array;
  signingTime?: Date;
  contentTypeAttribute?: string;
  /** Attribute OIDs present in signedAttrs, in order. */
  signedAttributeTypes: string[];
  /** Raw signed attribute values by OID (first value, BER). */
  attributeValues: Record<string, Uint8Array>;
}

export function parseSignedData(der: Uint8Array): pkijs.SignedData {
  try {
    const ci = pkijs.ContentInfo.fromBER(buf(der));
    if (ci.contentType !== OID.ID_SIGNED_DATA) throw new Error(`contentType ${ci.contentType}`);
    return new pkijs.SignedData({ schema: ci.content });
  } catch (e) {
    throw new MalformedDataError('The signature is not a CMS SignedData structure', { reason: e instanceof Error ? e.message : String(e) }, { cause: e });
  }
}

export function describeCms(sd: pkijs.SignedData): CmsInfo {
  const si = sd.signerInfos[0];
  if (!si) throw new MalformedDataError('The CMS SignedData has no signer');
  const info: CmsInfo = {
    eContentType: sd.encapContentInfo.eContentType,
    digestAlgorithm: si.digestAlgorithm.algorithmId,
    signedAttributeTypes: [],
    attributeValues: {},
  };
  const ec = sd.encapContentInfo.eContent;
  if (ec) info.eContent = new Uint8Array(ec.getValue());
  const cert = sd.certificates?.find((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  if (cert) info.certificate = new Uint8Array(cert.toSchema().toBER());
  for (const a of si.signedAttrs?.attributes ?? []) {
    info.signedAttributeTypes.push(a.type);
    const v = a.values[0];
    if (!v) continue;
    info.attributeValues[a.type] = new Uint8Array(v.toBER());
    if (a.type === OID.MESSAGE_DIGEST && v instanceof asn1js.OctetString) info.messageDigest = new Uint8Array(v.valueBlock.valueHexView);
    if (a.type === OID.SIGNING_TIME && (v instanceof asn1js.UTCTime || v instanceof asn1js.GeneralizedTime)) info.signingTime = v.toDate();
    if (a.type === OID.CONTENT_TYPE && v instanceof asn1js.ObjectIdentifier) info.contentTypeAttribute = v.valueBlock.toString();
  }
  return info;
}

export interface CmsVerifyResult {
  valid: boolean;
  /** Why it is not valid (for people; no secrets involved). */
  reason?: string;
  info: CmsInfo;
  /** DER of the certificate used (embedded or supplied). */
  signerCertificate?: Uint8Array;
}

export interface VerifyCmsOptions {
  /** Detached content (required when eContent is absent). */
  content?: Uint8Array;
  /** Signer certificate when the CMS omits it (Security Object, CBEFF: the CHUID signer). */
  certificate?: Uint8Array;
  expectedEContentType: string;
}

/** Verifies digest and signature (no chain building: trust anchors are the caller's policy). */
export async function verifyCms(der: Uint8Array, o: VerifyCmsOptions): Promise<CmsVerifyResult> {
  const sd = parseSignedData(der);
  const info = describeCms(sd);
  const fail = (reason: string): CmsVerifyResult => ({ valid: false, reason, info });
  if (info.eContentType !== o.expectedEContentType) return fail(`eContentType is ${info.eContentType}, expected ${o.expectedEContentType}`);
  if (info.contentTypeAttribute !== undefined && info.contentTypeAttribute !== info.eContentType) return fail('contentType attribute differs from eContentType');
  if (!info.certificate) {
    if (!o.certificate) return fail('no signer certificate embedded or supplied');
    sd.certificates = [parseCertificate(o.certificate)];
  }
  const data = info.eContent ?? o.content;
  if (!data) return fail('detached content missing');
  const hashName = info.digestAlgorithm === OID.SHA384 ? 'SHA-384' : info.digestAlgorithm === OID.SHA256 ? 'SHA-256' : undefined;
  if (!hashName) return fail(`unsupported digest algorithm ${info.digestAlgorithm}`);
  if (info.messageDigest && toHex(info.messageDigest) !== toHex(digest(hashName, data))) return fail('messageDigest does not match the content');
  const signerCertificate = info.certificate ?? o.certificate;
  try {
    const r = await sd.verify({ signer: 0, data: buf(data), extendedMode: true, checkChain: false }, cryptoEngine());
    if (!r.signatureVerified) return { valid: false, reason: r.message || 'signature does not verify', info, signerCertificate };
  } catch (e) {
    const reason = e instanceof Error ? e.message : typeof e === 'object' && e && 'message' in e ? String((e as { message: unknown }).message) : String(e);
    return { valid: false, reason: `signature does not verify: ${reason}`, info, signerCertificate };
  }
  return { valid: true, info, signerCertificate };
}

export { HASH_OID };
