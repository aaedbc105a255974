/** What every command handler of the virtual card gets: persistent state, volatile status, randomness. */
import type { CardState } from './state';

export interface PendingAdminAuth {
  /** `witness`: mutual step 1 done, card holds W. `challenge`: external step 1 done, card holds C. */
  kind: 'witness' | 'challenge';
  algorithm: number;
  value: Uint8Array;
}

/** Cleared on power-on, reset and power-off (a YubiKey forgets PIN and admin status on reset). */
export interface VolatileState {
  pinVerified: boolean;
  adminAuthenticated: boolean;
  pendingAdminAuth?: PendingAdminAuth;
}

export interface CardCommand {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  /** Whole command data after chaining was reassembled. */
  data: Uint8Array;
}

export interface CardContext {
  state: CardState;
  volatile: VolatileState;
  random(length: number): Uint8Array;
  /** Call after every change of persistent state, once the change is complete. */
  changed(): void;
}

export function freshVolatile(): VolatileState {
  return { pinVerified: false, adminAuthenticated: false };
}
