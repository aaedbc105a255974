import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { runCli } from '../../../electron/cli/main';
import type { CliIo } from '../../../electron/cli/command';
import { runCardSimulator } from '../../../electron/cli/commands/simulate';
import { encodeFrame, FrameDecoder, VpcdControl } from '../../../electron/simulators/vpcd/framing';
import { VIRTUAL_CARD_ATR } from '../../../electron/simulators/piv-card/card';
import { toHex } from '../../../electron/piv/bytes';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env: {}, cwd: '/' };
  return { io: value, out, err };
}

describe('station simulate card (the vpcd path with pcscd is in test/integration/pcsc)', () => {
  it.each([['abc'], ['0'], ['70000']])('refuses --port %s as bad input (exit 2)', async (port) => {
    const t = io();
    expect(await runCli(['simulate', 'card', '--port', port], t.io)).toBe(2);
    expect(t.err.join('\n')).toContain('--port must be a TCP port number');
  });

  it('refuses a corrupt --state file as bad input naming it (exit 2)', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sim-')), 'broken.json');
    writeFileSync(path, 'not json');
    const t = io();
    expect(await runCli(['simulate', 'card', '--port', '35963', '--state', path], t.io)).toBe(2);
    expect(t.err.join('\n')).toContain('broken.json');
  });

  it('prints when attached, answers vpcd, and stops when asked (fake vpcd on a loopback port)', async () => {
    const server = createServer();
    const accepted = new Promise<import('node:net').Socket>((resolve) => server.once('connection', resolve));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as AddressInfo).port;
    const t = io();
    let stop!: () => void;
    const running = runCardSimulator({ port, io: t.io, until: new Promise<void>((r) => (stop = r)) });
    const socket = await accepted;
    const atr = await new Promise<Uint8Array>((resolve) => {
      const decoder = new FrameDecoder();
      socket.on('data', (d) => {
        const [frame] = decoder.push(d);
        if (frame) resolve(frame);
      });
      socket.write(encodeFrame(Uint8Array.of(VpcdControl.GET_ATR)));
    });
    expect(toHex(atr)).toBe(toHex(VIRTUAL_CARD_ATR));
    await new Promise((r) => setTimeout(r, 20));
    expect(t.out[0]).toMatch(/^attached: virtual PIV card in '.+' \(vpcd 127\.0\.0\.1:\d+\)$/);
    expect(t.out[0]).toContain(`127.0.0.1:${port})`);
    stop();
    await running;
    expect(t.out.at(-1)).toBe('stopped: virtual PIV card removed');
    server.close();
  });
});
