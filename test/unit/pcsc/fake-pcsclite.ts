/**
 * A scripted stand-in for the npm `pcsclite` addon (no pcscd needed): readers that emit status events,
 * hold a virtual card, and fail the way libpcsclite does (errors carrying "(0x8010xxxx)").
 */
import { EventEmitter } from 'node:events';
import type { CardReaderLike, NodeCallback, PcscLiteLike } from '../../../electron/pcsc/pcsclite-port';
import type { VirtualCardPort } from '../../../electron/simulators/vpcd/card-port';

const STATE = { EMPTY: 0x10, PRESENT: 0x20, CHANGED: 0x02, MUTE: 0x200 };

export const pcscError = (method: string, text: string, code: number) =>
  new Error(`${method} error: ${text}(0x${code.toString(16).padStart(8, '0')})`);

export class FakeReader extends EventEmitter implements CardReaderLike {
  connected = false;
  readonly SCARD_SHARE_EXCLUSIVE = 1;
  readonly SCARD_PROTOCOL_T0 = 1;
  readonly SCARD_PROTOCOL_T1 = 2;
  readonly SCARD_STATE_PRESENT = STATE.PRESENT;
  readonly SCARD_STATE_EMPTY = STATE.EMPTY;
  readonly SCARD_STATE_MUTE = STATE.MUTE;
  readonly SCARD_LEAVE_CARD = 0;
  readonly SCARD_RESET_CARD = 1;
  card?: VirtualCardPort;
  /** Every connect's share mode and every disconnect's disposition, in order. */
  readonly log: string[] = [];
  /** Errors the next connect attempts throw, consumed one per attempt. */
  connectFailures: Error[] = [];
  /** Called before each transmit; may throw to fail it, or return a delay in ms. */
  beforeTransmit?: (apdu: Uint8Array) => number | void;
  closed = false;
  /** Answer transmits with zero bytes and success, as vpcd does when the card socket closed mid-APDU. */
  answerEmpty = false;

  constructor(readonly name: string) {
    super();
  }

  insert(card: VirtualCardPort): void {
    this.card = card;
    this.emit('status', { state: STATE.PRESENT | STATE.CHANGED, atr: Buffer.from(card.atr()) });
  }

  remove(): void {
    this.card = undefined;
    this.emit('status', { state: STATE.EMPTY | STATE.CHANGED, atr: Buffer.alloc(0) });
  }

  connect(options: { share_mode?: number; protocol?: number }, cb: NodeCallback<number>): void {
    setImmediate(() => {
      const failure = this.connectFailures.shift();
      if (failure) return cb(failure, 0);
      if (!this.card) return cb(pcscError('SCardConnect', 'No smart card inserted.', 0x8010000c), 0);
      this.log.push(`connect share=${options.share_mode}`);
      this.connected = true;
      this.card.reset();
      cb(null, this.SCARD_PROTOCOL_T1);
    });
  }

  disconnect(disposition: number, cb: (err?: Error | null) => void): void {
    setImmediate(() => {
      this.log.push(`disconnect ${disposition === this.SCARD_RESET_CARD ? 'reset' : disposition}`);
      if (!this.card) return cb(pcscError('SCardDisconnect', 'Card was removed.', 0x80100069));
      this.connected = false;
      this.card.reset();
      cb(null);
    });
  }

  transmit(data: Buffer, _resLen: number, _protocol: number, cb: NodeCallback<Buffer>): void {
    let delay: number;
    try {
      delay = this.beforeTransmit?.(new Uint8Array(data)) ?? 0;
    } catch (e) {
      setImmediate(() => cb(e as Error, Buffer.alloc(0)));
      return;
    }
    setTimeout(() => {
      if (!this.card) return cb(pcscError('SCardTransmit', 'Card was removed.', 0x80100069), Buffer.alloc(0));
      this.log.push('transmit');
      if (this.answerEmpty) return cb(null, Buffer.alloc(0));
      cb(null, Buffer.from(this.card.process(new Uint8Array(data))));
    }, delay);
  }

  close(): void {
    this.closed = true;
    this.emit('end');
  }
}

export class FakePcscLite extends EventEmitter implements PcscLiteLike {
  closed = false;
  close(): void {
    this.closed = true;
  }
  addReader(reader: FakeReader): void {
    this.emit('reader', reader);
  }
  /** What pcsclite does when SCardGetStatusChange fails because pcscd went away. */
  die(): void {
    this.emit('error', pcscError('SCardGetStatusChange', 'Service was stopped.', 0x8010001e));
  }
}

/** A factory that fails like `pcsclite()` without pcscd until `up` is set, and records contexts. */
export function fakeFactory() {
  const contexts: FakePcscLite[] = [];
  const control = {
    up: true,
    contexts,
    factory: (): PcscLiteLike => {
      if (!control.up) throw pcscError('SCardEstablishContext', 'Service not available.', 0x8010001d);
      const ctx = new FakePcscLite();
      contexts.push(ctx);
      return ctx;
    },
  };
  return control;
}
