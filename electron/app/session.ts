import { randomUUID } from 'node:crypto';

export interface SignedInOperator {
  id: string;
  name: string;
  role: string;
}

/**
 * One renderer's conversation with main: a window in Electron, a WebSocket connection in browser mode.
 * The operator signed in on it, if any; never any secret.
 */
export class Session {
  readonly id = randomUUID();
  operator: SignedInOperator | null = null;
  lastActivity = Date.now();

  touch(now = Date.now()): void {
    this.lastActivity = now;
  }
}
