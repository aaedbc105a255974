/**
 * Cardholder Fingerprints 5FC103 (73-4 P1 §3.1.5, Table 11): `BC L <CBEFF header ‖ BDB ‖ signature
 * block>` `FE 00`. The BDB (INCITS 378 minutiae record) comes from the biometrics layer as bytes. The
 * signature block is detached CMS (id-PIV-biometricObject) over header ‖ BDB with pivFASC-N and
 * entryUUID attributes. The header contains the signature block's own length, so signing repeats until
 * the length written equals the length produced (ECDSA signatures vary by a byte or two).
 */
import * as asn1js from 'asn1js';
import { concatBytes } from './bytes';
import { type ContentSigner, exactArrayBuffer, signCms, verifyCms } from './cms';
import { CBEFF, CBEFF_HEADER_LENGTH, type CbeffHeader, decodeCbeffHeader, encodeCbeffHeader } from './cbeff-header';
import { FINGERPRINTS_TAG, OID } from './constants';
import { MalformedDataError } from './errors';
import type { Fascn } from './fascn';
import { decodeTlvs, encodeTlv, requireTlv } from './tlv';

export interface FingerprintsBuildInput {
  /** INCITS 378 record bytes (two fingers) from the biometrics layer. */
  bdb: Uint8Array;
  fascn: Fascn;
  /** Card UUID (CHUID GUID), carried as the entryUUID signed attribute. */
  cardUuid: Uint8Array;
  signer: ContentSigner;
  creationDate?: Date;
  /** Validity; should not end before the CHUID expiration. */
  validFrom: Date;
  validTo: Date;
  creator: string;
  biometricDataType?: number;
  quality?: number;
  signingTime?: Date;
}

/**
 * The CBEFF header states the signature block's length, and an ECDSA signature's DER length varies by a
 * byte or two from one signing to the next: sign again until the block has the length the header says.
 */
const MAX_SIGN_ROUNDS = 32;

export class CardholderFingerprints {
  private constructor(
    readonly header: CbeffHeader,
    /** The header exactly as stored (signatures cover these bytes, not a re-encoding). */
    readonly headerBytes: Uint8Array,
    readonly bdb: Uint8Array,
    readonly signatureBlock: Uint8Array,
    private readonly content: Uint8Array,
  ) {}

  static async build(input: FingerprintsBuildInput): Promise<CardholderFingerprints> {
    const signingTime = input.signingTime ?? new Date();
    const headerFor = (sbLength: number): CbeffHeader => ({
      patronHeaderVersion: CBEFF.PATRON_HEADER_VERSION,
      securityOptions: CBEFF.SECURITY_OPTIONS_SIGNED,
      bdbLength: input.bdb.length,
      sbLength,
      formatOwner: CBEFF.FORMAT_OWNER_INCITS_M1,
      formatType: CBEFF.FORMAT_TYPE_FINGER_MINUTIAE,
      creationDate: input.creationDate ?? signingTime,
      validFrom: input.validFrom,
      validTo: input.validTo,
      biometricType: CBEFF.BIOMETRIC_TYPE_FINGER,
      biometricDataType: input.biometricDataType ?? 0x80,
      quality: input.quality ?? -2,
      creator: input.creator,
      fascn: input.fascn.toBytes(),
    });
    let sbLength = 0;
    const seen = new Map<number, number>();
    for (let round = 0; round < MAX_SIGN_ROUNDS; round++) {
      const header = encodeCbeffHeader(headerFor(sbLength));
      const sb = await signCms({
        eContentType: OID.ID_PIV_BIOMETRIC_OBJECT,
        content: concatBytes(header, input.bdb),
        detached: true,
        signer: input.signer,
        includeCertificate: false,
        signingTime,
        extraAttributes: [
          { type: OID.PIV_FASCN, values: [new asn1js.OctetString({ valueHex: exactArrayBuffer(input.fascn.toBytes()) })] },
          { type: OID.ENTRY_UUID, values: [new asn1js.OctetString({ valueHex: exactArrayBuffer(input.cardUuid) })] },
        ],
      });
      if (sb.length === sbLength) {
        const record = concatBytes(header, input.bdb, sb);
        return CardholderFingerprints.parse(concatBytes(encodeTlv(FINGERPRINTS_TAG.FINGERPRINT_I_AND_II, record), encodeTlv(FINGERPRINTS_TAG.ERROR_DETECTION_CODE)));
      }
      // Aim at the most common length so far rather than chasing each new one.
      seen.set(sb.length, (seen.get(sb.length) ?? 0) + 1);
      sbLength = [...seen].sort((a, b) => b[1] - a[1])[0]![0];
    }
    throw new MalformedDataError('Could not produce a signature block of stable length for the fingerprint object');
  }

  static parse(content: Uint8Array): CardholderFingerprints {
    const record = requireTlv(decodeTlvs(content), FINGERPRINTS_TAG.FINGERPRINT_I_AND_II, 'CBEFF record').value;
    const header = decodeCbeffHeader(record);
    const end = CBEFF_HEADER_LENGTH + header.bdbLength + header.sbLength;
    if (end !== record.length) throw new MalformedDataError(`CBEFF lengths (header ${CBEFF_HEADER_LENGTH} + BDB ${header.bdbLength} + SB ${header.sbLength}) do not add up to the record's ${record.length} bytes`);
    const bdb = record.slice(CBEFF_HEADER_LENGTH, CBEFF_HEADER_LENGTH + header.bdbLength);
    return new CardholderFingerprints(header, record.slice(0, CBEFF_HEADER_LENGTH), bdb, record.slice(CBEFF_HEADER_LENGTH + header.bdbLength), content.slice());
  }

  /** The bytes the signature block covers: header ‖ BDB. */
  signedBytes(): Uint8Array {
    return concatBytes(this.headerBytes, this.bdb);
  }

  /** Verifies the signature block with the content signer's certificate (from the CHUID). */
  async verifySignature(signerCertificate: Uint8Array): Promise<{ valid: boolean; reason?: string }> {
    if (this.signatureBlock.length === 0) return { valid: false, reason: 'no signature block' };
    const r = await verifyCms(this.signatureBlock, { content: this.signedBytes(), certificate: signerCertificate, expectedEContentType: OID.ID_PIV_BIOMETRIC_OBJECT });
    return { valid: r.valid, ...(r.reason ? { reason: r.reason } : {}) };
  }

  toBytes(): Uint8Array {
    return this.content.slice();
  }
}
