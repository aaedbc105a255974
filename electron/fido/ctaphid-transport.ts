import { randomBytes } from 'node:crypto';
import { StationError } from '../common/errors';
import {
  CID_BROADCAST,
  CTAPHID,
  HID_REPORT_SIZE,
  INIT_NONCE_SIZE,
  KEEPALIVE_STATUS,
  Reassembler,
  fragmentMessage,
  hidErrorFor,
  parseInitResponse,
  type InitResponse,
} from './ctaphid';
import type { HidReportDevice } from './hid-port';

export type KeepaliveStatus = 'processing' | 'user-presence-needed';

export interface TransactOptions {
  /** Whole-transaction limit; keepalives do not extend it. */
  timeoutMs?: number;
  /** Called for each CTAPHID_KEEPALIVE, so the UI can say "touch the key". */
  onKeepalive?: (status: KeepaliveStatus) => void;
  /** Aborting sends CTAPHID_CANCEL; the key then answers CTAP2_ERR_KEEPALIVE_CANCEL. */
  signal?: AbortSignal;
}

export interface TransportTimeouts {
  /** How long to wait for any single report before giving up. */
  readMs: number;
  /** Default whole-transaction limit (reset waits for a touch, so this is generous). */
  transactionMs: number;
}

export const DEFAULT_TIMEOUTS: TransportTimeouts = { readMs: 1_000, transactionMs: 35_000 };

const noResponse = (): StationError =>
  new StationError('FIDO_NO_RESPONSE', 'The security key stopped answering. Unplug it, plug it back in, and try again.');

/**
 * One CTAPHID channel on one device (§11.2.9.1.3): INIT on the broadcast channel with a random nonce
 * allocates a channel id; every later message runs on that id. One transaction at a time.
 */
export class CtapHidConnection {
  private constructor(
    private readonly device: HidReportDevice,
    readonly cid: number,
    readonly init: InitResponse,
    private readonly timeouts: TransportTimeouts,
    private readonly clock: () => number,
  ) {}

  static async open(
    device: HidReportDevice,
    options: { timeouts?: TransportTimeouts; nonce?: Uint8Array; clock?: () => number } = {},
  ): Promise<CtapHidConnection> {
    const timeouts = options.timeouts ?? DEFAULT_TIMEOUTS;
    const clock = options.clock ?? Date.now;
    const nonce = options.nonce ?? new Uint8Array(randomBytes(INIT_NONCE_SIZE));
    for (const p of fragmentMessage({ cid: CID_BROADCAST, cmd: CTAPHID.INIT, payload: nonce })) await device.write(p);
    const deadline = clock() + timeouts.transactionMs;
    const reassembler = new Reassembler(HID_REPORT_SIZE, CID_BROADCAST);
    while (clock() < deadline) {
      const packet = await device.read(timeouts.readMs);
      if (!packet) throw noResponse();
      const ev = reassembler.push(packet);
      if (ev.kind === 'error') throw hidErrorFor(ev.hidCode);
      if (ev.kind !== 'complete') continue;
      if (ev.message.cmd === CTAPHID.ERROR) throw hidErrorFor(ev.message.payload[0] ?? 0x7f);
      if (ev.message.cmd !== CTAPHID.INIT) continue;
      const init = parseInitResponse(ev.message.payload);
      // Another program's INIT answer on the broadcast channel carries its nonce, not ours: skip it.
      if (!init.nonce.every((b, i) => b === nonce[i])) continue;
      if (init.cid === CID_BROADCAST || init.cid === 0) {
        throw new StationError('FIDO_BAD_RESPONSE', 'The security key allocated an invalid channel. Unplug it and plug it back in.');
      }
      return new CtapHidConnection(device, init.cid, init, timeouts, clock);
    }
    throw noResponse();
  }

  /** Sends one request and returns the response payload of the same command. */
  async transact(cmd: number, payload: Uint8Array, options: TransactOptions = {}): Promise<Uint8Array> {
    for (const p of fragmentMessage({ cid: this.cid, cmd, payload })) await this.device.write(p);
    const deadline = this.clock() + (options.timeoutMs ?? this.timeouts.transactionMs);
    const reassembler = new Reassembler(HID_REPORT_SIZE, this.cid);
    let cancelSent = false;
    while (this.clock() < deadline) {
      if (options.signal?.aborted && !cancelSent) {
        await this.cancel();
        cancelSent = true;
      }
      const packet = await this.device.read(this.timeouts.readMs);
      if (!packet) throw noResponse();
      const ev = reassembler.push(packet);
      if (ev.kind === 'error') throw hidErrorFor(ev.hidCode);
      if (ev.kind !== 'complete') continue;
      const { cmd: got, payload: body } = ev.message;
      if (got === CTAPHID.KEEPALIVE) {
        options.onKeepalive?.(body[0] === KEEPALIVE_STATUS.UPNEEDED ? 'user-presence-needed' : 'processing');
        continue;
      }
      if (got === CTAPHID.ERROR) throw hidErrorFor(body[0] ?? 0x7f);
      if (got !== cmd) {
        throw new StationError('FIDO_BAD_RESPONSE', `The security key answered command 0x${cmd.toString(16)} with command 0x${got.toString(16)}.`);
      }
      return body;
    }
    if (!cancelSent) await this.cancel();
    throw new StationError('FIDO_TIMEOUT', 'The security key did not finish in time. Unplug it, plug it back in, and try again.');
  }

  /** CTAPHID_CANCEL has no response (§11.2.9.1.5). */
  async cancel(): Promise<void> {
    for (const p of fragmentMessage({ cid: this.cid, cmd: CTAPHID.CANCEL, payload: new Uint8Array(0) })) await this.device.write(p);
  }

  async ping(data: Uint8Array): Promise<Uint8Array> {
    return this.transact(CTAPHID.PING, data);
  }

  /** Blinks the key so the operator knows which one is meant (optional capability). */
  async wink(): Promise<void> {
    await this.transact(CTAPHID.WINK, new Uint8Array(0));
  }

  async close(): Promise<void> {
    await this.device.close();
  }
}

