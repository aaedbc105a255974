import type { Station } from '../station';
import type { CallContext } from '../context';
import type { Session } from '../session';
import { OperatorService } from '../../operators/service';
import { PolicyService } from '../../policy/service';
import { AuditService } from '../../audit/service';
import type { Actor } from '../../operators/roles';

export interface AdminServices {
  operators: OperatorService;
  policy: PolicyService;
  audit: AuditService;
}

const byStation = new WeakMap<Station, AdminServices>();

/** The admin-side services of a station, built once on first use (the policy-signing key is made when first needed). */
export function adminServices(station: Station): AdminServices {
  let s = byStation.get(station);
  if (!s) {
    const db = station.database.db;
    s = { operators: new OperatorService(db), policy: new PolicyService(db, undefined, station.keyProtector), audit: new AuditService(db) };
    byStation.set(station, s);
  }
  return s;
}

/** The operator signed in on this window, fresh from the store (role changes apply at once). */
export function actorOf(station: Station, ctx: CallContext): Actor {
  return adminServices(station).operators.currentActor(ctx.session.operator);
}

/**
 * Server-side idle sign-out, for the dispatcher to call before it touches the session: when the window
 * has been idle longer than the station setting, the operator is signed out (and that is journalled)
 * and the call proceeds as not signed in (AUTH_REQUIRED for non-public channels). Returns true then.
 */
export function signOutIfIdle(station: Station, session: Session): boolean {
  if (!session.operator) return false;
  const ops = adminServices(station).operators;
  if (!ops.isIdle(session.lastActivity)) return false;
  try {
    ops.recordSignOut(ops.currentActor(session.operator), 'idle');
  } catch {
    // the account is gone: nothing to record
  }
  session.operator = null;
  return true;
}
