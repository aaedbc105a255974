import { createHash } from 'node:crypto';
import { InvalidInputError, StationError } from '../common/errors';
import type { Transmit } from '../piv/apdu';
import { formatCode, type OtpAlgorithm, type OtpDigits } from './hotp';
import { DEFAULT_PERIOD_SECONDS, totpCounter } from './totp';
import {
  ALG_MASK,
  CHALLENGE_BYTES,
  CLA_ISO,
  HMAC_MINIMUM_KEY_SIZE,
  INS,
  MAX_NAME_BYTES,
  OATH_AID,
  OATH_ALG,
  OATH_TYPE,
  P1_RESET,
  P1_SELECT_BY_NAME,
  P2_CALCULATE_TRUNCATED,
  P2_RESET,
  PROPERTY,
  SW,
  TAG,
  TYPE_MASK,
} from './ykoath-constants';
import { concat, encodeTlv, parseTlvs } from './ykoath-tlv';

/**
 * YKOATH over the same `transmit(raw C-APDU) → raw R-APDU` port as the PIV code: one method per
 * instruction, status words turned into typed errors once (`check`). Secrets go to the token and are
 * not kept here.
 */

export interface OathCredentialSpec {
  /** "issuer:account"; TOTP periods other than 30 s are prefixed as "period/" by credentialName(). */
  name: string;
  type: 'totp' | 'hotp';
  algorithm: OtpAlgorithm;
  digits: OtpDigits;
  secret: Uint8Array;
  requireTouch?: boolean;
  /** HOTP initial moving factor (IMF). */
  counter?: number;
}

export interface OathListEntry {
  name: string;
  type: 'totp' | 'hotp';
  algorithm: OtpAlgorithm;
}

const ALG_BY_NAME: Record<OtpAlgorithm, number> = { SHA1: OATH_ALG.SHA1, SHA256: OATH_ALG.SHA256, SHA512: OATH_ALG.SHA512 };
const HASH_BLOCK: Record<OtpAlgorithm, number> = { SHA1: 64, SHA256: 64, SHA512: 128 };
const NODE_HASH: Record<OtpAlgorithm, string> = { SHA1: 'sha1', SHA256: 'sha256', SHA512: 'sha512' };

export class OathError extends StationError {
  constructor(code: string, message: string, readonly sw: number) {
    super(code, message, { sw: sw.toString(16).padStart(4, '0') });
    this.name = 'OathError';
  }
}

function check(sw: number, what: string): void {
  if (sw === SW.SUCCESS) return;
  switch (sw) {
    case SW.NO_SPACE:
      throw new OathError('OATH_NO_SPACE', 'The token has no room for another OTP credential. Delete one or use another token.', sw);
    case SW.NO_SUCH_OBJECT:
      throw new OathError('OATH_NO_SUCH_CREDENTIAL', `The token holds no credential named in ${what}.`, sw);
    case SW.AUTH_REQUIRED:
      throw new OathError('OATH_PASSWORD_SET', 'The token’s OATH application is password-protected. Reset its OATH application before issuing it.', sw);
    case SW.WRONG_SYNTAX:
      throw new OathError('OATH_WRONG_SYNTAX', `The token rejected the ${what} command as malformed.`, sw);
    case SW.FILE_NOT_FOUND:
      throw new OathError('OATH_NOT_PRESENT', 'This card or token has no OATH application. Use a token that supports OATH (YKOATH).', sw);
    case SW.CONDITIONS_NOT_SATISFIED:
      throw new OathError('OATH_TOUCH_REQUIRED', 'The token wants a touch for this credential. Touch it and try again.', sw);
    default:
      throw new OathError('OATH_ERROR', `The token refused ${what} (status ${sw.toString(16).padStart(4, '0')}).`, sw);
  }
}

