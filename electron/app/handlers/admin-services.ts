import type { Station } from '../station';
import type { CallContext } from '../context';
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

/** The admin-side services of a station, built once on first use (PolicyService makes the signing key then). */
export function adminServices(station: Station): AdminServices {
  let s = byStation.get(station);
  if (!s) {
    const db = station.database.db;
    s = { operators: new OperatorService(db), policy: new PolicyService(db), audit: new AuditService(db) };
    byStation.set(station, s);
  }
  return s;
}

/** The operator signed in on this window, fresh from the store (role changes apply at once). */
export function actorOf(station: Station, ctx: CallContext): Actor {
  return adminServices(station).operators.currentActor(ctx.session.operator);
}
