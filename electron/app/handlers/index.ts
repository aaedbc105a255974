import type { Station } from '../station';
import { createDispatcher, type Dispatch, type HandlerTable } from '../dispatch';
import { signOutIfIdle } from './admin-services';
import { appHandlers } from './app';
import { scannerHandlers } from './scanners';
import { authHandlers } from './auth';
import { policyHandlers } from './policy';
import { auditHandlers } from './audit';
import { issuanceHandlers } from './issuance';
import { deviceIssuanceHandlers } from './devices-issuance';

/** The one handler table, served by Electron IPC and by browser mode alike. */
export function createHandlers(station: Station): HandlerTable {
  return {
    ...appHandlers(station),
    ...scannerHandlers(station),
    ...authHandlers(station),
    ...policyHandlers(station),
    ...auditHandlers(station),
    ...issuanceHandlers(station),
    ...deviceIssuanceHandlers(station),
  };
}

/** The dispatcher both entry points serve: the handler table, with idle sign-out checked before access. */
export function createStationDispatcher(station: Station): Dispatch {
  return createDispatcher(createHandlers(station), station.log, undefined, { beforeAccess: (session) => signOutIfIdle(station, session) });
}
