import { connect, type Socket } from 'node:net';
import { classifyPayload, encodeFrame, FrameDecoder, VPCD_BASE_PORT, VpcdControl } from './framing';
import type { VirtualCardPort } from './card-port';

/**
 * Attaches a virtual card to vpcd (the reader driver inside pcscd). vpcd listens, the card connects as
 * a TCP client (reference §6), so "card inserted" = socket connected and "card pulled" = socket closed.
 * The client reconnects on its own when pcscd restarts or is not up yet.
 */
export interface VpcdClientOptions {
  card: VirtualCardPort;
  port?: number;
  /** vpcd binds every interface; the card side talks to loopback only. */
  host?: string;
  /** Wait between connection attempts while vpcd is not listening. */
  reconnectDelayMs?: number;
  /**
   * Test hook to pull the card at an exact point of an exchange: called before the card sees a command
   * (`processed` false) and after it has answered but before the answer is sent (`processed` true).
   * Returning true closes the socket there, like a card yanked from the reader.
   */
  pullWhen?: (apdu: Uint8Array, processed: boolean) => boolean;
  log?: (line: string) => void;
}

export type VpcdClientState = 'stopped' | 'connecting' | 'attached' | 'pulled';

type Listener = (state: VpcdClientState) => void;

export class VpcdClient {
  readonly port: number;
  private readonly host: string;
  private readonly card: VirtualCardPort;
  private readonly reconnectDelayMs: number;
  private readonly pullWhen?: VpcdClientOptions['pullWhen'];
  private readonly log: (line: string) => void;
  private socket?: Socket;
  private timer?: NodeJS.Timeout;
  private current: VpcdClientState = 'stopped';
  private readonly listeners = new Set<Listener>();

  constructor(options: VpcdClientOptions) {
    this.card = options.card;
    this.port = options.port ?? VPCD_BASE_PORT;
    this.host = options.host ?? '127.0.0.1';
    this.reconnectDelayMs = options.reconnectDelayMs ?? 500;
    this.pullWhen = options.pullWhen;
    this.log = options.log ?? (() => {});
  }

  get state(): VpcdClientState {
    return this.current;
  }

  onStateChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Connects (and keeps reconnecting) until `stop()` or `pull()`. */
  start(): void {
    if (this.current === 'connecting' || this.current === 'attached') return;
    this.setState('connecting');
    this.connectOnce();
  }

  /** Takes the card out of the reader: closes the socket and does not reconnect until `start()`. */
  pull(): void {
    this.clearTimer();
    this.setState('pulled');
    this.destroySocket();
  }

  /** Stops for good; resolves once the socket is closed. */
  async stop(): Promise<void> {
    this.clearTimer();
    this.setState('stopped');
    const socket = this.socket;
    this.destroySocket();
    if (socket && !socket.closed) await new Promise<void>((resolve) => socket.once('close', () => resolve()));
  }

  /** Resolves when the card is attached (socket connected to vpcd). */
  waitAttached(timeoutMs = 10_000): Promise<void> {
    if (this.current === 'attached') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`vpcd on port ${this.port} did not accept the virtual card within ${timeoutMs} ms; is pcscd running with vsmartcard-vpcd?`));
      }, timeoutMs);
      const off = this.onStateChange((s) => {
        if (s === 'attached') {
          clearTimeout(timer);
          off();
          resolve();
        }
      });
    });
  }

  private connectOnce(): void {
    const socket = connect({ host: this.host, port: this.port });
    socket.setNoDelay(true);
    this.socket = socket;
    const decoder = new FrameDecoder();
    socket.on('connect', () => {
      this.card.reset();
      this.log(`virtual card attached to vpcd on ${this.host}:${this.port}`);
      this.setState('attached');
    });
    socket.on('data', (chunk: Buffer) => {
      for (const payload of decoder.push(chunk)) {
        if (!this.handle(socket, payload)) return;
      }
    });
    socket.on('error', () => {
      // 'close' follows and decides whether to retry; a refused connection just means vpcd is not up yet.
    });
    socket.on('close', () => {
      if (this.socket === socket) this.socket = undefined;
      if (this.current === 'attached') this.log(`virtual card detached from vpcd on port ${this.port}`);
      if (this.current === 'attached' || this.current === 'connecting') {
        this.setState('connecting');
        this.timer = setTimeout(() => this.connectOnce(), this.reconnectDelayMs);
      }
    });
  }

  /** Returns false when the card was pulled while handling this payload. */
  private handle(socket: Socket, payload: Uint8Array): boolean {
    const message = classifyPayload(payload);
    if (message.kind === 'control') {
      if (message.control === VpcdControl.GET_ATR) socket.write(encodeFrame(this.card.atr()));
      else if (message.control === VpcdControl.POWER_OFF) this.card.powerOff();
      else this.card.reset(); // POWER_ON and RESET both start from a fresh volatile state
      return true;
    }
    if (message.kind === 'unknown-control') return true; // vpcd expects no reply to control bytes
    if (this.pullWhen?.(message.apdu, false)) {
      this.pull();
      return false;
    }
    const response = this.card.process(message.apdu);
    if (this.pullWhen?.(message.apdu, true)) {
      this.pull();
      return false;
    }
    socket.write(encodeFrame(response));
    return true;
  }

  private destroySocket(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private setState(state: VpcdClientState): void {
    if (this.current === state) return;
    this.current = state;
    for (const l of [...this.listeners]) l(state);
  }
}