/** Name as YKOATH stores it: "[period/]issuer:account", at most 64 bytes. */
export function credentialName(issuer: string, account: string, type: 'totp' | 'hotp', period = DEFAULT_PERIOD_SECONDS): string {
  const base = issuer ? `${issuer}:${account}` : account;
  const name = type === 'totp' && period !== DEFAULT_PERIOD_SECONDS ? `${period}/${base}` : base;
  if (new TextEncoder().encode(name).length > MAX_NAME_BYTES) {
    throw new InvalidInputError('OATH_NAME_TOO_LONG', `The credential name "${name}" is longer than the token’s ${MAX_NAME_BYTES}-byte limit. Shorten the issuer or account.`);
  }
  return name;
}

/** Keys longer than the hash block are hashed (as HMAC would); short keys are padded to the minimum. */
export function shapeKey(secret: Uint8Array, algorithm: OtpAlgorithm): Uint8Array {
  const key = secret.length > HASH_BLOCK[algorithm] ? new Uint8Array(createHash(NODE_HASH[algorithm]).update(secret).digest()) : secret;
  if (key.length >= HMAC_MINIMUM_KEY_SIZE) return key;
  const padded = new Uint8Array(HMAC_MINIMUM_KEY_SIZE);
  padded.set(key);
  return padded;
}

function shortApdu(ins: number, p1: number, p2: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  if (data.length > 255) throw new InvalidInputError('OATH_APDU_TOO_LONG', 'A YKOATH command is longer than a short APDU allows.');
  const head = [CLA_ISO, ins, p1, p2];
  return data.length === 0 ? Uint8Array.from(head) : Uint8Array.from([...head, data.length, ...data]);
}

export class OathSession {
  private constructor(
    private readonly transmit: Transmit,
    readonly version: string,
    /** The applet's salt/device id (tag 0x71 in the SELECT answer). */
    readonly deviceId: Uint8Array,
  ) {}

  /** Selects the OATH application. A token with an access code set cannot be issued as-is. */
  static async select(transmit: Transmit): Promise<OathSession> {
    const data = await OathSession.send(transmit, shortApdu(INS.SELECT, P1_SELECT_BY_NAME, 0x00, OATH_AID), 'SELECT');
    const tlvs = parseTlvs(data);
    const get = (tag: number) => tlvs.find((t) => t.tag === tag)?.value;
    const version = get(TAG.VERSION);
    if (get(TAG.CHALLENGE)) {
      throw new OathError('OATH_PASSWORD_SET', 'The token’s OATH application is password-protected. Reset its OATH application before issuing it.', SW.AUTH_REQUIRED);
    }
    return new OathSession(transmit, version ? [...version].join('.') : 'unknown', get(TAG.NAME) ?? new Uint8Array(0));
  }

