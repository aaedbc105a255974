import { StationError } from '../common/errors';
import { ROLE_LABELS, type Actor, type Role } from './roles';

export class ForbiddenError extends StationError {
  constructor(actor: Actor | undefined, roles: readonly Role[], what: string) {
    const need = roles.map((r) => ROLE_LABELS[r]).join(' or ');
    super('FORBIDDEN', actor ? `${actor.name} (${ROLE_LABELS[actor.role]}) may not ${what}: only a ${need} may. Ask a ${need} to do it.` : `Sign in as a ${need} to ${what}.`, {
      required: [...roles],
      ...(actor ? { role: actor.role } : {}),
    });
  }
}

/** One message for unknown name and wrong password, so the reply does not reveal which names exist. */
export class SignInFailedError extends StationError {
  constructor(attemptsLeft?: number) {
    super('SIGN_IN_FAILED', `Wrong operator name or password.${attemptsLeft !== undefined && attemptsLeft <= 2 ? ` ${attemptsLeft} attempt(s) left before the account is locked.` : ''} Check both and try again.`, attemptsLeft === undefined ? undefined : { attemptsLeft });
  }
}

export class AccountLockedError extends StationError {
  constructor(name: string, until: string) {
    super('ACCOUNT_LOCKED', `The account ${name} is locked after too many failed sign-ins until ${until}. Wait, or ask a System Manager to unlock it.`, { name, until });
  }
}

export class SessionExpiredError extends StationError {
  constructor(reason: 'idle' | 'unknown') {
    super('SESSION_EXPIRED', reason === 'idle' ? 'You were signed out after a period of inactivity. Sign in again.' : 'You are not signed in (or your session ended). Sign in again.', { reason });
  }
}

export function requireRole(actor: Actor | undefined, roles: readonly Role[], what: string): asserts actor is Actor {
  if (!actor || !roles.includes(actor.role)) throw new ForbiddenError(actor, roles, what);
}
