import { randomBytes } from 'node:crypto';
import type { Actor } from './roles';

export interface Session {
  token: string;
  operator: Actor;
  startedAt: number;
  lastActivity: number;
}

/**
 * In-memory sessions: a restart signs everyone out, which is what a shared workstation wants. The idle
 * timeout is read on each check so a changed setting applies to running sessions at once.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly now: () => number) {}

  create(operator: Actor): Session {
    const token = randomBytes(32).toString('base64url');
    const t = this.now();
    const s = { token, operator, startedAt: t, lastActivity: t };
    this.sessions.set(token, s);
    return s;
  }

  /** The live session for the token (and marks activity), or why there is none. */
  touch(token: string, idleMs: number): Session | 'idle' | 'unknown' {
    const s = this.sessions.get(token);
    if (!s) return 'unknown';
    const t = this.now();
    if (t - s.lastActivity > idleMs) {
      this.sessions.delete(token);
      return 'idle';
    }
    s.lastActivity = t;
    return s;
  }

  end(token: string): boolean {
    return this.sessions.delete(token);
  }

  endAllFor(operatorId: number): void {
    for (const [token, s] of this.sessions) if (s.operator.id === operatorId) this.sessions.delete(token);
  }
}
