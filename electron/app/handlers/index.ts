import type { Station } from '../station';
import type { HandlerTable } from '../dispatch';
import { appHandlers } from './app';
import { scannerHandlers } from './scanners';
import { authHandlers } from './auth';
import { policyHandlers } from './policy';
import { auditHandlers } from './audit';

/** The one handler table, served by Electron IPC and by browser mode alike. */
export function createHandlers(station: Station): HandlerTable {
  return {
    ...appHandlers(station),
    ...scannerHandlers(station),
    ...authHandlers(station),
    ...policyHandlers(station),
    ...auditHandlers(station),
  };
}
