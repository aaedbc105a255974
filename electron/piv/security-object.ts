/**
 * Security Object 5FC106 (73-4 P1 §3.1.7, Table 12): `BA` maps data-group numbers to container IDs
 * (3-byte entries DG ‖ container ID), `BB` is CMS SignedData whose eContent is an ICAO LDS Security
 * Object (eContentType 1.3.27.1.1.1, as GSA tools require) holding a hash per data group, `FE 00`.
 * Each hash covers the container content WITHOUT the 53 wrapper (verified on GSA card 46). The signer
 * is the CHUID content signer and its certificate is omitted (it is in the CHUID).
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { bytesEqual, concatBytes, toHex } from './bytes';
import { type ContentSigner, describeCms, digest, type HashName, HASH_OID, parseSignedData, signCms, verifyCms, exactArrayBuffer } from './cms';
import { OID, SECURITY_OBJECT_TAG } from './constants';
import { MalformedDataError } from './errors';
import { decodeTlvs, encodeTlv, requireTlv } from './tlv';

export interface DataGroupMapping {
  dataGroup: number;
  containerId: number;
}

export interface SecuredContainer extends DataGroupMapping {
  /** Container content, without the 53 wrapper. */
  content: Uint8Array;
}

export interface DataGroupHash {
  dataGroup: number;
  hash: Uint8Array;
}

export function encodeMapping(entries: readonly DataGroupMapping[]): Uint8Array {
  return concatBytes(...entries.map((e) => Uint8Array.of(e.dataGroup, e.containerId >>> 8, e.containerId & 0xff)));
}

export function decodeMapping(bytes: Uint8Array): DataGroupMapping[] {
  if (bytes.length % 3 !== 0) throw new MalformedDataError(`Security Object mapping is ${bytes.length} bytes, not a multiple of 3`);
  const out: DataGroupMapping[] = [];
  for (let i = 0; i < bytes.length; i += 3) out.push({ dataGroup: bytes[i], containerId: (bytes[i + 1] << 8) | bytes[i + 2] });
  return out;
}

/** DER LDSSecurityObject ::= SEQUENCE { version 0, hashAlgorithm, SEQUENCE OF { dgNumber, hash } }. */
export function encodeLdsSecurityObject(hash: HashName, hashes: readonly DataGroupHash[]): Uint8Array {
  const seq = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 0 }),
      new pkijs.AlgorithmIdentifier({ algorithmId: HASH_OID[hash], algorithmParams: new asn1js.Null() }).toSchema(),
      new asn1js.Sequence({
        value: hashes.map((h) => new asn1js.Sequence({ value: [new asn1js.Integer({ value: h.dataGroup }), new asn1js.OctetString({ valueHex: exactArrayBuffer(h.hash) })] })),
      }),
    ],
  });
  return new Uint8Array(seq.toBER());
}

export function decodeLdsSecurityObject(der: Uint8Array): { hashAlgorithm: string; hashes: DataGroupHash[] } {
  const fail = (why: string): never => {
    throw new MalformedDataError(`The LDS security object is malformed: ${why}`);
  };
  const parsed = asn1js.fromBER(exactArrayBuffer(der));
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) fail('not a DER SEQUENCE');
  const [version, alg, list] = (parsed.result as asn1js.Sequence).valueBlock.value;
  if (!(version instanceof asn1js.Integer) || !(list instanceof asn1js.Sequence) || !alg) fail('wrong structure');
  let hashAlgorithm = '';
  try {
    hashAlgorithm = new pkijs.AlgorithmIdentifier({ schema: alg }).algorithmId;
  } catch {
    fail('bad hash algorithm');
  }
  const hashes = (list as asn1js.Sequence).valueBlock.value.map((item) => {
    const [n, h] = item instanceof asn1js.Sequence ? item.valueBlock.value : [];
    if (!(n instanceof asn1js.Integer) || !(h instanceof asn1js.OctetString)) return fail('bad data group hash entry');
    return { dataGroup: n.valueBlock.valueDec, hash: new Uint8Array(h.valueBlock.valueHexView) };
  });
  return { hashAlgorithm, hashes };
}

