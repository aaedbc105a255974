import { createServer, type IncomingMessage, type Server } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Dispatch } from '../app/dispatch';
import type { Logger } from '../app/logger';
import { Session } from '../app/session';
import type { EventName, EventPayload } from '../ipc/events';
import { contentSecurityPolicy, loadStatic } from '../app/static-files';

/**
 * Browser mode: the production renderer build and the same IPC dispatch, on 127.0.0.1 only. A WebSocket
 * is accepted only with the right Host and Origin, and its first message must carry the per-run token
 * (the token travels in the page URL's #fragment, which browsers never send to the server).
 */
export interface BrowserServerOptions {
  root: string;
  dispatch: Dispatch;
  log: Logger;
  port?: number;
  token?: string;
  onSession?(session: Session, push: <E extends EventName>(event: E, payload: EventPayload<E>) => void): () => void;
}

export interface BrowserServer {
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const WS_PATH = '/ipc';
const HELLO_TIMEOUT_MS = 5000;
const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function startBrowserServer(opts: BrowserServerOptions): Promise<BrowserServer> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  const csp = contentSecurityPolicy(`ws://127.0.0.1:${port} ws://localhost:${port}`);

  server.on('request', async (req, res) => {
    if (!allowedHosts.has(req.headers.host ?? '')) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('Misdirected request');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const file = await loadStatic(opts.root, req.url ?? '/');
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    res.writeHead(200, {
      'content-type': file.type,
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
      'cross-origin-opener-policy': 'same-origin',
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
  });

  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    const host = req.headers.host ?? '';
    const origin = req.headers.origin ?? '';
    const path = (req.url ?? '').split('?')[0];
    if (path !== WS_PATH || !allowedHosts.has(host) || !allowedOrigins.has(origin)) {
      opts.log.warn('browser.ws-refused', { host: host.slice(0, 80), origin: origin.slice(0, 80), path: path?.slice(0, 80) });
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws));
  });

  function serveSocket(ws: WebSocket): void {
    const session = new Session();
    let authed = false;
    let offEvents: (() => void) | undefined;
    const push = <E extends EventName>(event: E, payload: EventPayload<E>) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'event', event, payload }));
    };
    const helloTimer = setTimeout(() => {
      if (!authed) ws.close(4001, 'token required');
    }, HELLO_TIMEOUT_MS);

    ws.on('message', async (raw) => {
      let msg: { type?: unknown; id?: unknown; channel?: unknown; payload?: unknown; token?: unknown };
      try {
        msg = JSON.parse(String(raw));
      } catch {
        ws.close(4002, 'bad message');
        return;
      }
      if (!authed) {
        if (msg.type === 'hello' && typeof msg.token === 'string' && sameToken(msg.token, token)) {
          authed = true;
          clearTimeout(helloTimer);
          ws.send(JSON.stringify({ type: 'ready' }));
          offEvents = opts.onSession?.(session, push);
        } else {
          opts.log.warn('browser.bad-token');
          ws.close(4003, 'bad token');
        }
        return;
      }
      if (msg.type !== 'call' || typeof msg.id !== 'number') {
        ws.close(4002, 'bad message');
        return;
      }
      const result = await opts.dispatch(msg.channel, msg.payload, { session, emit: push });
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'result', id: msg.id, result }));
    });
    ws.on('close', () => {
      clearTimeout(helloTimer);
      offEvents?.();
    });
  }

  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
