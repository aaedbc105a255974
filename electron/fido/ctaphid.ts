import { InvalidInputError, StationError } from '../common/errors';

/**
 * CTAPHID framing (CTAP 2.1 PS §11.2 "USB Human Interface Device"). Pure: packets in, packets out.
 *
 * A message is cut into one initialization packet and up to 128 continuation packets of one HID
 * report each (64 bytes at full speed):
 *   init:         CID(4) | CMD(1, bit 7 set) | BCNTH | BCNTL | DATA(report - 7)
 *   continuation: CID(4) | SEQ(1, 0x00..0x7F)                 | DATA(report - 5)
 */

export const HID_REPORT_SIZE = 64;
export const INIT_HEADER_SIZE = 7;
export const CONT_HEADER_SIZE = 5;
/** SEQ runs 0..0x7F, so at most 128 continuation packets. */
export const MAX_CONT_PACKETS = 128;
export const maxMessageSize = (reportSize = HID_REPORT_SIZE): number =>
  reportSize - INIT_HEADER_SIZE + MAX_CONT_PACKETS * (reportSize - CONT_HEADER_SIZE);

/** Bit 7 of the command byte marks an initialization packet (TYPE_INIT). */
export const TYPE_INIT = 0x80;

/** Command codes (§11.2.9), without the TYPE_INIT bit. */
export const CTAPHID = {
  PING: 0x01,
  MSG: 0x03,
  LOCK: 0x04,
  INIT: 0x06,
  WINK: 0x08,
  CBOR: 0x10,
  CANCEL: 0x11,
  KEEPALIVE: 0x3b,
  ERROR: 0x3f,
} as const;

/** The broadcast channel, used only for CTAPHID_INIT (§11.2.3). */
export const CID_BROADCAST = 0xffffffff;
/** CID 0 is reserved and never allocated. */
export const CID_RESERVED = 0x00000000;

/** CTAPHID_ERROR codes (§11.2.9.1.6). */
export const CTAPHID_ERR = {
  INVALID_CMD: 0x01,
  INVALID_PAR: 0x02,
  INVALID_LEN: 0x03,
  INVALID_SEQ: 0x04,
  MSG_TIMEOUT: 0x05,
  CHANNEL_BUSY: 0x06,
  LOCK_REQUIRED: 0x0a,
  INVALID_CHANNEL: 0x0b,
  OTHER: 0x7f,
} as const;

/** CTAPHID_KEEPALIVE status byte (§11.2.9.1.7). */
export const KEEPALIVE_STATUS = { PROCESSING: 0x01, UPNEEDED: 0x02 } as const;

/** CTAPHID_INIT response capability flags (§11.2.9.1.3). */
export const CAPABILITY = { WINK: 0x01, CBOR: 0x04, NMSG: 0x08 } as const;

export const INIT_NONCE_SIZE = 8;
/** nonce(8) CID(4) protocol version(1) major minor build(3) capabilities(1). */
export const INIT_RESPONSE_SIZE = 17;
export const CTAPHID_PROTOCOL_VERSION = 2;

export interface HidMessage {
  cid: number;
  /** Command without the TYPE_INIT bit. */
  cmd: number;
  payload: Uint8Array;
}

export class CtapHidError extends StationError {
  constructor(
    readonly hidCode: number,
    message: string,
  ) {
    super('FIDO_HID_ERROR', message, { hidCode });
    this.name = 'CtapHidError';
  }
}

const HID_ERROR_TEXT: Record<number, string> = {
  [CTAPHID_ERR.INVALID_CMD]: 'The security key does not support that command.',
  [CTAPHID_ERR.INVALID_PAR]: 'The security key rejected a parameter of the request.',
  [CTAPHID_ERR.INVALID_LEN]: 'The security key rejected the length of the request.',
  [CTAPHID_ERR.INVALID_SEQ]: 'Packets reached the security key out of order. Try again.',
  [CTAPHID_ERR.MSG_TIMEOUT]: 'The security key timed out waiting for the rest of a message. Try again.',
  [CTAPHID_ERR.CHANNEL_BUSY]: 'The security key is busy with another program. Close other programs using it and try again.',
  [CTAPHID_ERR.LOCK_REQUIRED]: 'The security key is locked by another program. Close it and try again.',
  [CTAPHID_ERR.INVALID_CHANNEL]: 'The security key does not know this channel (it may have been re-plugged). Try again.',
  [CTAPHID_ERR.OTHER]: 'The security key reported an unspecified error. Unplug it, plug it back in, and try again.',
};

