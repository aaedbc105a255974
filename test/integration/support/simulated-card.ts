/**
 * Virtual PIV cards on vpcd for integration tests: in this process (access to the card state and a
 * pull hook) or as the real `station simulate card` child process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { VirtualPivCard, type VirtualPivCardOptions } from '../../../electron/simulators/piv-card/card';
import { VpcdClient, type VpcdClientOptions } from '../../../electron/simulators/vpcd/client';
import { vpcdReaderName } from '../../../electron/simulators/vpcd/framing';
import { PcscReaderManager } from '../../../electron/pcsc/reader-manager';
import { nativePcscLite } from '../../../electron/pcsc/pcsclite-native';

export const ROOT = join(import.meta.dirname, '..', '..', '..');

export interface InProcessCard {
  card: VirtualPivCard;
  client: VpcdClient;
  reader: string;
  stop(): Promise<void>;
}

export async function startInProcessCard(
  port: number,
  options: VirtualPivCardOptions & Pick<VpcdClientOptions, 'pullWhen'> = {},
): Promise<InProcessCard> {
  const card = new VirtualPivCard(options);
  const client = new VpcdClient({ card, port, reconnectDelayMs: 100, pullWhen: options.pullWhen });
  client.start();
  await client.waitAttached(10_000);
  return { card, client, reader: vpcdReaderName(port), stop: () => client.stop() };
}

export interface CardProcess {
  child: ChildProcess;
  reader: string;
  output: () => string;
  stop(): Promise<number | null>;
}

/** Spawns `node bin/station.mjs simulate card --port PORT [--state FILE]` and waits for "attached:". */
export async function startCardProcess(port: number, statePath?: string, timeoutMs = 20_000): Promise<CardProcess> {
  const args = [join(ROOT, 'bin', 'station.mjs'), 'simulate', 'card', '--port', String(port), ...(statePath ? ['--state', statePath] : [])];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`simulator on port ${port} did not attach within ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const check = () => {
      if (out.includes('attached:')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`simulator exited with ${code} before attaching:\n${out}`));
    });
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    reader: vpcdReaderName(port),
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** A reader manager on the real pcscd; waits until `reader` shows a card (or none, with present=false). */
export async function waitForReaderCard(reader: string, present = true, timeoutMs = 10_000): Promise<void> {
  const manager = new PcscReaderManager({ factory: nativePcscLite });
  manager.start();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const info = manager.readers().find((r) => r.name === reader);
      if (info && info.cardPresent === present) return;
      if (Date.now() > deadline) throw new Error(`reader '${reader}' did not show ${present ? 'a card' : 'no card'} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    manager.stop();
  }
}
