import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import type { CliIo } from '../../../electron/cli/command';
import { createDevicesListCommand } from '../../../electron/cli/commands/devices';
import type { CardReaderLike, PcscLiteLike } from '../../../electron/pcsc/pcsclite-port';
import type { HidModule } from '../../../electron/scanners/hid/hid-port';
import { SimulatedHidModule } from '../../../electron/simulators/scanner/simulated-hid-module';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env: {}, cwd: '/' };
  return { io: value, out, err };
}

/** pcscd faked: one reader with a card, one empty (no PC/SC service needed for this unit test). */
function fakePcsc() {
  const reader = (name: string, atr?: number[]) => {
    const r = Object.assign(new EventEmitter(), {
      name, connected: false, SCARD_SHARE_EXCLUSIVE: 1, SCARD_PROTOCOL_T0: 1, SCARD_PROTOCOL_T1: 2, SCARD_STATE_PRESENT: 0x20,
      SCARD_STATE_EMPTY: 0x10, SCARD_STATE_MUTE: 0x200, SCARD_LEAVE_CARD: 0, SCARD_RESET_CARD: 1,
      connect() {}, disconnect() {}, transmit() {}, close() {},
    }) as unknown as CardReaderLike & EventEmitter;
    setImmediate(() => r.emit('status', atr ? { state: 0x22, atr: Buffer.from(atr) } : { state: 0x12, atr: Buffer.alloc(0) }));
    return r;
  };
  return () => {
    const ctx = Object.assign(new EventEmitter(), { close() {} }) as unknown as PcscLiteLike & EventEmitter;
    setImmediate(() => {
      ctx.emit('reader', reader('Virtual PCD 00 00', [0x3b, 0x88, 0x80, 0x01]));
      ctx.emit('reader', reader('Empty Reader 01'));
    });
    return ctx;
  };
}

const noUsb: () => HidModule = () => ({ name: 'node-hid', simulated: false, devices: async () => [], open: async () => { throw new Error('no device'); } });

describe('station devices list (pcscd and node-hid mocked: no reader or USB scanner here)', () => {
  it('--simulate --json lists readers with card state and ATR, and the simulated scanner marked simulated', async () => {
    const { io: cliIo, out } = io();
    const cmd = createDevicesListCommand({ pcsc: fakePcsc(), hid: noUsb });
    const code = await runCli(['devices', 'list', '--simulate', '--json'], cliIo, [cmd]);
    expect(code).toBe(0);
    const doc = JSON.parse(out.join('\n'));
    expect(doc.readers).toEqual([
      { name: 'Virtual PCD 00 00', cardPresent: true, atr: expect.stringMatching(/^3b888001$/i) },
      { name: 'Empty Reader 01', cardPresent: false, atr: null },
    ]);
    expect(doc.scanners).toEqual([
      { id: 'sim:1209:0001:sn-SIM-0001', name: 'Simulated fingerprint scanner (training)', vendorId: 0x1209, productId: 0x0001, simulated: true },
    ]);
  });

  it('without --simulate lists no simulated scanner; an unloadable node-hid is reported on stderr, not fatal', async () => {
    const { io: cliIo, out, err } = io();
    const broken: () => HidModule = () => ({ name: 'node-hid', simulated: false, devices: async () => { throw new Error('libusb missing'); }, open: async () => { throw new Error('x'); } });
    const code = await runCli(['devices', 'list', '--json'], cliIo, [createDevicesListCommand({ pcsc: fakePcsc(), hid: broken })]);
    expect(code).toBe(0);
    expect(JSON.parse(out.join('\n')).scanners).toEqual([]);
    expect(err.join('\n')).toMatch(/scanners \(node-hid\)/);
  });

  it('text output flags simulated scanners', async () => {
    const { io: cliIo, out } = io();
    const sim = new SimulatedHidModule();
    const code = await runCli(['devices', 'list', '--simulate'], cliIo, [createDevicesListCommand({ pcsc: fakePcsc(), hid: noUsb, simulator: () => sim })]);
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/Simulated fingerprint scanner \(training\)\s+1209:0001\s+\[SIMULATED\]/);
    expect(out.join('\n')).toMatch(/Virtual PCD 00 00\s+card present, ATR 3b888001/i);
  });

  it('rejects unknown options with exit 2', async () => {
    const { io: cliIo } = io();
    expect(await runCli(['devices', 'list', '--bogus'], cliIo, [createDevicesListCommand({ pcsc: fakePcsc(), hid: noUsb })])).toBe(2);
  });
});