export interface SecurityObjectCheck {
  valid: boolean;
  /** Data groups whose container hash does not match (or whose container was not supplied). */
  mismatched: number[];
  missing: number[];
  reason?: string;
}

export class SecurityObject {
  private constructor(
    readonly mapping: readonly DataGroupMapping[],
    /** DER CMS SignedData from BB. */
    readonly signature: Uint8Array,
    private readonly content: Uint8Array,
  ) {}

  static async build(containers: readonly SecuredContainer[], signer: ContentSigner, signingTime?: Date): Promise<SecurityObject> {
    const hash = signer.hash ?? 'SHA-256';
    const lds = encodeLdsSecurityObject(
      hash,
      containers.map((c) => ({ dataGroup: c.dataGroup, hash: digest(hash, c.content) })),
    );
    const cms = await signCms({
      eContentType: OID.LDS_SECURITY_OBJECT,
      content: lds,
      detached: false,
      signer,
      includeCertificate: false,
      ...(signingTime ? { signingTime } : {}),
    });
    return SecurityObject.parse(
      concatBytes(
        encodeTlv(SECURITY_OBJECT_TAG.MAPPING_OF_DG_TO_CONTAINER_ID, encodeMapping(containers)),
        encodeTlv(SECURITY_OBJECT_TAG.SECURITY_OBJECT, cms),
        encodeTlv(SECURITY_OBJECT_TAG.ERROR_DETECTION_CODE),
      ),
    );
  }

  static parse(content: Uint8Array): SecurityObject {
    const items = decodeTlvs(content);
    const mapping = decodeMapping(requireTlv(items, SECURITY_OBJECT_TAG.MAPPING_OF_DG_TO_CONTAINER_ID, 'data group mapping').value);
    const signature = requireTlv(items, SECURITY_OBJECT_TAG.SECURITY_OBJECT, 'security object').value.slice();
    return new SecurityObject(mapping, signature, content.slice());
  }

  /** The hashes the signed LDS object claims. */
  hashes(): { hashAlgorithm: string; hashes: DataGroupHash[] } {
    const eContent = describeCms(parseSignedData(this.signature)).eContent;
    if (!eContent) throw new MalformedDataError('The Security Object signature carries no LDS security object');
    return decodeLdsSecurityObject(eContent);
  }

  /**
   * Verifies the CMS with the content-signing certificate (from the CHUID) and every mapped container's
   * hash. `containers` maps container ID → content without the 53 wrapper.
   */
  async verify(signerCertificate: Uint8Array, containers: ReadonlyMap<number, Uint8Array>): Promise<SecurityObjectCheck> {
    const cms = await verifyCms(this.signature, { certificate: signerCertificate, expectedEContentType: OID.LDS_SECURITY_OBJECT });
    const { hashAlgorithm, hashes } = this.hashes();
    const hashName: HashName | undefined = hashAlgorithm === OID.SHA256 ? 'SHA-256' : hashAlgorithm === OID.SHA384 ? 'SHA-384' : undefined;
    const mismatched: number[] = [];
    const missing: number[] = [];
    for (const m of this.mapping) {
      const content = containers.get(m.containerId);
      const claimed = hashes.find((h) => h.dataGroup === m.dataGroup);
      if (!content || !claimed) {
        missing.push(m.dataGroup);
        continue;
      }
      if (!hashName || !bytesEqual(digest(hashName, content), claimed.hash)) mismatched.push(m.dataGroup);
    }
    const reason = !cms.valid ? cms.reason : !hashName ? `unsupported hash ${hashAlgorithm}` : mismatched.length ? `hash mismatch for data group(s) ${mismatched.join(', ')}` : undefined;
    return { valid: cms.valid && !!hashName && mismatched.length === 0, mismatched, missing, ...(reason ? { reason } : {}) };
  }

  toBytes(): Uint8Array {
    return this.content.slice();
  }

  toJSON(): Record<string, unknown> {
    return { mapping: this.mapping.map((m) => ({ dataGroup: m.dataGroup, containerId: toHex(Uint8Array.of(m.containerId >>> 8, m.containerId & 0xff)) })) };
  }
}
