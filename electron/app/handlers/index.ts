import type { Station } from '../station';
import type { HandlerTable } from '../dispatch';
import { appHandlers } from './app';

/** The one handler table, served by Electron IPC and by browser mode alike. */
export function createHandlers(station: Station): HandlerTable {
  return {
    ...appHandlers(station),
  };
}
