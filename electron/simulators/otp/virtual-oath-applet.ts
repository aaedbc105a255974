import { randomBytes } from 'node:crypto';
import { dynamicTruncate, hmacOtp, type OtpAlgorithm } from '../../otp/hotp';
import {
  ALG_MASK,
  INS,
  OATH_AID,
  OATH_ALG,
  OATH_TYPE,
  P1_RESET,
  P1_SELECT_BY_NAME,
  P2_RESET,
  PROPERTY,
  SW,
  TAG,
  TYPE_MASK,
} from '../../otp/ykoath-constants';
import { concat, encodeTlv, parseTlvs } from '../../otp/ykoath-tlv';

/**
 * A small virtual YKOATH applet behind a `transmit` function, for tests and training: SELECT, PUT,
 * LIST, CALCULATE (truncated), DELETE, RESET and SEND REMAINING (answers are cut into chunks so the
 * 61xx path is exercised). Short APDUs only, as the host sends.
 */
interface StoredCredential {
  typeAlg: number;
  digits: number;
  key: Uint8Array;
  counter: number;
  touch: boolean;
}

const ALG_NAMES: Record<number, OtpAlgorithm> = { [OATH_ALG.SHA1]: 'SHA1', [OATH_ALG.SHA256]: 'SHA256', [OATH_ALG.SHA512]: 'SHA512' };
const VERSION = Uint8Array.of(5, 4, 3);

const swBytes = (sw: number) => Uint8Array.of(sw >> 8, sw & 0xff);

export class VirtualOathApplet {
  private readonly credentials = new Map<string, StoredCredential>();
  private selected = false;
  private remaining: Uint8Array | undefined;
  private readonly deviceId = new Uint8Array(randomBytes(8));
  /** Every APDU the host sent, for tests that check the bytes on the wire. */
  readonly log: Uint8Array[] = [];

  constructor(private readonly options: { capacity?: number; chunkSize?: number; passwordProtected?: boolean } = {}) {}

  get count(): number {
    return this.credentials.size;
  }

  /** Training/test helper: simulates the operator touching the token for a touch-required credential. */
  touchNext = false;

  readonly transmit = async (apdu: Uint8Array): Promise<Uint8Array> => {
    this.log.push(apdu.slice());
    return this.process(apdu);
  };

  private reply(data: Uint8Array): Uint8Array {
    const chunk = this.options.chunkSize ?? 255;
    if (data.length <= chunk) {
      this.remaining = undefined;
      return concat(data, swBytes(SW.SUCCESS));
    }
    this.remaining = data.subarray(chunk);
    const left = Math.min(this.remaining.length, 0xff);
    return concat(data.subarray(0, chunk), Uint8Array.of(SW.MORE_DATA_SW1, left));
  }

