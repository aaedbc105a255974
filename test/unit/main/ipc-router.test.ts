import { describe, expect, it } from 'vitest';
import { INVOKE_CHANNEL, registerIpc } from '../../../electron/main/ipc-router';
import { createDispatcher } from '../../../electron/app/dispatch';
import { createLogger } from '../../../electron/app/logger';
import type { HandlerTable } from '../../../electron/app/dispatch';

// The Electron binary cannot run here: ipcMain and the sender frame are fakes with Electron's shape.
function setup() {
  const lines: string[] = [];
  const log = createLogger((l) => lines.push(l), 'debug');
  const handlers = { 'app.ping': ({ echo }: { echo: string }) => ({ echo }) } as unknown as HandlerTable;
  let handler: ((event: unknown, channel: unknown, payload: unknown) => Promise<unknown>) | undefined;
  registerIpc({ handle: (name: string, h: typeof handler) => name === INVOKE_CHANNEL && (handler = h) } as never, createDispatcher(handlers, log), log);
  const mainFrame = { url: 'app://station/index.html' };
  const sender = { mainFrame, isDestroyed: () => false, send: () => undefined };
  const event = (frame: { url: string } | null = mainFrame) => ({ sender, senderFrame: frame });
  return { lines, invoke: (e: unknown, c: unknown, p: unknown) => handler!(e, c, p), event, mainFrame };
}

describe('Electron IPC router (electron mocked: no Electron binary here)', () => {
  it('dispatches a valid call from our own main frame', async () => {
    const { invoke, event } = setup();
    await expect(invoke(event(), 'app.ping', { echo: 'hi' })).resolves.toEqual({ ok: true, value: { echo: 'hi' } });
  });

  it('refuses a call from a frame that is not our app and logs it', async () => {
    const { invoke, event, lines } = setup();
    const r = await invoke(event({ url: 'https://evil.example/' }), 'app.ping', { echo: 'hi' });
    expect(r).toMatchObject({ ok: false, error: { code: 'IPC_UNTRUSTED_SENDER' } });
    expect(lines.join('\n')).toContain('ipc.untrusted-sender');
  });

  it('refuses a call from a subframe even when it shows our origin', async () => {
    const { invoke, lines } = setup();
    const sub = { url: 'app://station/index.html' };
    const r = await invoke({ sender: { mainFrame: { url: 'app://station/index.html' }, isDestroyed: () => false }, senderFrame: sub }, 'app.ping', { echo: 'x' });
    expect(r).toMatchObject({ ok: false, error: { code: 'IPC_UNTRUSTED_SENDER' } });
    expect(lines.length).toBe(1);
  });

  it('answers an invalid payload with a typed error and a log line, never a crash', async () => {
    const { invoke, event, lines } = setup();
    const r = (await invoke(event(), 'app.ping', { echo: 42 })) as { ok: false; error: { code: string; message: string; details: { issues: unknown[] } } };
    expect(r.ok).toBe(false);
    expect(r.error.code).toBe('IPC_INVALID_PAYLOAD');
    expect(r.error.message).toContain('echo');
    expect(r.error.details.issues.length).toBeGreaterThan(0);
    expect(lines.some((l) => JSON.parse(l).event === 'ipc.invalid-payload')).toBe(true);
  });

  it('answers an unknown channel with a typed error and a log line', async () => {
    const { invoke, event, lines } = setup();
    await expect(invoke(event(), 'fs.readFile', { path: '/etc/passwd' })).resolves.toMatchObject({ ok: false, error: { code: 'IPC_UNKNOWN_CHANNEL' } });
    expect(lines.some((l) => JSON.parse(l).event === 'ipc.unknown-channel')).toBe(true);
  });
});
