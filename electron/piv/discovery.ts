/**
 * Discovery Object 7E (73-4 P1 §3.3.2): the PIV AID and the PIN usage policy. It travels as its own 7E
 * TLV (no 53). OpenSC uses it to find an already-selected PIV application.
 */
import { bytesEqual, concatBytes } from './bytes';
import { AID, DISCOVERY_TAG } from './constants';
import { MalformedDataError } from './errors';
import { decodeTlvs, encodeTlv, requireTlv } from './tlv';

/** First PIN-usage byte bits (73-4 P1 §3.3.2). */
export const PIN_USAGE = {
  PIV_PIN: 0x40,
  GLOBAL_PIN: 0x20,
  OCC: 0x10,
  VCI: 0x08,
  PAIRING_CODE_NOT_REQUIRED: 0x04,
} as const;
/** Second byte: which PIN is primary. */
export const PRIMARY_PIN = { PIV_PIN: 0x10, GLOBAL_PIN: 0x20, GLOBAL_PIN_UNUSED: 0x00 } as const;

export class Discovery {
  private constructor(
    readonly aid: Uint8Array,
    /** The two PIN usage policy bytes. */
    readonly pinUsagePolicy: readonly [number, number],
  ) {}

  /** Default: PIV PIN only (`40 00`). */
  static build(pinUsagePolicy: readonly [number, number] = [PIN_USAGE.PIV_PIN, PRIMARY_PIN.GLOBAL_PIN_UNUSED]): Discovery {
    return new Discovery(AID.PIV, pinUsagePolicy);
  }

  /** Parses the content inside 7E. */
  static parse(content: Uint8Array): Discovery {
    const items = decodeTlvs(content);
    const aid = requireTlv(items, DISCOVERY_TAG.PIV_CARD_APPLICATION_AID, 'PIV AID').value;
    const policy = requireTlv(items, DISCOVERY_TAG.PIN_USAGE_POLICY, 'PIN usage policy').value;
    if (policy.length !== 2) throw new MalformedDataError(`Discovery PIN usage policy is ${policy.length} bytes, expected 2`);
    return new Discovery(aid.slice(), [policy[0], policy[1]]);
  }

  get isPivAid(): boolean {
    return bytesEqual(this.aid, AID.PIV);
  }

  get globalPinUsable(): boolean {
    return (this.pinUsagePolicy[0] & PIN_USAGE.GLOBAL_PIN) !== 0;
  }

  /** Content inside 7E (wrap with data-object `wrapObject(OBJECT_TAG.DISCOVERY, …)`). */
  toBytes(): Uint8Array {
    return concatBytes(encodeTlv(DISCOVERY_TAG.PIV_CARD_APPLICATION_AID, this.aid), encodeTlv(DISCOVERY_TAG.PIN_USAGE_POLICY, Uint8Array.from(this.pinUsagePolicy)));
  }
}
