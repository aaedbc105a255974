/**
 * Card Holder Unique Identifier (73-4 P1 §3.1.2, App. A Table 9). Written in card order
 * 30 34 35 [36] 3E FE with no deprecated elements (EE/32/33/3D, removed in 800-73-5); read tolerantly
 * (deprecated and unknown elements kept, order problems reported as warnings). The issuer signature is
 * CMS over every TLV except 3E, as they sit on the card, including the trailing `FE 00` (F201 Table B-1).
 */
import { concatBytes, toHex } from './bytes';
import { CHUID_TAG, OID } from './constants';
import { type ContentSigner, certificateSubject, signCms, verifyCms } from './cms';
import { fromChuidDate, toChuidDate } from './dates';
import { MalformedDataError } from './errors';
import { Fascn, FASCN_LENGTH } from './fascn';
import { decodeTlvs, encodeTlv, type TlvAt } from './tlv';
import { UUID_LENGTH, formatUuid, hasRfc4122Variant, uuidVersion } from './uuid';

/** Card order of the elements (GSA piv-conformance order rules). */
const CARD_ORDER: number[] = [
  CHUID_TAG.BUFFER_LENGTH,
  CHUID_TAG.FASCN,
  CHUID_TAG.ORGANIZATIONAL_IDENTIFIER,
  CHUID_TAG.DUNS,
  CHUID_TAG.GUID,
  CHUID_TAG.EXPIRATION_DATE,
  CHUID_TAG.CARDHOLDER_UUID,
  CHUID_TAG.AUTHENTICATION_KEY_MAP,
  CHUID_TAG.ISSUER_ASYMMETRIC_SIGNATURE,
  CHUID_TAG.ERROR_DETECTION_CODE,
];
const DEPRECATED = new Set<number>([CHUID_TAG.BUFFER_LENGTH, CHUID_TAG.ORGANIZATIONAL_IDENTIFIER, CHUID_TAG.DUNS, CHUID_TAG.AUTHENTICATION_KEY_MAP]);

export interface ChuidBuildInput {
  fascn: Fascn;
  /** Card UUID, 16 bytes (RFC 4122 v1/4/5; use randomUuidV4()). */
  guid: Uint8Array;
  /** Card expiration, ISO `YYYY-MM-DD` (= the printed date). */
  expirationDate: string;
  /** Optional cardholder UUID (v4), 16 bytes. */
  cardholderUuid?: Uint8Array;
  /** Content signer; without it the CHUID carries an empty `3E 00` (test/training cards only). */
  signer?: ContentSigner;
  signingTime?: Date;
  /** Check the GUID is an RFC 4122 v1/4/5 UUID (default true). */
  strict?: boolean;
}

export interface ChuidSignatureStatus {
  present: boolean;
  valid: boolean;
  /** Subject DN of the signing certificate, when known. */
  signer?: string;
  /** DER of the embedded content-signing certificate (verifies the Security Object and biometrics). */
  certificate?: Uint8Array;
  reason?: string;
}

export class Chuid {
  private constructor(
    /** The exact content bytes (without the 53 wrapper). */
    readonly content: Uint8Array,
    private readonly elements: TlvAt[],
    readonly fascn: Fascn,
    readonly guid: Uint8Array,
    /** ISO day. */
    readonly expirationDate: string,
    readonly cardholderUuid: Uint8Array | undefined,
    /** DER CMS SignedData from 3E; empty when unsigned. */
    readonly signature: Uint8Array,
    /** Things a tolerant reader accepted but a writer would not produce. */
    readonly warnings: readonly string[],
  ) {}

  static async build(input: ChuidBuildInput): Promise<Chuid> {
    for (const [name, v] of [['GUID', input.guid], ['cardholder UUID', input.cardholderUuid]] as const) {
      if (v === undefined) continue;
      if (v.length !== UUID_LENGTH) throw new RangeError(`${name} must be ${UUID_LENGTH} bytes, got ${v.length}`);
      if (input.strict !== false && (![1, 4, 5].includes(uuidVersion(v)) || !hasRfc4122Variant(v))) {
        throw new RangeError(`${name} must be an RFC 4122 version 1, 4 or 5 UUID (73-4 P1 §3.4)`);
      }
    }
    const head = concatBytes(
      encodeTlv(CHUID_TAG.FASCN, input.fascn.toBytes()),
      encodeTlv(CHUID_TAG.GUID, input.guid),
      encodeTlv(CHUID_TAG.EXPIRATION_DATE, new TextEncoder().encode(toChuidDate(input.expirationDate))),
      input.cardholderUuid ? encodeTlv(CHUID_TAG.CARDHOLDER_UUID, input.cardholderUuid) : new Uint8Array(0),
    );
    const edc = encodeTlv(CHUID_TAG.ERROR_DETECTION_CODE);
    const signature = input.signer
      ? await signCms({
          eContentType: OID.ID_PIV_CHUID_SECURITY_OBJECT,
          content: concatBytes(head, edc),
          detached: true,
          signer: input.signer,
          includeCertificate: true,
          ...(input.signingTime ? { signingTime: input.signingTime } : {}),
        })
      : new Uint8Array(0);
    return Chuid.parse(concatBytes(head, encodeTlv(CHUID_TAG.ISSUER_ASYMMETRIC_SIGNATURE, signature), edc));
  }

