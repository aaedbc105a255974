/**
 * The part of the npm `pcsclite` API the adapter uses, as interfaces, so unit tests can inject a fake
 * and only `pcsclite-native.ts` loads the native addon.
 */
export interface PcscReaderStatus {
  state: number;
  atr?: Uint8Array;
}

export type NodeCallback<T = void> = (err: Error | null | undefined, value: T) => void;

export interface CardReaderLike {
  readonly name: string;
  connected: boolean;
  readonly SCARD_SHARE_EXCLUSIVE: number;
  readonly SCARD_PROTOCOL_T0: number;
  readonly SCARD_PROTOCOL_T1: number;
  readonly SCARD_STATE_PRESENT: number;
  readonly SCARD_STATE_EMPTY: number;
  readonly SCARD_STATE_MUTE: number;
  readonly SCARD_LEAVE_CARD: number;
  readonly SCARD_RESET_CARD: number;
  on(event: 'status', listener: (status: PcscReaderStatus) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  connect(options: { share_mode?: number; protocol?: number }, cb: NodeCallback<number>): void;
  disconnect(disposition: number, cb: (err?: Error | null) => void): void;
  transmit(data: Buffer, resLen: number, protocol: number, cb: NodeCallback<Buffer>): void;
  close(): void;
}

export interface PcscLiteLike {
  on(event: 'reader', listener: (reader: CardReaderLike) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  close(): void;
}

/** Creates a PC/SC context; throws synchronously when pcscd is not reachable (like `pcsclite()`). */
export type PcscLiteFactory = () => PcscLiteLike;
