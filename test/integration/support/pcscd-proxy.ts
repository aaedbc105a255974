/**
 * A Unix-socket relay in front of the real pcscd socket. A client started with
 * PCSCLITE_CSOCK_NAME=<relay path> sees pcscd "stop" when the relay closes (every connection cut, the
 * socket gone) and "start again" when it reopens, without stopping the pcscd other tests share.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { rmSync } from 'node:fs';
import { PCSCD_SOCKET } from './pcscd';

export class PcscdRelay {
  private server?: Server;
  private readonly sockets = new Set<Socket>();

  constructor(readonly path: string) {}

  async open(): Promise<void> {
    rmSync(this.path, { force: true });
    const server = createServer((client) => {
      const upstream = createConnection({ path: PCSCD_SOCKET });
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream);
      upstream.pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.path, () => resolve());
    });
    this.server = server;
  }

  /** pcscd "stops": no new connections, and every open one is cut. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(this.path, { force: true });
  }
}
