import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channelNames } from '../ipc/contract';
import { events } from '../ipc/events';

const INVOKE_CHANNEL = 'station:invoke';
const EVENT_CHANNEL = 'station:event';

/**
 * The renderer's only door to main: one typed verb per declared channel, and event subscriptions by
 * declared name. ipcRenderer itself never crosses the bridge.
 */
const call: Record<string, (request: unknown) => Promise<unknown>> = {};
for (const name of channelNames) {
  call[name] = (request: unknown) => ipcRenderer.invoke(INVOKE_CHANNEL, name, request);
}

const eventNames = new Set(Object.keys(events));

contextBridge.exposeInMainWorld('station', {
  call: Object.freeze(call),
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (!eventNames.has(event)) throw new Error(`unknown event ${event}`);
    const wrapped = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
  },
});