export function hidErrorFor(code: number): CtapHidError {
  const text = HID_ERROR_TEXT[code] ?? `The security key reported transport error 0x${code.toString(16).padStart(2, '0')}.`;
  return new CtapHidError(code, text);
}

function writeCid(buf: Uint8Array, cid: number): void {
  new DataView(buf.buffer, buf.byteOffset, buf.byteLength).setUint32(0, cid >>> 0, false);
}

export function readCid(packet: Uint8Array): number {
  return new DataView(packet.buffer, packet.byteOffset, packet.byteLength).getUint32(0, false);
}

/** Cuts one message into HID reports; unused tail bytes are zero (§11.2.4). */
export function fragmentMessage(msg: HidMessage, reportSize = HID_REPORT_SIZE): Uint8Array[] {
  const { cid, cmd, payload } = msg;
  if (cmd < 0 || cmd > 0x7f) throw new InvalidInputError('CTAPHID_BAD_CMD', `CTAPHID command 0x${cmd.toString(16)} is out of range.`);
  if (payload.length > maxMessageSize(reportSize)) {
    throw new InvalidInputError('CTAPHID_TOO_LONG', `A CTAPHID message holds at most ${maxMessageSize(reportSize)} bytes; this one has ${payload.length}.`);
  }
  const packets: Uint8Array[] = [];
  const init = new Uint8Array(reportSize);
  writeCid(init, cid);
  init[4] = TYPE_INIT | cmd;
  init[5] = (payload.length >> 8) & 0xff;
  init[6] = payload.length & 0xff;
  let offset = Math.min(payload.length, reportSize - INIT_HEADER_SIZE);
  init.set(payload.subarray(0, offset), INIT_HEADER_SIZE);
  packets.push(init);
  for (let seq = 0; offset < payload.length; seq++) {
    const cont = new Uint8Array(reportSize);
    writeCid(cont, cid);
    cont[4] = seq;
    const n = Math.min(payload.length - offset, reportSize - CONT_HEADER_SIZE);
    cont.set(payload.subarray(offset, offset + n), CONT_HEADER_SIZE);
    offset += n;
    packets.push(cont);
  }
  return packets;
}

export type ReassemblyEvent =
  | { kind: 'complete'; message: HidMessage }
  | { kind: 'pending' }
  /** Not for this reassembly: another channel, or a stray continuation packet. */
  | { kind: 'ignored'; cid: number }
  | { kind: 'error'; cid: number; hidCode: number };

/**
 * Collects the packets of one message on one channel, checking the rules of §11.2.4: the first
 * packet is an initialization packet, continuations carry the expected CID and SEQ 0, 1, 2…,
 * and the declared length is within the maximum. Used by both ends (host and virtual key).
 */
export class Reassembler {
  private current: { cid: number; cmd: number; buf: Uint8Array; filled: number; nextSeq: number } | undefined;

  constructor(
    private readonly reportSize = HID_REPORT_SIZE,
    /** Accept only this channel (host side); undefined accepts any (device side). */
    private readonly expectCid?: number,
  ) {}

  get busyCid(): number | undefined {
    return this.current?.cid;
  }

  reset(): void {
    this.current = undefined;
  }