  private process(apdu: Uint8Array): Uint8Array {
    if (apdu.length < 4) return swBytes(SW.WRONG_SYNTAX);
    const [, ins, p1, p2] = apdu;
    const lc = apdu.length > 5 ? apdu[4] : 0;
    const data = apdu.subarray(5, 5 + lc);
    if (ins === INS.SELECT && p1 === P1_SELECT_BY_NAME) {
      if (data.length !== OATH_AID.length || !data.every((b, i) => b === OATH_AID[i])) return swBytes(SW.FILE_NOT_FOUND);
      this.selected = true;
      const parts = [encodeTlv(TAG.VERSION, VERSION), encodeTlv(TAG.NAME, this.deviceId)];
      if (this.options.passwordProtected) parts.push(encodeTlv(TAG.CHALLENGE, new Uint8Array(randomBytes(8))), encodeTlv(TAG.ALGORITHM, Uint8Array.of(OATH_ALG.SHA1)));
      return this.reply(concat(...parts));
    }
    if (!this.selected) return swBytes(SW.INS_NOT_SUPPORTED);
    if (ins === INS.SEND_REMAINING) {
      if (!this.remaining) return swBytes(SW.CONDITIONS_NOT_SATISFIED);
      return this.reply(this.remaining);
    }
    if (this.options.passwordProtected && ins !== INS.RESET) return swBytes(SW.AUTH_REQUIRED);
    let tlvs;
    try {
      tlvs = parseTlvs(data, ins === INS.PUT ? { bareByteTags: [TAG.PROPERTY] } : {});
    } catch {
      return swBytes(SW.WRONG_SYNTAX);
    }
    const get = (tag: number) => tlvs.find((t) => t.tag === tag)?.value;
    const nameOf = () => {
      const n = get(TAG.NAME);
      return n ? new TextDecoder().decode(n) : undefined;
    };
    switch (ins) {
      case INS.PUT: {
        const name = nameOf();
        const key = get(TAG.KEY);
        if (!name || !key || key.length < 3) return swBytes(SW.WRONG_SYNTAX);
        if (!ALG_NAMES[key[0] & ALG_MASK] || ![OATH_TYPE.HOTP, OATH_TYPE.TOTP].includes((key[0] & TYPE_MASK) as 0x10 | 0x20)) return swBytes(SW.WRONG_SYNTAX);
        if (!this.credentials.has(name) && this.credentials.size >= (this.options.capacity ?? 32)) return swBytes(SW.NO_SPACE);
        const touch = ((get(TAG.PROPERTY)?.[0] ?? 0) & PROPERTY.REQUIRE_TOUCH) !== 0;
        const imf = get(TAG.IMF);
        this.credentials.set(name, {
          typeAlg: key[0],
          digits: key[1],
          key: key.slice(2),
          counter: imf && imf.length === 4 ? new DataView(imf.buffer, imf.byteOffset, 4).getUint32(0, false) : 0,
          touch,
        });
        return swBytes(SW.SUCCESS);
      }
      case INS.LIST: {
        const entries = [...this.credentials].map(([name, c]) =>
          encodeTlv(TAG.NAME_LIST, concat(Uint8Array.of(c.typeAlg), new TextEncoder().encode(name))),
        );
        return this.reply(concat(...entries));
      }
      case INS.CALCULATE: {
        const name = nameOf();
        const cred = name === undefined ? undefined : this.credentials.get(name);
        if (!cred) return swBytes(SW.NO_SUCH_OBJECT);
        if (cred.touch && !this.touchNext) return swBytes(SW.CONDITIONS_NOT_SATISFIED);
        this.touchNext = false;
        const algorithm = ALG_NAMES[cred.typeAlg & ALG_MASK];
        let counter: bigint;
        if ((cred.typeAlg & TYPE_MASK) === OATH_TYPE.HOTP) counter = BigInt(cred.counter++);
        else {
          const challenge = get(TAG.CHALLENGE);
          if (!challenge || challenge.length !== 8) return swBytes(SW.WRONG_SYNTAX);
          counter = new DataView(challenge.buffer, challenge.byteOffset, 8).getBigUint64(0, false);
        }
        const value = dynamicTruncate(hmacOtp(cred.key, counter, algorithm));
        const truncated = new Uint8Array(5);
        truncated[0] = cred.digits;
        new DataView(truncated.buffer).setUint32(1, value, false);
        return this.reply(encodeTlv(TAG.TRUNCATED_RESPONSE, truncated));
      }
      case INS.DELETE: {
        const name = nameOf();
        if (!name || !this.credentials.delete(name)) return swBytes(SW.NO_SUCH_OBJECT);
        return swBytes(SW.SUCCESS);
      }
      case INS.RESET:
        if (p1 !== P1_RESET || p2 !== P2_RESET) return swBytes(SW.WRONG_SYNTAX);
        this.credentials.clear();
        this.options.passwordProtected = false;
        return swBytes(SW.SUCCESS);
      default:
        return swBytes(SW.INS_NOT_SUPPORTED);
    }
  }
}
