import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { classifyPayload, encodeFrame, FrameDecoder, VpcdControl, vpcdReaderName } from '../../../electron/simulators/vpcd/framing';
import { VpcdClient } from '../../../electron/simulators/vpcd/client';
import { directTransport } from '../../../electron/simulators/vpcd/direct-transport';
import { VirtualPivCard, VIRTUAL_CARD_ATR } from '../../../electron/simulators/piv-card/card';
import { fromHex, toHex } from '../../../electron/piv/bytes';

describe('vpcd framing (2-byte big-endian length ‖ payload)', () => {
  it('encodes the length big-endian and refuses payloads over 0xFFFF', () => {
    expect(toHex(encodeFrame(Uint8Array.of(0x04)))).toBe('000104');
    expect(toHex(encodeFrame(new Uint8Array(0x0102)).slice(0, 2))).toBe('0102');
    expect(() => encodeFrame(new Uint8Array(0x10000))).toThrow(RangeError);
  });

  it('classifies 1-byte payloads as control bytes and longer ones as APDUs', () => {
    expect(classifyPayload(Uint8Array.of(0x00))).toEqual({ kind: 'control', control: VpcdControl.POWER_OFF });
    expect(classifyPayload(Uint8Array.of(0x04))).toEqual({ kind: 'control', control: VpcdControl.GET_ATR });
    expect(classifyPayload(Uint8Array.of(0x07))).toEqual({ kind: 'unknown-control', value: 7 });
    expect(classifyPayload(fromHex('00A4040005A000000308')).kind).toBe('apdu');
  });

  it('reassembles frames however the stream is split or coalesced (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 1, maxLength: 300 }), { maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 20 }),
        (payloads, cuts) => {
          const stream = new Uint8Array(payloads.reduce((n, p) => n + p.length + 2, 0));
          let o = 0;
          for (const p of payloads) {
            stream.set(encodeFrame(p), o);
            o += p.length + 2;
          }
          const decoder = new FrameDecoder();
          const got: Uint8Array[] = [];
          let pos = 0;
          for (let i = 0; pos < stream.length; i++) {
            const size = cuts[i % cuts.length];
            got.push(...decoder.push(stream.subarray(pos, pos + size)));
            pos += size;
          }
          expect(got.map(toHex)).toEqual(payloads.map(toHex));
          expect(decoder.pending).toBe(0);
        },
      ),
    );
  });

  it('names the reader of each vpcd port as pcscd does', () => {
    expect(vpcdReaderName(35963)).toBe('Virtual PCD 00 00');
    expect(vpcdReaderName(35964)).toBe('Virtual PCD 00 01');
    expect(vpcdReaderName(1234)).toBe('the vpcd reader on port 1234');
  });
});

/** A stand-in for vpcd inside pcscd: listens, sends control bytes and APDUs, collects replies. */
async function fakeVpcd(): Promise<{ server: Server; port: number; next: () => Promise<Socket> }> {
  const waiting: ((s: Socket) => void)[] = [];
  const queued: Socket[] = [];
  const server = createServer((s) => {
    const w = waiting.shift();
    if (w) w(s);
    else queued.push(s);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  const next = () => new Promise<Socket>((r) => (queued.length ? r(queued.shift()!) : waiting.push(r)));
  return { server, port, next };
}

function exchange(socket: Socket, payload: Uint8Array): Promise<Uint8Array> {
  const decoder = new FrameDecoder();
  return new Promise((resolve) => {
    const onData = (chunk: Buffer) => {
      const frames = decoder.push(chunk);
      if (frames.length) {
        socket.off('data', onData);
        resolve(frames[0]);
      }
    };
    socket.on('data', onData);
    socket.write(encodeFrame(payload));
  });
}

describe('vpcd client (against a fake vpcd on a loopback port)', () => {
  it('answers GET ATR, resets the card on power-on and relays APDUs', async () => {
    const vpcd = await fakeVpcd();
    const card = new VirtualPivCard();
    const client = new VpcdClient({ card, port: vpcd.port, reconnectDelayMs: 20 });
    client.start();
    const socket = await vpcd.next();
    await client.waitAttached(2000);
    expect(toHex(await exchange(socket, Uint8Array.of(VpcdControl.GET_ATR)))).toBe(toHex(VIRTUAL_CARD_ATR));
    socket.write(encodeFrame(Uint8Array.of(VpcdControl.POWER_ON)));
    expect(toHex(await exchange(socket, fromHex('00A4040005A000000308')))).toBe('61114F0600001000010079074F05A0000003089000');
    await client.stop();
    expect(client.state).toBe('stopped');
    vpcd.server.close();
  });

  it('reconnects after vpcd drops the connection (pcscd restart)', async () => {
    const vpcd = await fakeVpcd();
    const client = new VpcdClient({ card: new VirtualPivCard(), port: vpcd.port, reconnectDelayMs: 20 });
    client.start();
    (await vpcd.next()).destroy();
    const second = await vpcd.next();
    expect(toHex(await exchange(second, Uint8Array.of(VpcdControl.GET_ATR)))).toBe(toHex(VIRTUAL_CARD_ATR));
    await client.stop();
    vpcd.server.close();
  });

  it('pulls the card at the point the test hook chooses and stays out until started again', async () => {
    const vpcd = await fakeVpcd();
    const client = new VpcdClient({
      card: new VirtualPivCard(),
      port: vpcd.port,
      reconnectDelayMs: 20,
      pullWhen: (apdu, processed) => apdu[1] === 0xcb && !processed,
    });
    client.start();
    const socket = await vpcd.next();
    const closed = new Promise((r) => socket.once('close', r));
    socket.write(encodeFrame(fromHex('00CB3FFF035C017E00')));
    await closed;
    expect(client.state).toBe('pulled');
    await client.stop();
    vpcd.server.close();
  });
});

describe('direct transport (training mode, no pcscd)', () => {
  it('exchanges APDUs with the card and resets it on demand', async () => {
    const link = directTransport(new VirtualPivCard());
    expect(toHex(link.atr)).toBe(toHex(VIRTUAL_CARD_ATR));
    expect(toHex(await link.transmit(fromHex('0020008008313233343536FFFF')))).toBe('9000');
    expect(toHex(await link.transmit(fromHex('00200080')))).toBe('9000');
    link.reset();
    expect(toHex(await link.transmit(fromHex('00200080')))).toBe('63C3');
  });
});
