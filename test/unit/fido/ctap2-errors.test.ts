import { describe, expect, it } from 'vitest';
import { CtapHidConnection } from '../../../electron/fido/ctaphid-transport';
import { Ctap2Client } from '../../../electron/fido/ctap2';
import { CTAP2_CMD, CTAP2_STATUS, PERMISSION } from '../../../electron/fido/ctap2-constants';
import { ctapErrorFor, PinBlockedError, PinInvalidError, ResetNotAllowedError } from '../../../electron/fido/ctap2-errors';
import { VirtualAuthenticator } from '../../../electron/simulators/fido/virtual-authenticator';
import { VirtualFidoHidDevice } from '../../../electron/simulators/fido/virtual-hid-device';

async function rig(options: { protocols?: (1 | 2)[]; supportsConfig?: boolean; touch?: 'auto' | 'manual' } = {}) {
  let now = 5_000_000;
  const auth = new VirtualAuthenticator({ clock: () => now, pinUvAuthProtocols: options.protocols, supportsConfig: options.supportsConfig });
  const device = new VirtualFidoHidDevice(auth, { keepaliveIntervalMs: 5, touch: options.touch ?? 'auto' });
  const conn = await CtapHidConnection.open(device);
  return { auth, device, conn, client: new Ctap2Client(conn), advance: (ms: number) => (now += ms) };
}

