/**
 * vpcd wire protocol (vsmartcard `vpcd.c` / `ifd-vpcd.c`, reference §6): every message in both
 * directions is a 2-byte big-endian length followed by that many payload bytes. A 1-byte payload from
 * vpcd is a control byte; anything longer is a command APDU. Pure: no sockets here.
 */

/** Base TCP port of vpcd (`0x8C7B`); slot n listens on base + n. */
export const VPCD_BASE_PORT = 0x8c7b; // 35963
/** Largest payload the 2-byte length can carry. */
export const VPCD_MAX_PAYLOAD = 0xffff;
/** Length of the big-endian length prefix. */
export const VPCD_LENGTH_BYTES = 2;

/** Control bytes vpcd sends as a 1-byte payload. Only GET_ATR is answered. */
export const VpcdControl = {
  POWER_OFF: 0x00,
  POWER_ON: 0x01,
  RESET: 0x02,
  GET_ATR: 0x04,
} as const;
export type VpcdControlByte = (typeof VpcdControl)[keyof typeof VpcdControl];

export type VpcdMessage =
  | { kind: 'control'; control: VpcdControlByte }
  | { kind: 'unknown-control'; value: number }
  | { kind: 'apdu'; apdu: Uint8Array };

/** Prefixes `payload` with its 2-byte big-endian length. */
export function encodeFrame(payload: Uint8Array): Uint8Array {
  if (payload.length > VPCD_MAX_PAYLOAD) {
    throw new RangeError(`vpcd frame payload of ${payload.length} bytes exceeds ${VPCD_MAX_PAYLOAD}`);
  }
  const out = new Uint8Array(VPCD_LENGTH_BYTES + payload.length);
  out[0] = payload.length >> 8;
  out[1] = payload.length & 0xff;
  out.set(payload, VPCD_LENGTH_BYTES);
  return out;
}

/** Turns one received payload into a message. */
export function classifyPayload(payload: Uint8Array): VpcdMessage {
  if (payload.length === 1) {
    const value = payload[0];
    const known = Object.values(VpcdControl) as number[];
    return known.includes(value) ? { kind: 'control', control: value as VpcdControlByte } : { kind: 'unknown-control', value };
  }
  return { kind: 'apdu', apdu: payload };
}

/**
 * Reassembles frames from a TCP byte stream (frames can be split or coalesced arbitrarily).
 * A zero-length frame is skipped: vpcd never sends one and there is nothing to answer.
 */
export class FrameDecoder {
  private buffer: Uint8Array = new Uint8Array(0);

  push(chunk: Uint8Array): Uint8Array[] {
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer, 0);
    joined.set(chunk, this.buffer.length);
    const frames: Uint8Array[] = [];
    let offset = 0;
    while (joined.length - offset >= VPCD_LENGTH_BYTES) {
      const length = (joined[offset] << 8) | joined[offset + 1];
      if (joined.length - offset - VPCD_LENGTH_BYTES < length) break;
      const start = offset + VPCD_LENGTH_BYTES;
      if (length > 0) frames.push(joined.slice(start, start + length));
      offset = start + length;
    }
    this.buffer = joined.slice(offset);
    return frames;
  }

  /** Bytes received but not yet forming a whole frame. */
  get pending(): number {
    return this.buffer.length;
  }
}

/** PC/SC name of the vpcd reader listening on `port` (FRIENDLYNAME "Virtual PCD", slot = port - base). */
export function vpcdReaderName(port: number): string {
  const slot = port - VPCD_BASE_PORT;
  if (slot < 0 || slot > 0xff) return `the vpcd reader on port ${port}`; // not a slot of the stock reader.conf
  return `Virtual PCD 00 ${slot.toString(16).toUpperCase().padStart(2, '0')}`;
}
