import { PCSC_ERROR, PcscError, pcscErrors, PCSC_SERVICE_NOT_RUNNING_TEXT } from './errors';
import { DEFAULT_CHANNEL_TIMEOUTS, withExclusiveChannel, type CardChannel, type ChannelTimeouts } from './card-channel';
import type { CardReaderLike, PcscLiteFactory, PcscLiteLike, PcscReaderStatus } from './pcsclite-port';

/**
 * Owns the PC/SC context: lists readers, turns `pcsclite` status callbacks into reader/card events
 * with the ATR, notices when pcscd goes away (status "PC/SC service not running") and keeps retrying
 * until it is back. Card operations go through `withCard`, one exclusive connection at a time per reader.
 */
export interface ReaderInfo {
  name: string;
  cardPresent: boolean;
  atr?: Uint8Array;
}

export type PcscServiceState = 'stopped' | 'starting' | 'ready' | 'service-not-running';

export interface PcscStatus {
  state: PcscServiceState;
  message: string;
}

export type PcscEvent =
  | { type: 'status'; status: PcscStatus }
  | { type: 'reader-added'; reader: string }
  | { type: 'reader-removed'; reader: string }
  | { type: 'card-inserted'; reader: string; atr: Uint8Array }
  | { type: 'card-removed'; reader: string };

export interface ReaderManagerOptions {
  factory: PcscLiteFactory;
  /** Wait between attempts to reach pcscd while it is down. */
  retryMs?: number;
  timeouts?: Partial<ChannelTimeouts>;
}

export interface WithCardOptions {
  /** Reader name; exact match first, then case-insensitive substring. Default: first reader with a card. */
  reader?: string;
  /** How long to wait for a card (and for pcscd/readers to show up). */
  waitMs?: number;
}

const STATUS_TEXT: Record<PcscServiceState, string> = {
  stopped: 'PC/SC monitoring stopped',
  starting: 'Connecting to the PC/SC service',
  ready: 'PC/SC service running',
  'service-not-running': PCSC_SERVICE_NOT_RUNNING_TEXT,
};

/** Pause before trying again when the card was absent at connect time. */
const NO_CARD_RETRY_MS = 100;

interface Tracked {
  reader: CardReaderLike;
  info: ReaderInfo;
}

export class PcscReaderManager {
  private readonly factory: PcscLiteFactory;
  private readonly retryMs: number;
  private readonly timeouts: ChannelTimeouts;
  private context?: PcscLiteLike;
  private readonly tracked = new Map<string, Tracked>();
  private readonly listeners = new Set<(e: PcscEvent) => void>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private state: PcscServiceState = 'stopped';
  private retryTimer?: NodeJS.Timeout;
  private openedAt = 0;

  constructor(options: ReaderManagerOptions) {
    this.factory = options.factory;
    this.retryMs = options.retryMs ?? 1_000;
    this.timeouts = { ...DEFAULT_CHANNEL_TIMEOUTS, ...options.timeouts };
  }

  status(): PcscStatus {
    return { state: this.state, message: STATUS_TEXT[this.state] };
  }

  readers(): ReaderInfo[] {
    return [...this.tracked.values()].map((t) => ({ ...t.info }));
  }