describe('CTAP2 status codes become typed, plain-English errors', () => {
  it('maps each named status to a stable code', () => {
    expect(ctapErrorFor(CTAP2_STATUS.CTAP2_ERR_PIN_INVALID, CTAP2_CMD.CLIENT_PIN, { retriesLeft: 1 }).message).toMatch(/1 try left/);
    expect(ctapErrorFor(CTAP2_STATUS.CTAP2_ERR_NOT_ALLOWED, CTAP2_CMD.RESET)).toBeInstanceOf(ResetNotAllowedError);
    expect(ctapErrorFor(CTAP2_STATUS.CTAP2_ERR_NOT_ALLOWED, CTAP2_CMD.CLIENT_PIN).code).toBe('FIDO_NOT_ALLOWED');
    expect(ctapErrorFor(CTAP2_STATUS.CTAP2_ERR_PIN_AUTH_BLOCKED, CTAP2_CMD.CLIENT_PIN).message).toMatch(/Unplug it, plug it back in/);
    const unknown = ctapErrorFor(0x6a, CTAP2_CMD.GET_INFO);
    expect(unknown.code).toBe('FIDO_CTAP_ERROR');
    expect(unknown.details).toEqual({ status: '0x6a' });
  });

  it('reports a wrong PIN with the retries left, then PIN_AUTH_BLOCKED after three, then PIN_BLOCKED', async () => {
    const { client, device, conn } = await rig();
    await client.setPin('13572468');
    const wrong = () => client.getPinToken('00000000', PERMISSION.GET_ASSERTION);
    await expect(wrong()).rejects.toMatchObject({ code: 'FIDO_PIN_INVALID', details: { retriesLeft: 7 } });
    await expect(wrong()).rejects.toBeInstanceOf(PinInvalidError);
    await expect(wrong()).rejects.toMatchObject({ code: 'FIDO_PIN_AUTH_BLOCKED' });
    // Until a power cycle even the right PIN is refused.
    await expect(client.getPinToken('13572468', PERMISSION.GET_ASSERTION)).rejects.toMatchObject({ code: 'FIDO_PIN_AUTH_BLOCKED' });
    // Eight tries in all: three, power cycle, three, power cycle, the last two.
    device.replug();
    let c = new Ctap2Client(await CtapHidConnection.open(device));
    await expect(c.getPinToken('00000000', PERMISSION.GET_ASSERTION)).rejects.toMatchObject({ details: { retriesLeft: 4 } });
    await expect(c.getPinToken('00000000', PERMISSION.GET_ASSERTION)).rejects.toMatchObject({ details: { retriesLeft: 3 } });
    await expect(c.getPinToken('00000000', PERMISSION.GET_ASSERTION)).rejects.toMatchObject({ code: 'FIDO_PIN_AUTH_BLOCKED' });
    device.replug();
    c = new Ctap2Client(await CtapHidConnection.open(device));
    await expect(c.getPinToken('00000000', PERMISSION.GET_ASSERTION)).rejects.toMatchObject({ details: { retriesLeft: 1 } });
    await expect(c.getPinToken('00000000', PERMISSION.GET_ASSERTION)).rejects.toMatchObject({ code: 'FIDO_PIN_BLOCKED' });
    expect((await c.getPinRetries()).retries).toBe(0);
    await expect(c.getPinToken('13572468', PERMISSION.GET_ASSERTION)).rejects.toBeInstanceOf(PinBlockedError);
    expect(conn.cid).not.toBe(0);
  });

  it('refuses reset outside the 10-second power-up window and tells the operator to replug', async () => {
    const { client, advance, device } = await rig();
    advance(10_001);
    const err = await client.reset().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResetNotAllowedError);
    expect((err as Error).message).toMatch(/Unplug the key, plug it back in, and start the reset within 10 seconds/);
    device.replug();
    const fresh = new Ctap2Client(await CtapHidConnection.open(device));
    await expect(fresh.reset()).resolves.toBeUndefined();
  });

  it('asks for a touch with UPNEEDED keepalives, and cancels with CTAPHID_CANCEL', async () => {
    const { client, device } = await rig({ touch: 'manual' });
    const statuses: string[] = [];
    const ac = new AbortController();
    const pending = client.reset({ signal: ac.signal, onKeepalive: (s) => statuses.push(s) });
    await new Promise((r) => setTimeout(r, 40));
    expect(device.waitingForTouch).toBe(true);
    ac.abort();
    await expect(pending).rejects.toMatchObject({ code: 'FIDO_CANCELLED' });
    expect(statuses).toContain('user-presence-needed');
  });

  it('enforces forcePINChange: no token until the PIN is changed, and not to the same PIN', async () => {
    const { client } = await rig();
    await client.setPin('11112222');
    await client.setMinPinLength({ pin: '11112222', forceChangePin: true });
    await expect(client.getPinToken('11112222', PERMISSION.GET_ASSERTION)).rejects.toMatchObject({ code: 'FIDO_PIN_POLICY_VIOLATION' });
    await expect(client.changePin('11112222', '11112222')).rejects.toMatchObject({ code: 'FIDO_PIN_POLICY_VIOLATION' });
    await client.changePin('11112222', '33334444');
    await expect(client.getPinToken('33334444', PERMISSION.GET_ASSERTION)).resolves.toMatchObject({ token: expect.any(Uint8Array) });
  });

  it('keeps the minimum PIN length from going down and applies it to new PINs', async () => {
    const { client } = await rig();
    await client.setPin('123456');
    await client.setMinPinLength({ pin: '123456', minPinLength: 6 });
    await expect(client.setMinPinLength({ pin: '123456', minPinLength: 5 })).rejects.toMatchObject({ code: 'FIDO_PIN_POLICY_VIOLATION' });
    await expect(client.changePin('123456', '12345')).rejects.toMatchObject({ code: 'FIDO_PIN_TOO_SHORT' });
    await expect(client.setMinPinLength({ minPinLength: 8 })).rejects.toMatchObject({ code: 'FIDO_PIN_REQUIRED' });
  });

  it('rejects setMinPINLength on a key without authenticatorConfig, and an unsupported protocol', async () => {
    const { client } = await rig({ supportsConfig: false, protocols: [1] });
    await expect(client.setMinPinLength({ minPinLength: 6 })).rejects.toMatchObject({ code: 'FIDO_UNSUPPORTED' });
    const { conn } = await rig({ protocols: [1] });
    await expect(new Ctap2Client(conn, { preferredProtocol: 2 }).getPinRetries()).rejects.toMatchObject({ code: 'FIDO_UNSUPPORTED' });
  });

  it('uses CTAP 2.0 getPinToken when the key lacks the pinUvAuthToken option', async () => {
    const { client, auth } = await rig();
    await client.setPin('24682468');
    const info = await client.getInfo();
    info.options.pinUvAuthToken = false; // pretend a 2.0 key
    const { token } = await client.getPinToken('24682468', PERMISSION.AUTHENTICATOR_CONFIG);
    expect(token).toHaveLength(32);
    expect(auth.state.retries).toBe(8);
  });

  it('refuses PINs outside the spec limits before anything is sent', async () => {
    const { client } = await rig();
    await expect(client.setPin('123')).rejects.toMatchObject({ code: 'FIDO_PIN_TOO_SHORT' });
    await expect(client.setPin('9'.repeat(64))).rejects.toMatchObject({ code: 'FIDO_PIN_TOO_LONG' });
    await client.setPin('ñandú✓'); // code points, not bytes, count toward the minimum
    await expect(client.setPin('24682468')).rejects.toMatchObject({ code: 'FIDO_NOT_ALLOWED' });
  });
});
