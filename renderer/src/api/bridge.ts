import type { ChannelName, RequestOf } from '../../../electron/ipc/contract';
import type { IpcResult } from '../../../electron/ipc/define';
import type { EventName, EventPayload } from '../../../electron/ipc/events';

/** What the preload script exposes on `window.station` (Electron). Typed verbs only, no ipcRenderer. */
export interface StationBridge {
  call: { [C in ChannelName]: (request: RequestOf<C>) => Promise<IpcResult<unknown>> };
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

declare global {
  interface Window {
    station?: StationBridge;
  }
}

/** One way to reach main: the preload bridge in Electron, a WebSocket in browser mode. */
export interface Transport {
  call(channel: ChannelName, request: unknown): Promise<IpcResult<unknown>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
