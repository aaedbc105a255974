import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Dispatch } from '../app/dispatch';
import type { Logger } from '../app/logger';
import { Session } from '../app/session';
import type { IpcResult } from '../ipc/define';
import type { EventName, EventPayload } from '../ipc/events';
import { isAppUrl } from './window';

export const INVOKE_CHANNEL = 'station:invoke';
export const EVENT_CHANNEL = 'station:event';

/**
 * Electron IPC → the shared dispatcher. A message counts only if it comes from the main frame of one of
 * our windows showing our packaged app; anything else is refused and logged.
 */
export function registerIpc(ipcMain: IpcMain, dispatch: Dispatch, log: Logger): { sessionFor(contents: WebContents): Session } {
  const sessions = new WeakMap<WebContents, Session>();
  const sessionFor = (contents: WebContents): Session => {
    let s = sessions.get(contents);
    if (!s) {
      s = new Session();
      sessions.set(contents, s);
    }
    return s;
  };

  ipcMain.handle(INVOKE_CHANNEL, async (event: IpcMainInvokeEvent, channel: unknown, payload: unknown): Promise<IpcResult<unknown>> => {
    const frame = event.senderFrame;
    if (!frame || frame !== event.sender.mainFrame || !isAppUrl(frame.url)) {
      log.warn('ipc.untrusted-sender', { url: frame?.url?.slice(0, 120) ?? null });
      return { ok: false, error: { code: 'IPC_UNTRUSTED_SENDER', message: 'This request did not come from the station app and was refused.' } };
    }
    const push = <E extends EventName>(name: E, body: EventPayload<E>) => {
      if (!event.sender.isDestroyed()) event.sender.send(EVENT_CHANNEL, name, body);
    };
    return dispatch(channel, payload, { session: sessionFor(event.sender), emit: push });
  });
  return { sessionFor };
}
