import { describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../../electron/ipc/contract';

// The Electron binary cannot run here: contextBridge and ipcRenderer are mocked to capture what the
// preload exposes.
const exposed: Record<string, unknown> = {};
const invoke = vi.fn(async () => ({ ok: true, value: 1 }));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: { invoke, on: vi.fn(), removeListener: vi.fn() },
}));

describe('preload bridge (electron mocked: no Electron binary here)', () => {
  it('exposes one typed verb per declared channel and event subscription, never ipcRenderer', async () => {
    await import('../../../electron/preload/preload');
    const api = exposed.station as { call: Record<string, (r: unknown) => Promise<unknown>>; on: unknown };
    expect(Object.keys(exposed)).toEqual(['station']);
    expect(Object.keys(api).sort()).toEqual(['call', 'on']);
    expect(Object.keys(api.call).sort()).toEqual([...channelNames].sort());
    expect(Object.isFrozen(api.call)).toBe(true);
    await api.call['app.ping']!({ echo: 'x' });
    expect(invoke).toHaveBeenCalledWith('station:invoke', 'app.ping', { echo: 'x' });
    expect(() => (api.on as (e: string, l: () => void) => void)('not.an.event', () => undefined)).toThrow();
  });
});
