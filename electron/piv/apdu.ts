/**
 * Command and response APDUs (ISO 7816-4 §5.1/§5.3). Short form: `CLA INS P1 P2 [Lc data] [Le]` with
 * Le 00 = 256; extended form: `... 00 Lc1 Lc2 data Le1 Le2` (or `00 Le1 Le2` without data), Le 0000 =
 * 65536. The transport port is one function from raw C-APDU to raw R-APDU (data ‖ SW1 SW2).
 */
import { concatBytes, toHex } from './bytes';
import { MalformedDataError, swHex } from './errors';
import { SW, SW1 } from './constants';

/** The one port every card transport offers: raw command APDU in, raw response APDU (with SW) out. */
export type Transmit = (apdu: Uint8Array) => Promise<Uint8Array>;

export interface CommandApdu {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  /** Command data (Lc is its length); absent or empty = no Lc field. */
  data?: Uint8Array;
  /** Maximum response bytes expected (1..65536); absent = no Le field. 256 encodes as short `00`. */
  le?: number;
}

export interface ResponseApdu {
  data: Uint8Array;
  /** SW1 << 8 | SW2. */
  sw: number;
}

export type ApduFormat = 'short' | 'extended' | 'auto';

const SHORT_MAX_LC = 255;
const SHORT_MAX_LE = 256;
const EXTENDED_MAX = 65535;
const EXTENDED_MAX_LE = 65536;

function checkByte(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 0 || v > 0xff) throw new RangeError(`${name} must be a byte, got ${v}`);
}

/** True if the command needs the extended format (data > 255 bytes or Le > 256). */
export function needsExtended(cmd: CommandApdu): boolean {
  return (cmd.data?.length ?? 0) > SHORT_MAX_LC || (cmd.le ?? 0) > SHORT_MAX_LE;
}

/** Encodes a command APDU; `auto` picks short unless the sizes need extended. */
export function encodeCommandApdu(cmd: CommandApdu, format: ApduFormat = 'auto'): Uint8Array {
  checkByte('CLA', cmd.cla);
  checkByte('INS', cmd.ins);
  checkByte('P1', cmd.p1);
  checkByte('P2', cmd.p2);
  const data = cmd.data ?? new Uint8Array(0);
  const le = cmd.le;
  if (le !== undefined && (!Number.isInteger(le) || le < 1 || le > EXTENDED_MAX_LE)) throw new RangeError(`Le out of range: ${le}`);
  const extended = format === 'extended' || (format === 'auto' && needsExtended(cmd));
  const header = Uint8Array.of(cmd.cla, cmd.ins, cmd.p1, cmd.p2);
  if (!extended) {
    if (data.length > SHORT_MAX_LC) throw new RangeError(`short APDU data is at most ${SHORT_MAX_LC} bytes, got ${data.length}; chain or use extended`);
    if (le !== undefined && le > SHORT_MAX_LE) throw new RangeError(`short APDU Le is at most ${SHORT_MAX_LE}, got ${le}`);
    const lc = data.length > 0 ? Uint8Array.of(data.length) : new Uint8Array(0);
    const leField = le !== undefined ? Uint8Array.of(le & 0xff) : new Uint8Array(0);
    return concatBytes(header, lc, data, leField);
  }
  if (data.length > EXTENDED_MAX) throw new RangeError(`extended APDU data is at most ${EXTENDED_MAX} bytes, got ${data.length}`);
  const lc = data.length > 0 ? Uint8Array.of(0x00, data.length >>> 8, data.length & 0xff) : new Uint8Array(0);
  let leField = new Uint8Array(0);
  if (le !== undefined) {
    const v = le & 0xffff; // 65536 → 0000
    leField = data.length > 0 ? Uint8Array.of(v >>> 8, v & 0xff) : Uint8Array.of(0x00, v >>> 8, v & 0xff);
  }
  return concatBytes(header, lc, data, leField);
}

export interface DecodedCommandApdu extends CommandApdu {
  data: Uint8Array;
  extended: boolean;
}

function badCommand(reason: string, bytes: Uint8Array): never {
  throw new MalformedDataError(`Malformed command APDU: ${reason}`, { reason, length: bytes.length, head: toHex(bytes.subarray(0, 8)) });
}

/** Parses a command APDU (all ISO cases, short and extended); used by card emulators and trace tools. */
export function decodeCommandApdu(bytes: Uint8Array): DecodedCommandApdu {
  if (bytes.length < 4) badCommand('shorter than 4 bytes', bytes);
  const [cla, ins, p1, p2] = bytes;
  const base = { cla, ins, p1, p2 };
  const body = bytes.subarray(4);
  const empty = new Uint8Array(0);
  if (body.length === 0) return { ...base, data: empty, extended: false }; // case 1
  if (body.length === 1) return { ...base, data: empty, le: body[0] === 0 ? 256 : body[0], extended: false }; // case 2S
  if (body[0] !== 0x00) {
    const lc = body[0];
    if (body.length === 1 + lc) return { ...base, data: body.slice(1), extended: false }; // case 3S
    if (body.length === 2 + lc) {
      const le = body[1 + lc];
      return { ...base, data: body.slice(1, 1 + lc), le: le === 0 ? 256 : le, extended: false }; // case 4S
    }
    badCommand(`Lc ${lc} does not match ${body.length - 1} body bytes`, bytes);
  }
  // body[0] === 0 and more than one byte: extended form.
  if (body.length === 3) {
    const le = (body[1] << 8) | body[2];
    return { ...base, data: empty, le: le === 0 ? 65536 : le, extended: true }; // case 2E
  }
  if (body.length < 3) badCommand('truncated extended length', bytes);
  const lc = (body[1] << 8) | body[2];
  if (lc === 0) badCommand('extended Lc of zero', bytes);
  if (body.length === 3 + lc) return { ...base, data: body.slice(3), extended: true }; // case 3E
  if (body.length === 5 + lc) {
    const le = (body[3 + lc] << 8) | body[4 + lc];
    return { ...base, data: body.slice(3, 3 + lc), le: le === 0 ? 65536 : le, extended: true }; // case 4E
  }
  return badCommand(`extended Lc ${lc} does not match ${body.length - 3} body bytes`, bytes);
}

/** Splits a raw response into data and status word. Fewer than 2 bytes is a malformed response. */
export function decodeResponseApdu(bytes: Uint8Array): ResponseApdu {
  if (bytes.length < 2) {
    throw new MalformedDataError(`The card sent a ${bytes.length}-byte response, too short to hold a status word`, { length: bytes.length });
  }
  const n = bytes.length - 2;
  return { data: bytes.slice(0, n), sw: (bytes[n] << 8) | bytes[n + 1] };
}

export function encodeResponseApdu(res: ResponseApdu): Uint8Array {
  return concatBytes(res.data, Uint8Array.of(res.sw >>> 8, res.sw & 0xff));
}

export function sw1Of(sw: number): number {
  return sw >>> 8;
}

export function sw2Of(sw: number): number {
  return sw & 0xff;
}

export function isSuccess(sw: number): boolean {
  return sw === SW.SUCCESS;
}

/** 61 xx: more data waiting for GET RESPONSE. */
export function isMoreData(sw: number): boolean {
  return sw1Of(sw) === SW1.MORE_DATA;
}

export function describeSw(sw: number): string {
  return swHex(sw);
}
