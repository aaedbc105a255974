import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import WebSocket from 'ws';
import { startBrowserServer, type BrowserServer } from '../../../electron/browser/server';
import { createDispatcher, type HandlerTable } from '../../../electron/app/dispatch';
import { silentLogger } from '../../../electron/app/logger';

let server: BrowserServer;
const root = mkdtempSync(join(tmpdir(), 'station-static-'));

beforeAll(async () => {
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>t</title>');
  const handlers = { 'app.ping': ({ echo }: { echo: string }) => ({ echo }) } as unknown as HandlerTable;
  server = await startBrowserServer({ root, dispatch: createDispatcher(handlers, silentLogger), log: silentLogger });
});
afterAll(() => server.close());

function get(path: string, host: string): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers: { host } }, (res) => {
      res.resume();
      resolve({ status: res.statusCode!, headers: res.headers });
    });
    req.on('error', reject);
    req.end();
  });
}

function open(origin: string, host = `127.0.0.1:${server.port}`): WebSocket {
  return new WebSocket(`ws://127.0.0.1:${server.port}/ipc`, { origin, headers: { host } });
}

function firstClose(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => {
    ws.on('close', (code) => resolve(code));
    ws.on('error', () => resolve(-1));
  });
}

function call(ws: WebSocket, token: string, channel: string, payload: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', token })));
    ws.on('message', (raw) => {
      const msg = JSON.parse(String(raw));
      if (msg.type === 'ready') ws.send(JSON.stringify({ type: 'call', id: 1, channel, payload }));
      if (msg.type === 'result') resolve(msg.result);
    });
    ws.on('close', (code) => reject(new Error(`closed ${code}`)));
  });
}

describe('browser mode server (real loopback sockets)', () => {
  it('listens on 127.0.0.1 only and prints a URL carrying a long random token in the fragment', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{40,}$/);
  });

  it('serves the renderer with the strict CSP', async () => {
    const r = await get('/', `127.0.0.1:${server.port}`);
    expect(r.status).toBe(200);
    expect(String(r.headers['content-security-policy'])).toContain("default-src 'none'");
  });

  it('refuses a request whose Host header is not this server (DNS rebinding)', async () => {
    expect((await get('/', `evil.example:${server.port}`)).status).toBe(421);
  });

  it('answers a call with the right Origin, Host and token', async () => {
    const ws = open(server.origin);
    await expect(call(ws, server.token, 'app.ping', { echo: 'hello' })).resolves.toEqual({ ok: true, value: { echo: 'hello' } });
    ws.close();
  });

  it('refuses a WebSocket from another Origin', async () => {
    const ws = open('https://evil.example');
    expect(await firstClose(ws)).not.toBe(1000);
    expect(ws.readyState).toBe(WebSocket.CLOSED);
  });

  it('refuses a WebSocket with a foreign Host header', async () => {
    const ws = open(server.origin, `evil.example:${server.port}`);
    expect(await firstClose(ws)).not.toBe(1000);
  });

  it('closes the socket on a wrong token without answering any call', async () => {
    const ws = open(server.origin);
    await expect(call(ws, 'not-the-token', 'app.ping', { echo: 'x' })).rejects.toThrow('closed 4003');
  });

  it('returns a typed error for an invalid payload over the socket', async () => {
    const ws = open(server.origin);
    const r = (await call(ws, server.token, 'app.ping', { echo: 12 })) as { ok: boolean; error: { code: string } };
    expect(r).toMatchObject({ ok: false, error: { code: 'IPC_INVALID_PAYLOAD' } });
    ws.close();
  });
});
