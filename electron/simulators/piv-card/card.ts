/**
 * A virtual PIV card: the SP 800-73-4 card edge plus the YubiKey extensions yubico-piv-tool 2.2.0 needs,
 * as a pure state machine `process(command APDU) → response APDU`. Transport concerns live here
 * (command chaining, Le and 61xx/GET RESPONSE, SELECT); each command is a handler in its own file.
 */
import { randomBytes } from 'node:crypto';
import { decodeCommandApdu } from '../../piv/apdu';
import { concatBytes, startsWith } from '../../piv/bytes';
import { AID, CLA, INS, P1P2, SW, SW1, TAG } from '../../piv/constants';
import { encodeTlv, encodeTlvs } from '../../piv/tlv';
import type { VirtualCardPort } from '../vpcd/card-port';
import { generalAuthenticate } from './admin-auth';
import { freshVolatile, type CardCommand, type CardContext, type VolatileState } from './context';
import { getData, putData, MAX_OBJECT_BYTES } from './data-objects';
import { generateAsymmetricKeyPair } from './key-generation';
import { changeReferenceData, resetRetryCounter, verify } from './reference-data';
import { ok, status, toBytes, type CardReply } from './response';
import { factoryState, type CardState } from './state';
import { getMetadata, getSerial, getVersion, resetApplet, setManagementKey, setPinRetries } from './yubikey';

/** Shortest right-truncated PIV AID a SELECT may use (the 5-byte RID yubico-piv-tool sends). */
const MIN_AID_PREFIX = AID.PIV_RID.length;
/** SELECT P2 0C: "no response data" (ISO 7816-4 Table 40). */
const SELECT_P2_NO_RESPONSE = 0x0c;
/** Largest short response: 256 data bytes (Le 00). */
const SHORT_MAX_RESPONSE = 256;
/** Chained command data is capped a little above the largest object (object + TLV headers). */
const MAX_CHAIN_BYTES = MAX_OBJECT_BYTES + 16;

/**
 * ATR: TS 3B (direct), T0 8C (TD1 present, 12 historical bytes), TD1 80 (TD2 present, T=0),
 * TD2 01 (T=1), historical bytes "IssuanceCard", TCK (XOR of T0..last byte, required when T=1 is offered).
 */
function buildAtr(): Uint8Array {
  const body = concatBytes(Uint8Array.of(0x8c, 0x80, 0x01), new TextEncoder().encode('IssuanceCard'));
  let tck = 0;
  for (const b of body) tck ^= b;
  return concatBytes(Uint8Array.of(0x3b), body, Uint8Array.of(tck));
}
export const VIRTUAL_CARD_ATR = buildAtr();

export interface VirtualPivCardOptions {
  state?: CardState;
  /** Randomness for witnesses and challenges (tests inject fixed bytes). */
  random?: (length: number) => Uint8Array;
  /** Called after each completed change of persistent state (objects, counters, keys). */
  onStateChange?: (state: CardState) => void;
}

interface Chain {
  ins: number;
  p1: number;
  p2: number;
  parts: Uint8Array[];
  length: number;
}

export class VirtualPivCard implements VirtualCardPort {
  readonly state: CardState;
  private chain?: Chain;
  private pendingResponse?: Uint8Array;
  private readonly context: CardContext;

  constructor(options: VirtualPivCardOptions = {}) {
    this.state = options.state ?? factoryState();
    const onChange = options.onStateChange;
    this.context = {
      state: this.state,
      volatile: freshVolatile(),
      random: options.random ?? ((n: number) => new Uint8Array(randomBytes(n))),
      changed: () => onChange?.(this.state),
    };
  }

  atr(): Uint8Array {
    return VIRTUAL_CARD_ATR.slice();
  }

  reset(): void {
    this.context.volatile = freshVolatile();
    this.chain = undefined;
    this.pendingResponse = undefined;
  }

  powerOff(): void {
    this.reset();
  }

  /** Read-only view of the volatile status (tests). */
  get securityStatus(): Readonly<Pick<VolatileState, 'pinVerified' | 'adminAuthenticated'>> {
    const v = this.context.volatile;
    return { pinVerified: v.pinVerified, adminAuthenticated: v.adminAuthenticated };
  }

