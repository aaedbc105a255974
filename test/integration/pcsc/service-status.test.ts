/**
 * pcscd down → status "PC/SC service not running", and automatic recovery when it comes back. The
 * adapter runs with real libpcsclite in a child process whose pcscd socket is a relay to the real
 * pcscd (PCSCLITE_CSOCK_NAME): closing the relay is pcscd going away for that client, without stopping
 * the daemon other test files use at the same time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePcscd } from '../support/pcscd';
import { PcscdRelay } from '../support/pcscd-proxy';
import { ROOT } from '../support/simulated-card';

interface ProbeEvent {
  type: string;
  reader?: string;
  status?: { state: string; message: string };
}

const relay = new PcscdRelay(join(mkdtempSync(join(tmpdir(), 'pcscd-relay-')), 'pcscd.comm'));
let probe: ChildProcessWithoutNullStreams;
const events: ProbeEvent[] = [];
let stderr = '';
/** Woken on every event, so a test can act within a millisecond of one (the race below needs that). */
const waiters = new Set<() => void>();

/** Resolves with the index of the first event at or after `from` that matches. */
async function waitFor(match: (e: ProbeEvent) => boolean, from: number, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const i = events.findIndex((e, k) => k >= from && match(e));
    if (i >= 0) return i;
    if (Date.now() > deadline) throw new Error(`no matching adapter event within ${timeoutMs} ms; got ${JSON.stringify(events)}; stderr: ${stderr}`);
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, 50);
      waiters.add(done);
    });
  }
}

const statusIs = (state: string) => (e: ProbeEvent) => e.type === 'status' && e.status?.state === state;

beforeAll(async () => {
  await ensurePcscd();
  probe = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/integration/support/pcsc-status-probe.ts')], {
    cwd: ROOT,
    env: { ...process.env, PCSCLITE_CSOCK_NAME: relay.path },
  });
  probe.stderr.on('data', (chunk) => (stderr += chunk));
  let buffered = '';
  probe.stdout.on('data', (chunk) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) if (line.trim()) events.push(JSON.parse(line) as ProbeEvent);
    for (const wake of [...waiters]) wake();
  });
}, 60_000);

afterAll(async () => {
  if (probe && probe.exitCode === null) {
    probe.stdin.end();
    await new Promise((r) => probe.once('exit', r));
  }
  await relay.close();
});

describe('PC/SC service status with real libpcsclite (pcscd reached through a relay socket)', () => {
  let mark = 0;

  it('says "PC/SC service not running" while pcscd cannot be reached', async () => {
    mark = await waitFor(statusIs('service-not-running'), 0);
    expect(events[mark].status!.message).toBe('PC/SC service not running');
    expect(events.slice(0, mark).some((e) => e.type === 'reader-added')).toBe(false);
  });

  it('recovers by itself when pcscd comes up and lists the vpcd readers', async () => {
    await relay.open();
    mark = await waitFor(statusIs('ready'), mark);
    await waitFor((e) => e.type === 'reader-added' && e.reader === 'Virtual PCD 00 00', mark);
    await waitFor((e) => e.type === 'reader-added' && e.reader === 'Virtual PCD 00 01', mark);
  });

  it('drops the readers and reports the service down when pcscd goes away under it', { timeout: 45_000 }, async () => {
    await relay.close();
    const down = await waitFor(statusIs('service-not-running'), mark);
    const removed = events.slice(mark, down).filter((e) => e.type === 'reader-removed').map((e) => e.reader);
    expect(removed.sort()).toEqual(['Virtual PCD 00 00', 'Virtual PCD 00 01']);
    mark = down;
  });

  it('comes back again without a restart of the station', async () => {
    await relay.open();
    mark = await waitFor(statusIs('ready'), mark);
    await waitFor((e) => e.type === 'reader-added', mark);
  });

  // pcsclite loses its context error when pcscd goes away while the reader list is still being handled
  // (see PcscReaderManager.rebuildSoon); this hit about one cycle in three before the manager also
  // listened to the reader watchers, and under load it hit the test above now and then.
  it('reports the service down when pcscd goes away while the readers are being listed', { timeout: 60_000 }, async () => {
    await relay.close();
    mark = await waitFor(statusIs('service-not-running'), mark);
    for (let cycle = 0; cycle < 8; cycle++) {
      await relay.open();
      const listed = await waitFor((e) => e.type === 'reader-added', mark);
      await relay.close();
      mark = await waitFor(statusIs('service-not-running'), listed, 10_000);
    }
  });
});
