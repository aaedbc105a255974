import type { VirtualCardPort } from './card-port';

/**
 * Training mode: the virtual card plugged straight into the session's transport, no pcscd or vpcd.
 * The returned function has the shape of a PC/SC transmit (one APDU in, data ‖ SW out); it copies
 * both ways so neither side can mutate the other's buffers.
 */
export interface DirectCardLink {
  transmit(apdu: Uint8Array): Promise<Uint8Array>;
  atr: Uint8Array;
  /** Simulates a card reset (what a PC/SC reconnect with SCARD_RESET_CARD does). */
  reset(): void;
}

export function directTransport(card: VirtualCardPort): DirectCardLink {
  card.reset();
  return {
    atr: card.atr().slice(),
    transmit: async (apdu) => card.process(apdu.slice()).slice(),
    reset: () => card.reset(),
  };
}
