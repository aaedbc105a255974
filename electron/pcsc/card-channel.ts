import { CardRemovedError } from '../piv/errors';
import { pcscErrors } from './errors';
import { CARD_GONE_CODES, pcscCodeHex, pcscCodeOf, SCARD, SERVICE_GONE_CODES } from './pcsc-codes';
import type { CardReaderLike } from './pcsclite-port';

/**
 * One exclusive PC/SC connection to one card for the length of one operation: connect with
 * SCARD_SHARE_EXCLUSIVE (no other process can interleave APDUs), run the operation, disconnect with a
 * card reset so PIN and management-key status never outlive the operation.
 */
export interface CardChannel {
  readonly reader: string;
  readonly atr: Uint8Array;
  /** Sends one command APDU, returns the raw response (data ‖ SW1 SW2). 61xx is left to the caller. */
  transmit(apdu: Uint8Array): Promise<Uint8Array>;
}

export interface ChannelTimeouts {
  /** How long to keep retrying while another program holds the card exclusively. */
  connectTimeoutMs: number;
  /** Longest wait for one APDU (key generation on real cards takes seconds). */
  apduTimeoutMs: number;
}

export const DEFAULT_CHANNEL_TIMEOUTS: ChannelTimeouts = { connectTimeoutMs: 5_000, apduTimeoutMs: 30_000 };

/** Receive buffer per APDU: 256 data bytes + SW for short APDUs, room for extended ones. */
const RECEIVE_BUFFER_BYTES = 65_538;
const SHARING_RETRY_MS = 100;
/** SW1 SW2: every answer from a present card has at least these two bytes. */
const SW_LENGTH = 2;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Turns a `pcsclite` error into a typed station error. */
export function translatePcscError(error: unknown, reader: string, what: string): Error {
  const code = pcscCodeOf(error);
  if (code !== undefined && CARD_GONE_CODES.has(code)) return new CardRemovedError({ reader, pcscCode: pcscCodeHex(code) }, { cause: error });
  if (code !== undefined && SERVICE_GONE_CODES.has(code)) return pcscErrors.serviceNotRunning({ reader }, error);
  if (code === SCARD.W_RESET_CARD) return pcscErrors.cardReset(reader);
  return pcscErrors.failure(reader, what, pcscCodeHex(code), error);
}

function connectExclusive(reader: CardReaderLike): Promise<number> {
  return new Promise((resolve, reject) => {
    reader.connect({ share_mode: reader.SCARD_SHARE_EXCLUSIVE, protocol: reader.SCARD_PROTOCOL_T0 | reader.SCARD_PROTOCOL_T1 }, (err, protocol) =>
      err ? reject(err) : resolve(protocol),
    );
  });
}

async function connectWithRetry(reader: CardReaderLike, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await connectExclusive(reader);
    } catch (error) {
      if (pcscCodeOf(error) === SCARD.E_SHARING_VIOLATION) {
        if (Date.now() >= deadline) throw pcscErrors.busy(reader.name, timeoutMs);
        await sleep(SHARING_RETRY_MS);
        continue;
      }
      // Nothing was sent yet, so a card that is gone at connect time is "no card", not "card removed".
      const code = pcscCodeOf(error);
      if (code === SCARD.E_NO_SMARTCARD || code === SCARD.W_REMOVED_CARD) throw pcscErrors.noCard(reader.name, 0);
      throw translatePcscError(error, reader.name, 'connect to the card');
    }
  }
}

function disconnectQuietly(reader: CardReaderLike): Promise<void> {
  return new Promise((resolve) => {
    reader.disconnect(reader.SCARD_RESET_CARD, (err) => {
      // A card pulled mid-operation makes SCardDisconnect fail; the handle is dead either way, and
      // `pcsclite` would otherwise believe it is still connected and skip the next real connect.
      if (err) reader.connected = false;
      resolve();
    });
  });
}

export async function withExclusiveChannel<T>(
  reader: CardReaderLike,
  atr: Uint8Array,
  operation: (channel: CardChannel) => Promise<T>,
  timeouts: ChannelTimeouts = DEFAULT_CHANNEL_TIMEOUTS,
): Promise<T> {
  const protocol = await connectWithRetry(reader, timeouts.connectTimeoutMs);
  let broken: Error | undefined;
  const channel: CardChannel = {
    reader: reader.name,
    atr,
    transmit: (apdu) => {
      if (broken) return Promise.reject(broken);
      return new Promise<Uint8Array>((resolve, reject) => {
        const timer = setTimeout(() => {
          broken = pcscErrors.timeout(reader.name, 'a command', timeouts.apduTimeoutMs);
          reject(broken);
        }, timeouts.apduTimeoutMs);
        reader.transmit(Buffer.from(apdu), RECEIVE_BUFFER_BYTES, protocol, (err, response) => {
          clearTimeout(timer);
          if (broken) return; // already timed out; the late answer is dropped
          if (err) {
            broken = translatePcscError(err, reader.name, 'exchange a command with the card');
            reject(broken);
          } else if (response.length < SW_LENGTH) {
            // vpcd (and some USB readers) report a card that vanished mid-APDU as success with no bytes.
            broken = new CardRemovedError({ reader: reader.name, reason: 'no status word' });
            reject(broken);
          } else resolve(new Uint8Array(response));
        });
      });
    },
  };
  try {
    return await operation(channel);
  } finally {
    await disconnectQuietly(reader);
  }
}
