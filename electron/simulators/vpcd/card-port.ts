/**
 * What a virtual card must offer to be attached to vpcd or plugged straight into a transport.
 * `VirtualPivCard` implements it; tests can implement it with a few lines.
 */
export interface VirtualCardPort {
  /** Answer-To-Reset bytes of the card. */
  atr(): Uint8Array;
  /** Card powered on or reset: volatile state (selected applet, PIN/admin status, chains) is cleared. */
  reset(): void;
  /** Card powered off: same effect on volatile state as a reset. */
  powerOff(): void;
  /** One command APDU in, one response APDU (data ‖ SW1 SW2) out. Never throws. */
  process(apdu: Uint8Array): Uint8Array;
}
