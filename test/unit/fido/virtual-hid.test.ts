import { describe, expect, it } from 'vitest';
import { CID_BROADCAST, CTAPHID, CTAPHID_ERR, fragmentMessage, reassembleMessage } from '../../../electron/fido/ctaphid';
import { CtapHidConnection } from '../../../electron/fido/ctaphid-transport';
import { Ctap2Client } from '../../../electron/fido/ctap2';
import { VirtualAuthenticator } from '../../../electron/simulators/fido/virtual-authenticator';
import { VirtualFidoHidDevice } from '../../../electron/simulators/fido/virtual-hid-device';

const device = (touch: 'auto' | 'manual' = 'auto') => new VirtualFidoHidDevice(new VirtualAuthenticator(), { keepaliveIntervalMs: 5, touch });

async function rawExchange(d: VirtualFidoHidDevice, cid: number, cmd: number, payload: Uint8Array) {
  for (const p of fragmentMessage({ cid, cmd, payload })) await d.write(p);
  const first = await d.read(100);
  return first;
}

describe('CTAPHID transport against the virtual device', () => {
  it('allocates distinct channels per INIT and echoes a multi-packet PING', async () => {
    const d = device();
    const a = await CtapHidConnection.open(d);
    const b = await CtapHidConnection.open(d);
    expect(a.cid).not.toBe(b.cid);
    expect(a.init.protocolVersion).toBe(2);
    const data = Uint8Array.from({ length: 1000 }, (_, i) => i & 0xff);
    expect(Buffer.from(await a.ping(data)).equals(Buffer.from(data))).toBe(true);
    await a.wink();
  });

  it('answers a request on an unknown channel with ERR_INVALID_CHANNEL', async () => {
    const d = device();
    const reply = await rawExchange(d, 0x0badcafe, CTAPHID.PING, Uint8Array.of(1));
    const msg = reassembleMessage([reply!]);
    expect(msg.cmd).toBe(CTAPHID.ERROR);
    expect(msg.payload[0]).toBe(CTAPHID_ERR.INVALID_CHANNEL);
  });

  it('answers a wrong-length INIT nonce with ERR_INVALID_LEN and unsupported CTAPHID_MSG with ERR_INVALID_CMD', async () => {
    const d = device();
    const bad = reassembleMessage([(await rawExchange(d, CID_BROADCAST, CTAPHID.INIT, new Uint8Array(4)))!]);
    expect([bad.cmd, bad.payload[0]]).toEqual([CTAPHID.ERROR, CTAPHID_ERR.INVALID_LEN]);
    const conn = await CtapHidConnection.open(d);
    await expect(conn.transact(CTAPHID.MSG, Uint8Array.of(0, 3, 0, 0))).rejects.toMatchObject({ code: 'FIDO_HID_ERROR', details: { hidCode: 1 } });
  });

  it('tells a second program the key is busy while a reset waits for a touch', async () => {
    const d = device('manual');
    const a = await CtapHidConnection.open(d);
    const b = await CtapHidConnection.open(d.openHandle());
    const pending = new Ctap2Client(a).reset();
    await new Promise((r) => setTimeout(r, 20));
    await expect(b.ping(Uint8Array.of(1))).rejects.toMatchObject({ details: { hidCode: CTAPHID_ERR.CHANNEL_BUSY } });
    expect(d.touch()).toBe(true);
    await expect(pending).resolves.toBeUndefined();
    expect(d.stats.keepalives).toBeGreaterThan(0);
  });

  it('times out waiting for a touch with USER_ACTION_TIMEOUT', async () => {
    const d = new VirtualFidoHidDevice(new VirtualAuthenticator(), { keepaliveIntervalMs: 5, touch: 'manual', touchTimeoutMs: 30 });
    const conn = await CtapHidConnection.open(d);
    await expect(new Ctap2Client(conn).reset()).rejects.toMatchObject({ code: 'FIDO_TOUCH_TIMEOUT' });
  });

  it('reports a silent device as not answering', async () => {
    const silent = { write: async () => {}, read: async () => undefined, close: async () => {} };
    await expect(CtapHidConnection.open(silent, { timeouts: { readMs: 5, transactionMs: 50 } })).rejects.toMatchObject({ code: 'FIDO_NO_RESPONSE' });
  });
});