  process(apdu: Uint8Array): Uint8Array {
    let decoded;
    try {
      decoded = decodeCommandApdu(apdu);
    } catch {
      return toBytes(status(SW.WRONG_LENGTH));
    }
    if ((decoded.cla & ~CLA.CHAINING) !== CLA.ISO) return toBytes(status(SW.CLA_NOT_SUPPORTED));
    const le = decoded.le ?? SHORT_MAX_RESPONSE; // case 3 (no Le, as yubico-piv-tool sends): up to 256
    if (decoded.ins === INS.GET_RESPONSE) return this.getResponse(le);
    this.pendingResponse = undefined;

    const chained = (decoded.cla & CLA.CHAINING) !== 0;
    const sameChain = this.chain && this.chain.ins === decoded.ins && this.chain.p1 === decoded.p1 && this.chain.p2 === decoded.p2;
    // A command that does not continue the open chain abandons it: nothing of it is applied.
    if (this.chain && !sameChain) this.chain = undefined;
    if (chained) {
      const chain = this.chain ?? { ins: decoded.ins, p1: decoded.p1, p2: decoded.p2, parts: [], length: 0 };
      if (chain.length + decoded.data.length > MAX_CHAIN_BYTES) {
        this.chain = undefined;
        return toBytes(status(SW.NOT_ENOUGH_MEMORY));
      }
      chain.parts.push(decoded.data);
      chain.length += decoded.data.length;
      this.chain = chain;
      return toBytes(ok());
    }
    const data = this.chain ? concatBytes(...this.chain.parts, decoded.data) : decoded.data;
    this.chain = undefined;
    let reply: CardReply;
    try {
      reply = this.dispatch({ cla: decoded.cla, ins: decoded.ins, p1: decoded.p1, p2: decoded.p2, data });
    } catch {
      // A bug in a handler must look like a card fault to the host (6F00), never crash the reader side.
      reply = status(SW.NO_PRECISE_DIAGNOSIS);
    }
    return this.deliver(reply, le);
  }

  private dispatch(cmd: CardCommand): CardReply {
    const ctx = this.context;
    switch (cmd.ins) {
      case INS.SELECT:
        return this.select(cmd);
      case INS.GET_DATA:
        return getData(ctx, cmd);
      case INS.PUT_DATA:
        return putData(ctx, cmd);
      case INS.VERIFY:
        return verify(ctx, cmd);
      case INS.CHANGE_REFERENCE_DATA:
        return changeReferenceData(ctx, cmd);
      case INS.RESET_RETRY_COUNTER:
        return resetRetryCounter(ctx, cmd);
      case INS.GENERAL_AUTHENTICATE:
        return generalAuthenticate(ctx, cmd);
      case INS.GENERATE_ASYMMETRIC_KEY_PAIR:
        return generateAsymmetricKeyPair(ctx, cmd);
      case INS.YK_GET_VERSION:
        return getVersion();
      case INS.YK_GET_SERIAL:
        return getSerial(ctx);
      case INS.YK_SET_MANAGEMENT_KEY:
        return setManagementKey(ctx, cmd);
      case INS.YK_GET_METADATA:
        return getMetadata(ctx, cmd);
      case INS.YK_SET_PIN_RETRIES:
        return setPinRetries(ctx, cmd);
      case INS.YK_RESET:
        return resetApplet(ctx);
      default:
        return status(SW.INS_NOT_SUPPORTED);
    }
  }

  /**
   * PIV is the only application and stays selected: a SELECT of any right-truncation (≥ 5 bytes) of
   * the PIV AID answers the APT; any other AID answers 6A82 and PIV remains selected with its
   * security status (73-4 P2 §3.1.1).
   */
  private select(cmd: CardCommand): CardReply {
    if (cmd.p1 !== P1P2.SELECT_BY_AID_P1) return status(SW.INCORRECT_P1_P2);
    const isPiv = cmd.data.length >= MIN_AID_PREFIX && startsWith(AID.PIV, cmd.data);
    if (!isPiv) return status(SW.FILE_OR_APPLICATION_NOT_FOUND);
    if (cmd.p2 === SELECT_P2_NO_RESPONSE) return ok();
    const apt = encodeTlv(
      TAG.APPLICATION_PROPERTY_TEMPLATE,
      encodeTlvs([
        { tag: TAG.APPLICATION_IDENTIFIER, value: AID.PIV_PIX },
        { tag: TAG.COEXISTENT_TAG_ALLOCATION_AUTHORITY, value: encodeTlv(TAG.APPLICATION_IDENTIFIER, AID.PIV_RID) },
      ]),
    );
    return ok(apt);
  }

  private deliver(reply: CardReply, le: number): Uint8Array {
    if (reply.sw !== SW.SUCCESS || reply.data.length <= le) return toBytes(reply);
    this.pendingResponse = reply.data.slice(le);
    return this.withMoreData(reply.data.subarray(0, le), this.pendingResponse.length);
  }

  private getResponse(le: number): Uint8Array {
    const pending = this.pendingResponse;
    if (!pending) return toBytes(status(SW.CONDITIONS_OF_USE_NOT_SATISFIED));
    const take = Math.min(le, pending.length);
    const part = pending.subarray(0, take);
    const rest = pending.slice(take);
    this.pendingResponse = rest.length > 0 ? rest : undefined;
    return rest.length > 0 ? this.withMoreData(part, rest.length) : toBytes(ok(part.slice()));
  }

  /** data ‖ 61 xx, xx = bytes left (00 when 256 or more). */
  private withMoreData(part: Uint8Array, remaining: number): Uint8Array {
    return concatBytes(part, Uint8Array.of(SW1.MORE_DATA, remaining >= SHORT_MAX_RESPONSE ? 0 : remaining));
  }
}
