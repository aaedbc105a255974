import { describe, expect, it } from 'vitest';
import { CtapHidConnection } from '../../../electron/fido/ctaphid-transport';
import { Ctap2Client } from '../../../electron/fido/ctap2';
import { PERMISSION } from '../../../electron/fido/ctap2-constants';
import { VirtualAuthenticator } from '../../../electron/simulators/fido/virtual-authenticator';
import { VirtualFidoHidDevice } from '../../../electron/simulators/fido/virtual-hid-device';

function rig(options: { protocols?: (1 | 2)[]; supportsConfig?: boolean } = {}) {
  let now = 1_000_000;
  const clock = () => now;
  const auth = new VirtualAuthenticator({ clock, pinUvAuthProtocols: options.protocols, supportsConfig: options.supportsConfig });
  const device = new VirtualFidoHidDevice(auth, { keepaliveIntervalMs: 5 });
  return { auth, device, advance: (ms: number) => (now += ms) };
}

describe('virtual authenticator through the real CTAPHID framing', () => {
  for (const version of [1, 2] as const) {
    it(`runs reset, set PIN, change PIN, min length with protocol ${version}`, async () => {
      const { auth, device } = rig();
      const conn = await CtapHidConnection.open(device);
      const client = new Ctap2Client(conn, { preferredProtocol: version });
      const keepalives: string[] = [];
      await client.reset({ onKeepalive: (s) => keepalives.push(s) });
      const info = await client.getInfo();
      expect(info.options.clientPin).toBe(false);
      await client.setPin('24681357');
      expect((await client.getInfo()).options.clientPin).toBe(true);
      expect((await client.getPinRetries()).retries).toBe(8);
      await client.changePin('24681357', '97531864');
      const { token } = await client.getPinToken('97531864', PERMISSION.AUTHENTICATOR_CONFIG);
      expect(token.length).toBe(32);
      await client.setMinPinLength({ pin: '97531864', minPinLength: 6, forceChangePin: true });
      const after = await client.getInfo();
      expect(after.minPinLength).toBe(6);
      expect(after.forcePinChange).toBe(true);
      expect(auth.state.forcePinChange).toBe(true);
    });
  }
});
