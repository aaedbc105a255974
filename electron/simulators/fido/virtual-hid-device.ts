import {
  CAPABILITY,
  CID_BROADCAST,
  CTAPHID,
  CTAPHID_ERR,
  CTAPHID_PROTOCOL_VERSION,
  HID_REPORT_SIZE,
  INIT_NONCE_SIZE,
  KEEPALIVE_STATUS,
  Reassembler,
  encodeInitResponse,
  fragmentMessage,
  type HidMessage,
} from '../../fido/ctaphid';
import type { HidReportDevice } from '../../fido/hid-port';
import type { TouchOutcome, VirtualAuthenticator } from './virtual-authenticator';

/**
 * The device end of CTAPHID for a VirtualAuthenticator: channel allocation, reassembly with the
 * spec's checks, busy/cancel handling and keepalives while a command waits for a touch. It implements
 * the same HidReportDevice seam as the node-hid adapter, so the host code under test is the real one.
 */

export interface VirtualHidOptions {
  /** 'auto' touches the key as soon as it asks (tests); 'manual' waits for touch() (training). */
  touch?: 'auto' | 'manual';
  keepaliveIntervalMs?: number;
  touchTimeoutMs?: number;
}

/** One program's open handle: like hidraw, every input report reaches every open handle. */
class HandleQueue {
  readonly queue: Uint8Array[] = [];
  waiter: (() => void) | undefined;
  closed = false;

  push(report: Uint8Array): void {
    if (this.closed) return;
    this.queue.push(report);
    this.waiter?.();
  }

  async read(timeoutMs: number): Promise<Uint8Array | undefined> {
    if (this.queue.length > 0) return this.queue.shift();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        resolve();
      }, timeoutMs);
      this.waiter = () => {
        clearTimeout(timer);
        this.waiter = undefined;
        resolve();
      };
    });
    return this.queue.shift();
  }
}

interface Pending {
  cid: number;
  cancel: () => void;
}

export class VirtualFidoHidDevice implements HidReportDevice {
  private readonly primary = new HandleQueue();
  private readonly handles = new Set<HandleQueue>([this.primary]);
  private readonly channels = new Set<number>();
  private nextCid = 0x1d000001;
  private reassembler = new Reassembler(HID_REPORT_SIZE);
  private pending: Pending | undefined;
  private touchWaiter: ((o: TouchOutcome) => void) | undefined;
  /** Counts what the host sent, for tests that check the framing on the wire. */
  readonly stats = { reportsIn: 0, reportsOut: 0, keepalives: 0 };

  constructor(
    readonly authenticator: VirtualAuthenticator,
    private readonly options: VirtualHidOptions = {},
  ) {}

  /** Simulates unplug + replug: channels are forgotten and the authenticator powers up again. */
  replug(): void {
    this.pending?.cancel();
    this.pending = undefined;
    this.channels.clear();
    this.reassembler = new Reassembler(HID_REPORT_SIZE);
    for (const h of this.handles) h.queue.length = 0;
    this.primary.closed = false;
    this.authenticator.powerCycle();
  }

  /** The operator touches the key. Returns false if nothing was waiting for a touch. */
  touch(): boolean {
    const w = this.touchWaiter;
    if (!w) return false;
    this.touchWaiter = undefined;
    w('touched');
    return true;
  }

  get waitingForTouch(): boolean {
    return this.touchWaiter !== undefined;
  }

  /** A second program opening the same key (its own read queue, same device). */
  openHandle(): HidReportDevice {
    const h = new HandleQueue();
    this.handles.add(h);
    return {
      write: (report) => this.receive(report),
      read: (timeoutMs) => h.read(timeoutMs),
      close: async () => {
        h.closed = true;
        this.handles.delete(h);
      },
    };
  }

  async write(report: Uint8Array): Promise<void> {
    if (this.primary.closed) throw new Error('virtual device closed');
    return this.receive(report);
  }

  private async receive(report: Uint8Array): Promise<void> {
    this.stats.reportsIn++;
    const ev = this.reassembler.push(report);
    if (ev.kind === 'error') return this.sendError(ev.cid, ev.hidCode);
    if (ev.kind !== 'complete') return;
    this.onMessage(ev.message);
  }

  read(timeoutMs: number): Promise<Uint8Array | undefined> {
    return this.primary.read(timeoutMs);
  }

  async close(): Promise<void> {
    this.primary.closed = true;
    this.primary.queue.length = 0;
  }

  /** The host opens the device again after close() (the key itself never went away). */
  reopen(): void {
    this.primary.closed = false;
  }

