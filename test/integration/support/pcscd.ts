/**
 * pcscd for integration tests: use the running daemon, or start one (we run as root here and in CI).
 * vpcd (package vsmartcard-vpcd) must be configured in /etc/reader.conf.d; it makes pcscd listen on
 * 35963/35964 for virtual cards.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

export const PCSCD_SOCKET = '/run/pcscd/pcscd.comm';
export const READER_CONF_DIR = '/etc/reader.conf.d';
export const VPCD_DRIVER = 'libifdvpcd.so';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function canConnect(target: { path: string } | { port: number; host: string }): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(target as never);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** True when pcscd accepts client connections on its socket. */
export const pcscdReachable = () => canConnect({ path: PCSCD_SOCKET });

/** True when vpcd (inside pcscd) listens for a virtual card on `port`. */
export const vpcdListening = (port: number) => canConnect({ port, host: '127.0.0.1' });

function assertVpcdConfigured(): void {
  const files = existsSync(READER_CONF_DIR) ? readdirSync(READER_CONF_DIR) : [];
  const configured = files.some((f) => readFileSync(join(READER_CONF_DIR, f), 'utf8').includes(VPCD_DRIVER));
  if (!configured) {
    throw new Error(`vpcd is not configured in ${READER_CONF_DIR}: install the vsmartcard-vpcd package (apt-get install vsmartcard-vpcd) and restart pcscd`);
  }
}

/**
 * Makes sure pcscd runs with vpcd listening on `ports`. Starts `pcscd --auto-exit` when none runs, so a
 * daemon started by the tests goes away by itself 60 s after its last client.
 */
export async function ensurePcscd(ports: number[] = [35963, 35964], timeoutMs = 15_000): Promise<{ startedByUs: boolean }> {
  assertVpcdConfigured();
  let startedByUs = false;
  if (!(await pcscdReachable())) {
    const child = spawn('pcscd', ['--auto-exit'], { stdio: 'ignore', detached: true });
    child.unref();
    await new Promise<void>((resolve, reject) => {
      child.once('error', (e) => reject(new Error(`cannot start pcscd (${e.message}); install the pcscd package`)));
      child.once('exit', () => resolve()); // pcscd forks into the background; the parent exits at once
    });
    startedByUs = true;
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ready = (await pcscdReachable()) && (await Promise.all(ports.map(vpcdListening))).every(Boolean);
    if (ready) return { startedByUs };
    if (Date.now() > deadline) throw new Error(`pcscd with vpcd on ports ${ports.join(', ')} did not come up within ${timeoutMs} ms`);
    await sleep(100);
  }
}
