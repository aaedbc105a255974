/**
 * Card Capability Container 5FC107 (73-4 P1 §3.1.1, Table 8). Only F5 (data model 10) carries meaning
 * for PIV; the rest may be empty. The card identifier uses the GSC-IS RID as Yubico does (A0 00 00 01 16,
 * manufacturer FF, card type 02) — never the DoD RID, which makes OpenSC treat the card as CAC.
 */
import { concatBytes } from './bytes';
import { CCC_TAG } from './constants';
import { MalformedDataError } from './errors';
import { decodeTlvs, encodeTlv, type Tlv } from './tlv';

export const CCC_DEFAULTS = {
  GSC_IS_RID: Uint8Array.of(0xa0, 0x00, 0x00, 0x01, 0x16),
  MANUFACTURER_ID: 0xff,
  CARD_TYPE: 0x02,
  CONTAINER_VERSION: 0x21,
  GRAMMAR_VERSION: 0x21,
  /** Registered data model number for PIV (mandatory value). */
  DATA_MODEL_NUMBER: 0x10,
} as const;

export const CARD_ID_SUFFIX_LENGTH = 14;

export class Ccc {
  private constructor(
    readonly elements: readonly Tlv[],
    private readonly content: Uint8Array,
  ) {}

  /** A 73-4/-5 CCC; `cardIdSuffix` is the 14-byte unique part of F0 (random per card). */
  static build(cardIdSuffix: Uint8Array): Ccc {
    if (cardIdSuffix.length !== CARD_ID_SUFFIX_LENGTH) throw new RangeError(`card identifier suffix must be ${CARD_ID_SUFFIX_LENGTH} bytes`);
    const d = CCC_DEFAULTS;
    const empty = (tag: number) => encodeTlv(tag);
    return Ccc.parse(
      concatBytes(
        encodeTlv(CCC_TAG.CARD_IDENTIFIER, concatBytes(d.GSC_IS_RID, Uint8Array.of(d.MANUFACTURER_ID, d.CARD_TYPE), cardIdSuffix)),
        encodeTlv(CCC_TAG.CAPABILITY_CONTAINER_VERSION, Uint8Array.of(d.CONTAINER_VERSION)),
        encodeTlv(CCC_TAG.CAPABILITY_GRAMMAR_VERSION, Uint8Array.of(d.GRAMMAR_VERSION)),
        empty(CCC_TAG.APPLICATIONS_CARD_URL),
        encodeTlv(CCC_TAG.PKCS15, Uint8Array.of(0x00)),
        encodeTlv(CCC_TAG.REGISTERED_DATA_MODEL_NUMBER, Uint8Array.of(d.DATA_MODEL_NUMBER)),
        empty(CCC_TAG.ACCESS_CONTROL_RULE_TABLE),
        empty(CCC_TAG.CARD_APDUS),
        empty(CCC_TAG.REDIRECTION_TAG),
        empty(CCC_TAG.CAPABILITY_TUPLES),
        empty(CCC_TAG.STATUS_TUPLES),
        empty(CCC_TAG.NEXT_CCC),
        empty(CCC_TAG.ERROR_DETECTION_CODE),
      ),
    );
  }

  static parse(content: Uint8Array): Ccc {
    const elements = decodeTlvs(content).map((t) => ({ tag: t.tag, value: t.value.slice() }));
    const model = elements.find((t) => t.tag === CCC_TAG.REGISTERED_DATA_MODEL_NUMBER);
    if (!model || model.value.length !== 1) throw new MalformedDataError('CCC has no registered data model number (tag F5)');
    return new Ccc(elements, content.slice());
  }

  get dataModelNumber(): number {
    return this.elements.find((t) => t.tag === CCC_TAG.REGISTERED_DATA_MODEL_NUMBER)!.value[0];
  }

  get cardIdentifier(): Uint8Array | undefined {
    return this.elements.find((t) => t.tag === CCC_TAG.CARD_IDENTIFIER)?.value;
  }

  toBytes(): Uint8Array {
    return this.content.slice();
  }
}