  subscribe(listener: (e: PcscEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    if (this.state !== 'stopped') return;
    this.setState('starting');
    this.open();
  }

  stop(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.dropContext();
    this.setState('stopped');
  }

  /** Resolves with the first reader (matching `wanted`) that holds a card. */
  waitForCard(wanted: string | undefined, waitMs: number): Promise<ReaderInfo> {
    const pick = () => this.pick(wanted)?.info;
    const now = pick();
    if (now?.cardPresent) return Promise.resolve({ ...now });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        if (this.state === 'service-not-running') reject(pcscErrors.serviceNotRunning());
        else if (!pick()) reject(pcscErrors.noReader(wanted));
        else reject(pcscErrors.noCard(pick()!.name, waitMs));
      }, waitMs);
      const off = this.subscribe(() => {
        const info = pick();
        if (info?.cardPresent) {
          clearTimeout(timer);
          off();
          resolve({ ...info });
        }
      });
    });
  }

  /**
   * Runs `operation` over one exclusive connection; operations on the same reader never overlap. A card
   * that turns out to be absent at connect time (pcscd noticed the removal after we did) is waited for
   * again within `waitMs`; once APDUs have flowed nothing is retried.
   */
  async withCard<T>(options: WithCardOptions, operation: (channel: CardChannel) => Promise<T>): Promise<T> {
    const deadline = Date.now() + (options.waitMs ?? 0);
    for (;;) {
      const info = await this.waitForCard(options.reader, Math.max(0, deadline - Date.now()));
      try {
        return await this.runExclusive(info, operation);
      } catch (e) {
        if (!(e instanceof PcscError && e.code === PCSC_ERROR.NO_CARD) || Date.now() >= deadline) throw e;
        await new Promise((r) => setTimeout(r, NO_CARD_RETRY_MS));
      }
    }
  }

  private async runExclusive<T>(info: ReaderInfo, operation: (channel: CardChannel) => Promise<T>): Promise<T> {
    const previous = this.queues.get(info.name) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(async () => {
      const tracked = this.tracked.get(info.name);
      if (!tracked) throw pcscErrors.noReader(info.name);
      if (!tracked.info.cardPresent || !tracked.info.atr) throw pcscErrors.noCard(info.name, 0);
      return withExclusiveChannel(tracked.reader, tracked.info.atr, operation, this.timeouts);
    });
    this.queues.set(info.name, run);
    try {
      return await run;
    } finally {
      if (this.queues.get(info.name) === run) this.queues.delete(info.name);
    }
  }

  private pick(wanted: string | undefined): Tracked | undefined {
    const all = [...this.tracked.values()];
    if (wanted === undefined) return all.find((t) => t.info.cardPresent) ?? all[0];
    const exact = this.tracked.get(wanted);
    if (exact) return exact;
    const lower = wanted.toLowerCase();
    return all.find((t) => t.info.name.toLowerCase().includes(lower));
  }

  private open(): void {
    let context: PcscLiteLike;
    try {
      context = this.factory();
    } catch {
      this.serviceDown();
      return;
    }
    this.context = context;
    this.openedAt = Date.now();
    context.on('error', () => {
      if (this.context === context) this.serviceDown();
    });
    context.on('reader', (reader) => this.track(context, reader));
    this.setState('ready');
  }

  private track(context: PcscLiteLike, reader: CardReaderLike): void {
    if (this.context !== context) return;
    const info: ReaderInfo = { name: reader.name, cardPresent: false };
    this.tracked.set(reader.name, { reader, info });
    this.emit({ type: 'reader-added', reader: reader.name });
    // pcsclite can lose its context's own error: when pcscd goes away while the reader list it just sent
    // is still being handled on our thread, its watcher exits through that pending notification and the
    // error is never emitted (seen with the relay in test/integration/pcsc/service-status). A reader
    // watcher failing is the same daemon failing, so it is the signal we rely on as well.
    reader.on('error', () => this.rebuildSoon(context));
    reader.on('end', () => {
      if (this.tracked.get(reader.name)?.reader !== reader) return;
      this.tracked.delete(reader.name);
      this.emit({ type: 'reader-removed', reader: reader.name });
    });
    reader.on('status', (status: PcscReaderStatus) => this.onStatus(reader, info, status));
  }

  private onStatus(reader: CardReaderLike, info: ReaderInfo, status: PcscReaderStatus): void {
    const present = (status.state & reader.SCARD_STATE_PRESENT) !== 0 && (status.state & reader.SCARD_STATE_MUTE) === 0;
    const atr = status.atr && status.atr.length > 0 ? new Uint8Array(status.atr) : undefined;
    if (present && !info.cardPresent && atr) {
      info.cardPresent = true;
      info.atr = atr;
      this.emit({ type: 'card-inserted', reader: reader.name, atr });
    } else if (!present && info.cardPresent) {
      info.cardPresent = false;
      info.atr = undefined;
      this.emit({ type: 'card-removed', reader: reader.name });
    }
  }

  /**
   * Throws the context away and opens a new one: pcscd down then shows as "service not running", pcscd
   * up gives fresh reader watchers. Never sooner than `retryMs` after the last open, so readers that keep
   * failing cannot spin us; never inside the pcsclite callback, which holds the reader's lock that
   * closing the reader takes; and never under a card operation in flight.
   */
  private rebuildSoon(context: PcscLiteLike): void {
    if (this.context !== context || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.context !== context) return;
      // A reader can also fail alone (unplugged, a driver in trouble) while pcscd is fine: a card being
      // written in another reader keeps its connection, and the rebuild waits until every queued card
      // operation has settled (if pcscd is gone, they fail soon enough on their own).
      if (this.queues.size > 0) {
        void Promise.allSettled([...this.queues.values()]).then(() => this.rebuildSoon(context));
        return;
      }
      this.dropContext();
      this.open();
    }, Math.max(0, this.openedAt + this.retryMs - Date.now()));
  }

  private serviceDown(): void {
    this.dropContext();
    this.setState('service-not-running');
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.state === 'service-not-running') this.open();
    }, this.retryMs);
  }

  private dropContext(): void {
    const context = this.context;
    this.context = undefined;
    for (const [name, t] of this.tracked) {
      this.tracked.delete(name);
      if (t.info.cardPresent) this.emit({ type: 'card-removed', reader: name });
      this.emit({ type: 'reader-removed', reader: name });
      try {
        t.reader.close();
      } catch {
        // already closed by pcsclite after its own error
      }
    }
    try {
      context?.close();
    } catch {
      // a context whose daemon died may refuse to close; it is dropped either way
    }
  }

  private setState(state: PcscServiceState): void {
    if (this.state === state) return;
    this.state = state;
    this.emit({ type: 'status', status: this.status() });
  }

  private emit(event: PcscEvent): void {
    for (const l of [...this.listeners]) l(event);
  }
}