  /** One command, following 61xx with SEND REMAINING until the whole answer is in. */
  private static async send(transmit: Transmit, apdu: Uint8Array, what: string): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    let response = await transmit(apdu);
    for (let round = 0; ; round++) {
      if (response.length < 2) throw new StationError('OATH_BAD_RESPONSE', `The token sent a response without a status word to ${what}.`);
      const sw = (response[response.length - 2] << 8) | response[response.length - 1];
      parts.push(response.subarray(0, response.length - 2));
      if (sw >> 8 !== SW.MORE_DATA_SW1) {
        check(sw, what);
        return concat(...parts);
      }
      if (round > 256) throw new StationError('OATH_BAD_RESPONSE', 'The token kept answering "more data" without end.');
      response = await transmit(shortApdu(INS.SEND_REMAINING, 0x00, 0x00));
    }
  }

  private call(ins: number, p1: number, p2: number, data: Uint8Array, what: string): Promise<Uint8Array> {
    return OathSession.send(this.transmit, shortApdu(ins, p1, p2, data), what);
  }

  async put(spec: OathCredentialSpec): Promise<void> {
    const name = new TextEncoder().encode(spec.name);
    if (name.length === 0 || name.length > MAX_NAME_BYTES) {
      throw new InvalidInputError('OATH_NAME', `A credential name has 1 to ${MAX_NAME_BYTES} bytes.`);
    }
    const key = shapeKey(spec.secret, spec.algorithm);
    const typeAlg = (spec.type === 'totp' ? OATH_TYPE.TOTP : OATH_TYPE.HOTP) | ALG_BY_NAME[spec.algorithm];
    const keyField = new Uint8Array(2 + key.length);
    keyField[0] = typeAlg;
    keyField[1] = spec.digits;
    keyField.set(key, 2);
    const parts = [encodeTlv(TAG.NAME, name), encodeTlv(TAG.KEY, keyField)];
    if (spec.requireTouch) parts.push(Uint8Array.of(TAG.PROPERTY, PROPERTY.REQUIRE_TOUCH));
    if (spec.type === 'hotp' && spec.counter) {
      const imf = new Uint8Array(4);
      new DataView(imf.buffer).setUint32(0, spec.counter >>> 0, false);
      parts.push(encodeTlv(TAG.IMF, imf));
    }
    const data = concat(...parts);
    try {
      await this.call(INS.PUT, 0x00, 0x00, data, 'PUT');
    } finally {
      keyField.fill(0);
      data.fill(0);
    }
  }

  async list(): Promise<OathListEntry[]> {
    const data = await this.call(INS.LIST, 0x00, 0x00, new Uint8Array(0), 'LIST');
    return parseTlvs(data)
      .filter((t) => t.tag === TAG.NAME_LIST && t.value.length >= 1)
      .map((t) => {
        const alg = t.value[0] & ALG_MASK;
        const algorithm = (Object.entries(ALG_BY_NAME).find(([, v]) => v === alg)?.[0] ?? 'SHA1') as OtpAlgorithm;
        return {
          name: new TextDecoder().decode(t.value.subarray(1)),
          type: (t.value[0] & TYPE_MASK) === OATH_TYPE.HOTP ? ('hotp' as const) : ('totp' as const),
          algorithm,
        };
      });
  }

  /**
   * CALCULATE with the truncated response. For TOTP pass the Unix time (the challenge is the time
   * step); for HOTP the token uses and advances its own counter.
   */
  async calculate(name: string, options: { type: 'totp' | 'hotp'; unixSeconds?: number; period?: number }): Promise<string> {
    const challenge = new Uint8Array(options.type === 'totp' ? CHALLENGE_BYTES : 0);
    if (options.type === 'totp') {
      const step = totpCounter(options.unixSeconds ?? Math.floor(Date.now() / 1000), { period: options.period ?? DEFAULT_PERIOD_SECONDS });
      new DataView(challenge.buffer).setBigUint64(0, step, false);
    }
    const data = concat(encodeTlv(TAG.NAME, new TextEncoder().encode(name)), encodeTlv(TAG.CHALLENGE, challenge));
    const response = parseTlvs(await this.call(INS.CALCULATE, 0x00, P2_CALCULATE_TRUNCATED, data, 'CALCULATE'));
    const t = response.find((r) => r.tag === TAG.TRUNCATED_RESPONSE);
    if (!t || t.value.length !== 5) throw new StationError('OATH_BAD_RESPONSE', 'The token’s CALCULATE answer has no truncated response.');
    const digits = t.value[0] as OtpDigits;
    const value = new DataView(t.value.buffer, t.value.byteOffset + 1, 4).getUint32(0, false) & 0x7fffffff;
    return formatCode(value, digits);
  }

  async delete(name: string): Promise<void> {
    await this.call(INS.DELETE, 0x00, 0x00, encodeTlv(TAG.NAME, new TextEncoder().encode(name)), 'DELETE');
  }

  /** Erases every OATH credential and any access code on the token. */
  async reset(): Promise<void> {
    await this.call(INS.RESET, P1_RESET, P2_RESET, new Uint8Array(0), 'RESET');
  }
}
