/**
 * The transport stack over the one port `transmit(raw C-APDU) → raw R-APDU`. Each ISO 7816-4 mechanism
 * is a small processor wrapping the next: command chaining (CLA 10, 255-byte blocks) → 6C xx re-send with
 * the right Le → 61 xx GET RESPONSE loop → encode/decode. Status words are NOT turned into errors here;
 * callers use `expectSuccess` (status.ts) so that happens exactly once.
 */
import { type ApduFormat, type CommandApdu, decodeResponseApdu, encodeCommandApdu, type ResponseApdu, type Transmit } from './apdu';
import { concatBytes } from './bytes';
import { CHAIN_BLOCK_SIZE, CLA, INS, SW, SW1 } from './constants';
import { MalformedDataError } from './errors';

/** Sends one logical command and returns its complete response. */
export type ApduChannel = (cmd: CommandApdu) => Promise<ResponseApdu>;

/** A card answering 61 xx forever would hang us; 1024 rounds is far beyond any PIV object (≥ 256 KB). */
const MAX_GET_RESPONSE_ROUNDS = 1024;

/** Bottom of the stack: encode, transmit, decode (a response shorter than 2 bytes is MalformedDataError). */
export function rawChannel(transmit: Transmit, format: ApduFormat = 'short'): ApduChannel {
  return async (cmd) => decodeResponseApdu(await transmit(encodeCommandApdu(cmd, format)));
}

/** 61 xx → GET RESPONSE `00 C0 00 00 xx` until the card stops saying "more data". */
export function withResponseChaining(next: ApduChannel): ApduChannel {
  return async (cmd) => {
    let res = await next(cmd);
    if (res.sw >>> 8 !== SW1.MORE_DATA) return res;
    const parts: Uint8Array[] = [res.data];
    for (let round = 0; res.sw >>> 8 === SW1.MORE_DATA; round++) {
      if (round >= MAX_GET_RESPONSE_ROUNDS) {
        throw new MalformedDataError('The card kept answering "more data" (61xx) without end', { rounds: round });
      }
      const left = res.sw & 0xff;
      res = await next({ cla: CLA.ISO, ins: INS.GET_RESPONSE, p1: 0x00, p2: 0x00, le: left === 0 ? 256 : left });
      parts.push(res.data);
    }
    return { data: concatBytes(...parts), sw: res.sw };
  };
}

/** 6C xx → re-send the same command once with Le = xx (00 = 256). */
export function withWrongLeRetry(next: ApduChannel): ApduChannel {
  return async (cmd) => {
    const res = await next(cmd);
    if (res.sw >>> 8 !== SW1.WRONG_LE) return res;
    const le = res.sw & 0xff;
    return next({ ...cmd, le: le === 0 ? 256 : le });
  };
}

/**
 * Splits command data longer than `blockSize` into blocks with CLA bit 5 set on all but the last. An
 * intermediate block answered with anything but 90 00 ends the chain and that answer is returned.
 */
export function withCommandChaining(next: ApduChannel, blockSize = CHAIN_BLOCK_SIZE): ApduChannel {
  return async (cmd) => {
    const data = cmd.data ?? new Uint8Array(0);
    if (data.length <= blockSize) return next(cmd);
    let offset = 0;
    for (;;) {
      const block = data.subarray(offset, offset + blockSize);
      offset += block.length;
      const last = offset >= data.length;
      if (last) return next({ ...cmd, data: block });
      const { le: _le, ...withoutLe } = cmd;
      const res = await next({ ...withoutLe, cla: cmd.cla | CLA.CHAINING, data: block });
      if (res.sw !== SW.SUCCESS) return res;
    }
  };
}

export interface TransportOptions {
  /** Use extended APDUs instead of command chaining (only if the card/reader advertise it). */
  extended?: boolean;
  /** Command-chaining block size (default 255, as both reference tools use). */
  blockSize?: number;
}

/** The standard stack used by PivSession. */
export function createChannel(transmit: Transmit, options: TransportOptions = {}): ApduChannel {
  const bottom = withResponseChaining(rawChannel(transmit, options.extended ? 'auto' : 'short'));
  const withLe = withWrongLeRetry(bottom);
  return options.extended ? withLe : withCommandChaining(withLe, options.blockSize);
}

export interface TransmitStats {
  apdus: number;
  bytesSent: number;
  bytesReceived: number;
}

/** Wraps a transmit port to count APDUs and bytes (benchmarks, traces). */
export function countingTransmit(transmit: Transmit): { transmit: Transmit; stats: TransmitStats } {
  const stats: TransmitStats = { apdus: 0, bytesSent: 0, bytesReceived: 0 };
  return {
    stats,
    transmit: async (apdu) => {
      stats.apdus++;
      stats.bytesSent += apdu.length;
      const res = await transmit(apdu);
      stats.bytesReceived += res.length;
      return res;
    },
  };
}