  private send(message: HidMessage): void {
    for (const p of fragmentMessage(message)) {
      for (const h of this.handles) h.push(p);
      this.stats.reportsOut++;
    }
  }

  private sendError(cid: number, code: number): void {
    this.send({ cid, cmd: CTAPHID.ERROR, payload: Uint8Array.of(code) });
  }

  private onMessage(msg: HidMessage): void {
    const { cid, cmd, payload } = msg;
    if (cmd === CTAPHID.INIT) return this.onInit(cid, payload);
    if (cid === CID_BROADCAST || !this.channels.has(cid)) return this.sendError(cid, CTAPHID_ERR.INVALID_CHANNEL);
    if (cmd === CTAPHID.CANCEL) {
      if (this.pending?.cid === cid) this.pending.cancel();
      return; // CANCEL never gets an answer of its own
    }
    if (this.pending) return this.sendError(cid, CTAPHID_ERR.CHANNEL_BUSY);
    switch (cmd) {
      case CTAPHID.PING:
        return this.send({ cid, cmd, payload });
      case CTAPHID.WINK:
        return this.send({ cid, cmd, payload: new Uint8Array(0) });
      case CTAPHID.CBOR:
        return this.onCbor(cid, payload);
      default:
        // CTAPHID_MSG (U2F) and LOCK are not simulated.
        return this.sendError(cid, CTAPHID_ERR.INVALID_CMD);
    }
  }

  private onInit(cid: number, nonce: Uint8Array): void {
    if (nonce.length !== INIT_NONCE_SIZE) return this.sendError(cid, CTAPHID_ERR.INVALID_LEN);
    let assigned = cid;
    if (cid === CID_BROADCAST) {
      assigned = this.nextCid++;
      this.channels.add(assigned);
    } else if (this.channels.has(cid)) {
      // INIT on an existing channel resynchronizes it: abandon what it was doing (§11.2.9.1.3).
      if (this.pending?.cid === cid) this.pending.cancel();
    } else {
      return this.sendError(cid, CTAPHID_ERR.INVALID_CHANNEL);
    }
    const body = encodeInitResponse({
      nonce,
      cid: assigned,
      protocolVersion: CTAPHID_PROTOCOL_VERSION,
      deviceVersion: { major: 1, minor: 0, build: 0 },
      capabilities: CAPABILITY.WINK | CAPABILITY.CBOR | CAPABILITY.NMSG,
    });
    this.send({ cid, cmd: CTAPHID.INIT, payload: body });
  }

  private onCbor(cid: number, request: Uint8Array): void {
    let cancelled = false;
    let waitingTouch = false;
    let settleTouch: ((o: TouchOutcome) => void) | undefined;
    const interval = setInterval(() => {
      this.stats.keepalives++;
      this.send({ cid, cmd: CTAPHID.KEEPALIVE, payload: Uint8Array.of(waitingTouch ? KEEPALIVE_STATUS.UPNEEDED : KEEPALIVE_STATUS.PROCESSING) });
    }, this.options.keepaliveIntervalMs ?? 100);
    this.pending = {
      cid,
      cancel: () => {
        cancelled = true;
        settleTouch?.('cancelled');
      },
    };
    const presence = {
      waitForTouch: () =>
        new Promise<TouchOutcome>((resolve) => {
          if (cancelled) return resolve('cancelled');
          waitingTouch = true;
          const timer = setTimeout(() => settle('timeout'), this.options.touchTimeoutMs ?? 30_000);
          const settle = (o: TouchOutcome): void => {
            clearTimeout(timer);
            waitingTouch = false;
            settleTouch = undefined;
            if (this.touchWaiter === settle) this.touchWaiter = undefined;
            resolve(o);
          };
          settleTouch = settle;
          this.touchWaiter = settle;
          // Tell the host at once that a touch is needed, then keep reminding it every interval.
          this.send({ cid, cmd: CTAPHID.KEEPALIVE, payload: Uint8Array.of(KEEPALIVE_STATUS.UPNEEDED) });
          if ((this.options.touch ?? 'auto') === 'auto') setTimeout(() => this.touch(), 0);
        }),
    };
    void this.authenticator.handle(request, presence).then((response) => {
      clearInterval(interval);
      if (this.pending?.cid === cid) this.pending = undefined;
      if (!this.channels.has(cid)) return; // replugged meanwhile: nobody to answer
      this.send({ cid, cmd: CTAPHID.CBOR, payload: response });
    });
  }
}