  /** Parses CHUID content (inside the 53 wrapper). */
  static parse(content: Uint8Array): Chuid {
    const elements = decodeTlvs(content);
    const warnings: string[] = [];
    const seen = new Map<number, TlvAt>();
    let lastRank = -1;
    for (const e of elements) {
      const tagHex = e.tag.toString(16).toUpperCase();
      if (seen.has(e.tag)) throw new MalformedDataError(`CHUID element ${tagHex} appears twice`, { tag: tagHex });
      seen.set(e.tag, e);
      const rank = CARD_ORDER.indexOf(e.tag);
      if (rank < 0) warnings.push(`unknown element ${tagHex}`);
      else {
        if (DEPRECATED.has(e.tag)) warnings.push(`deprecated element ${tagHex} (removed in SP 800-73-5)`);
        if (rank < lastRank) warnings.push(`element ${tagHex} is out of card order`);
        lastRank = Math.max(lastRank, rank);
      }
    }
    const need = (tag: number, name: string, length?: number): Uint8Array => {
      const e = seen.get(tag);
      if (!e) throw new MalformedDataError(`CHUID has no ${name} (tag ${tag.toString(16).toUpperCase()})`);
      if (length !== undefined && e.value.length !== length) {
        throw new MalformedDataError(`CHUID ${name} is ${e.value.length} bytes, expected ${length}`);
      }
      return e.value;
    };
    const fascn = Fascn.fromBytes(need(CHUID_TAG.FASCN, 'FASC-N', FASCN_LENGTH), { strict: false });
    for (const p of fascn.problems()) warnings.push(`FASC-N: ${p}`);
    const guid = need(CHUID_TAG.GUID, 'GUID', UUID_LENGTH).slice();
    const dateBytes = need(CHUID_TAG.EXPIRATION_DATE, 'expiration date', 8);
    let expirationDate: string;
    try {
      expirationDate = fromChuidDate(String.fromCharCode(...dateBytes));
    } catch (e) {
      throw new MalformedDataError(`CHUID expiration date ${toHex(dateBytes)} is not YYYYMMDD`, undefined, { cause: e });
    }
    const holder = seen.get(CHUID_TAG.CARDHOLDER_UUID);
    if (holder && holder.value.length !== UUID_LENGTH) throw new MalformedDataError(`CHUID cardholder UUID is ${holder.value.length} bytes, expected 16`);
    if (!seen.has(CHUID_TAG.ISSUER_ASYMMETRIC_SIGNATURE)) warnings.push('no issuer asymmetric signature element (3E)');
    const edc = seen.get(CHUID_TAG.ERROR_DETECTION_CODE);
    if (!edc) warnings.push('no error detection code (FE 00)');
    else if (edc.value.length !== 0) warnings.push('error detection code FE is not empty');
    const signature = seen.get(CHUID_TAG.ISSUER_ASYMMETRIC_SIGNATURE)?.value.slice() ?? new Uint8Array(0);
    return new Chuid(content.slice(), elements, fascn, guid, expirationDate, holder?.value.slice(), signature, warnings);
  }

  /** The bytes the issuer signature covers: every element except 3E, as on the card, FE 00 included. */
  signedBytes(): Uint8Array {
    return concatBytes(
      ...this.elements.filter((e) => e.tag !== CHUID_TAG.ISSUER_ASYMMETRIC_SIGNATURE).map((e) => this.content.subarray(e.offset, e.end)),
    );
  }

  toBytes(): Uint8Array {
    return this.content.slice();
  }

  get isSigned(): boolean {
    return this.signature.length > 0;
  }

  /**
   * Checks the issuer signature: eContentType id-PIV-CHUIDSecurityObject, digest over signedBytes(), the
   * embedded certificate's key. Trust in that certificate (chain to the issuer CA) is the caller's policy.
   */
  async verifySignature(): Promise<ChuidSignatureStatus> {
    if (!this.isSigned) return { present: false, valid: false, reason: 'the CHUID is not signed' };
    let signer: string | undefined;
    try {
      const r = await verifyCms(this.signature, { content: this.signedBytes(), expectedEContentType: OID.ID_PIV_CHUID_SECURITY_OBJECT });
      if (r.signerCertificate) signer = certificateSubject(r.signerCertificate);
      return {
        present: true,
        valid: r.valid,
        ...(signer ? { signer } : {}),
        ...(r.signerCertificate ? { certificate: r.signerCertificate } : {}),
        ...(r.reason ? { reason: r.reason } : {}),
      };
    } catch (e) {
      return { present: true, valid: false, ...(signer ? { signer } : {}), reason: e instanceof Error ? e.message : String(e) };
    }
  }

  toJSON(): Record<string, unknown> {
    return {
      fascn: this.fascn.toJSON(),
      fascnHex: this.fascn.toHex(),
      guid: formatUuid(this.guid),
      expirationDate: this.expirationDate,
      cardholderUuid: this.cardholderUuid ? formatUuid(this.cardholderUuid) : null,
      warnings: [...this.warnings],
    };
  }
}
