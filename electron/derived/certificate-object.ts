/**
 * The X.509 certificate containers (5FC105 PIV Authentication and the others), SP 800-73-4 Part 1
 * Table 10 (and Appendix A): `70` the certificate, `71` CertInfo (00 = plain, 01 = gzip-compressed),
 * `FE` error detection code (empty).
 */
import { gunzipSync } from 'node:zlib';
import { StationError } from '../common/errors';
import { decodeTlvs, encodeTlvs, findTlv } from '../piv/tlv';

export const CERTIFICATE_OBJECT_TAG = {
  CERTIFICATE: 0x70,
  CERT_INFO: 0x71,
  ERROR_DETECTION_CODE: 0xfe,
} as const;

/** CertInfo bit 0 (73-4 P1 Table 10 note): the certificate is gzip-compressed. */
export const CERT_INFO_COMPRESSED = 0x01;
export const CERT_INFO_UNCOMPRESSED = 0x00;

/** The content of a certificate object (inside the 53 wrapper) for an uncompressed DER certificate. */
export function buildCertificateObject(certificateDer: Uint8Array): Uint8Array {
  return encodeTlvs([
    { tag: CERTIFICATE_OBJECT_TAG.CERTIFICATE, value: certificateDer },
    { tag: CERTIFICATE_OBJECT_TAG.CERT_INFO, value: Uint8Array.of(CERT_INFO_UNCOMPRESSED) },
    { tag: CERTIFICATE_OBJECT_TAG.ERROR_DETECTION_CODE, value: new Uint8Array(0) },
  ]);
}

/** The DER certificate from a certificate object's content, gunzipped when CertInfo says so. */
export function parseCertificateObject(content: Uint8Array, label: string): Uint8Array {
  let items;
  try {
    items = decodeTlvs(content);
  } catch (e) {
    throw new StationError('PIV_CERTIFICATE_MALFORMED', `The card's ${label} certificate object is not valid TLV. The card cannot be used for a derived credential; replace it.`, undefined, { cause: e });
  }
  const cert = findTlv(items, CERTIFICATE_OBJECT_TAG.CERTIFICATE)?.value;
  if (!cert || cert.length === 0) {
    throw new StationError('PIV_CERTIFICATE_MISSING', `The card's ${label} certificate object holds no certificate. The card cannot be used for a derived credential.`);
  }
  const info = findTlv(items, CERTIFICATE_OBJECT_TAG.CERT_INFO)?.value[0] ?? CERT_INFO_UNCOMPRESSED;
  return info & CERT_INFO_COMPRESSED ? new Uint8Array(gunzipSync(cert)) : cert;
}