  push(packet: Uint8Array): ReassemblyEvent {
    if (packet.length !== this.reportSize) return { kind: 'error', cid: packet.length >= 4 ? readCid(packet) : 0, hidCode: CTAPHID_ERR.INVALID_LEN };
    const cid = readCid(packet);
    if (this.expectCid !== undefined && cid !== this.expectCid) return { kind: 'ignored', cid };
    const head = packet[4];
    if (head & TYPE_INIT) {
      if (this.current && this.current.cid !== cid) return { kind: 'error', cid, hidCode: CTAPHID_ERR.CHANNEL_BUSY };
      const length = (packet[5] << 8) | packet[6];
      if (length > maxMessageSize(this.reportSize)) {
        this.current = undefined;
        return { kind: 'error', cid, hidCode: CTAPHID_ERR.INVALID_LEN };
      }
      const buf = new Uint8Array(length);
      const n = Math.min(length, this.reportSize - INIT_HEADER_SIZE);
      buf.set(packet.subarray(INIT_HEADER_SIZE, INIT_HEADER_SIZE + n));
      this.current = { cid, cmd: head & 0x7f, buf, filled: n, nextSeq: 0 };
    } else {
      const cur = this.current;
      if (!cur || cur.cid !== cid) return { kind: 'ignored', cid };
      if (head !== cur.nextSeq) {
        this.current = undefined;
        return { kind: 'error', cid, hidCode: CTAPHID_ERR.INVALID_SEQ };
      }
      const n = Math.min(cur.buf.length - cur.filled, this.reportSize - CONT_HEADER_SIZE);
      cur.buf.set(packet.subarray(CONT_HEADER_SIZE, CONT_HEADER_SIZE + n), cur.filled);
      cur.filled += n;
      cur.nextSeq++;
    }
    const cur = this.current!;
    if (cur.filled < cur.buf.length) return { kind: 'pending' };
    this.current = undefined;
    return { kind: 'complete', message: { cid: cur.cid, cmd: cur.cmd, payload: cur.buf } };
  }
}

/** Convenience for tests and one-shot use: reassembles a complete packet list or throws. */
export function reassembleMessage(packets: Uint8Array[], reportSize = HID_REPORT_SIZE): HidMessage {
  const r = new Reassembler(reportSize);
  for (let i = 0; i < packets.length; i++) {
    const ev = r.push(packets[i]);
    if (ev.kind === 'error') throw hidErrorFor(ev.hidCode);
    if (ev.kind === 'ignored') throw new InvalidInputError('CTAPHID_STRAY', `Packet ${i} does not belong to the message being reassembled.`);
    if (ev.kind === 'complete') {
      if (i !== packets.length - 1) throw new InvalidInputError('CTAPHID_EXTRA', 'Packets remain after the message was complete.');
      return ev.message;
    }
  }
  throw new InvalidInputError('CTAPHID_INCOMPLETE', 'The message ended before its declared length.');
}

export interface InitResponse {
  nonce: Uint8Array;
  cid: number;
  protocolVersion: number;
  deviceVersion: { major: number; minor: number; build: number };
  capabilities: number;
}

export function encodeInitResponse(r: InitResponse): Uint8Array {
  const out = new Uint8Array(INIT_RESPONSE_SIZE);
  out.set(r.nonce, 0);
  new DataView(out.buffer).setUint32(8, r.cid >>> 0, false);
  out[12] = r.protocolVersion;
  out[13] = r.deviceVersion.major;
  out[14] = r.deviceVersion.minor;
  out[15] = r.deviceVersion.build;
  out[16] = r.capabilities;
  return out;
}

export function parseInitResponse(payload: Uint8Array): InitResponse {
  if (payload.length < INIT_RESPONSE_SIZE) {
    throw new StationError('FIDO_BAD_RESPONSE', `The security key answered CTAPHID_INIT with ${payload.length} bytes instead of ${INIT_RESPONSE_SIZE}.`);
  }
  return {
    nonce: payload.slice(0, 8),
    cid: new DataView(payload.buffer, payload.byteOffset, payload.byteLength).getUint32(8, false),
    protocolVersion: payload[12],
    deviceVersion: { major: payload[13], minor: payload[14], build: payload[15] },
    capabilities: payload[16],
  };
}
