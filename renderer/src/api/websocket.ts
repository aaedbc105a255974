import type { ChannelName } from '../../../electron/ipc/contract';
import type { IpcResult } from '../../../electron/ipc/define';
import type { EventName, EventPayload } from '../../../electron/ipc/events';
import type { Transport } from './bridge';

const TOKEN_KEY = 'station.browserToken';

/** Take the per-run token from the URL fragment once, then keep it for reloads of this tab only. */
export function takeToken(): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, match[1]!);
    history.replaceState(null, '', `${window.location.pathname}#/`);
    return match[1]!;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** Browser mode: the same calls over the loopback WebSocket served next to the page. */
export function websocketTransport(token: string): Transport {
  let nextId = 1;
  const pending = new Map<number, (r: IpcResult<unknown>) => void>();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  let ready: Promise<WebSocket> | null = null;

  const failAll = (message: string) => {
    for (const resolve of pending.values()) resolve({ ok: false, error: { code: 'CONNECTION_LOST', message } });
    pending.clear();
  };

  const connect = (): Promise<WebSocket> =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://${window.location.host}/ipc`);
      ws.onopen = () => ws.send(JSON.stringify({ type: 'hello', token }));
      ws.onmessage = (ev) => {
        const msg = JSON.parse(String(ev.data)) as { type: string; id?: number; result?: IpcResult<unknown>; event?: string; payload?: unknown };
        if (msg.type === 'ready') resolve(ws);
        else if (msg.type === 'result' && msg.id !== undefined) {
          pending.get(msg.id)?.(msg.result!);
          pending.delete(msg.id);
        } else if (msg.type === 'event' && msg.event) listeners.get(msg.event)?.forEach((l) => l(msg.payload));
      };
      ws.onclose = (ev) => {
        ready = null;
        const why = ev.code === 4003 ? 'The browser-mode link was refused (wrong or expired token). Open the URL the station printed.' : 'The connection to the station was lost. Check that it is still running, then reload.';
        failAll(why);
        reject(new Error(why));
      };
    });

  return {
    async call(channel: ChannelName, request: unknown) {
      let ws: WebSocket;
      try {
        ready ??= connect();
        ws = await ready;
      } catch (e) {
        return { ok: false, error: { code: 'CONNECTION_LOST', message: e instanceof Error ? e.message : String(e) } };
      }
      const id = nextId++;
      return new Promise<IpcResult<unknown>>((resolve) => {
        pending.set(id, resolve);
        ws.send(JSON.stringify({ type: 'call', id, channel, payload: request }));
      });
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (p: unknown) => void);
      listeners.set(event, set);
      ready ??= connect();
      ready.catch(() => undefined);
      return () => set.delete(listener as (p: unknown) => void);
    },
  };
}
