import { describe, expect, it } from 'vitest';
import { FidoEnrollment, type CoachingState } from '../../../electron/fido/enrollment';
import { VirtualFidoKey } from '../../../electron/simulators/fido/virtual-key';
import { Ctap2Client } from '../../../electron/fido/ctap2';
import { CtapHidConnection } from '../../../electron/fido/ctaphid-transport';

function key(options: ConstructorParameters<typeof VirtualFidoKey>[0] = {}) {
  let now = 9_000_000;
  const k = new VirtualFidoKey({ clock: () => now, keepaliveIntervalMs: 5, serialNumber: 'SIM-0042', ...options });
  return { k, advance: (ms: number) => (now += ms) };
}

describe('FIDO key enrollment use case on the virtual key', () => {
  it('resets, sets the PIN, applies min length + forced change, and returns the record', async () => {
    const { k } = key();
    const steps: CoachingState['step'][] = [];
    const result = await new FidoEnrollment(k, (s) => steps.push(s.step)).run({ pin: '86428642', minPinLength: 8, forcePinChange: true });
    expect(steps).toEqual(['connecting', 'touch-to-reset', 'reset-done', 'setting-pin', 'touch-to-attest', 'setting-pin-policy', 'recording', 'done']);
    expect(result.pinPolicyApplied).toBe(true);
    expect(result.record).toMatchObject({
      aaguid: '5354a710-f1d0-4b1e-9a3e-7a1e55d0c0de',
      attestationSubject: 'C=US, O=Issuance Station Simulator, OU=Authenticator Attestation, CN=Virtual FIDO2 Key',
      attestationSource: 'makeCredential',
      attestationFormat: 'packed',
      serial: 'SIM-0042',
      versions: ['FIDO_2_0', 'FIDO_2_1'],
      minPinLength: 8,
      forcePinChange: true,
    });
    expect(result.record.options.clientPin).toBe(true);
    expect(JSON.stringify(result)).not.toContain('86428642');
  });

  it('coaches an unplug/replug when the key was plugged in more than 10 seconds ago', async () => {
    const { k, advance } = key();
    advance(60_000);
    const steps: CoachingState[] = [];
    const enrollment = new FidoEnrollment(k, (s) => steps.push(s));
    const run = enrollment.run({ pin: '97979797' });
    while (!steps.some((s) => s.step === 'replug')) await new Promise((r) => setTimeout(r, 2));
    expect(steps).toContainEqual({ step: 'replug', attempt: 1 });
    k.replug(); // operator pulls and re-inserts the key
    const result = await run;
    expect(result.record.options.clientPin).toBe(true);
    expect(steps.map((s) => s.step)).toContain('reset-done');
  });

  it('gives up with the replug advice after the allowed attempts', async () => {
    const { k, advance } = key();
    advance(60_000);
    const stubborn = { open: () => k.open(), waitForReplug: async () => undefined }; // "replugged" but never really
    await expect(new FidoEnrollment(stubborn, () => {}, { maxReplugAttempts: 1 }).run({ pin: '97979797' })).rejects.toMatchObject({
      code: 'FIDO_RESET_NOT_ALLOWED',
    });
  });

  it('enrolls a CTAP 2.0 key without authenticatorConfig, saying the PIN policy was not stored', async () => {
    const { k } = key({ supportsConfig: false, pinUvAuthProtocols: [1] });
    const steps: string[] = [];
    const result = await new FidoEnrollment(k, (s) => steps.push(s.step)).run({ pin: '86428642', minPinLength: 6, attest: false });
    expect(result.pinPolicyApplied).toBe(false);
    expect(result.record).toMatchObject({ attestationSubject: null, attestationSource: 'unavailable' });
    expect(steps).toContain('pin-policy-unsupported');
    expect(result.record.pinUvAuthProtocols).toEqual([1]);
  });

  it('then the applicant can change the PIN on the enrolled key (protocol 1 and 2)', async () => {
    for (const preferredProtocol of [1, 2] as const) {
      const { k } = key();
      await new FidoEnrollment(k).run({ pin: '55556666', preferredProtocol });
      const client = new Ctap2Client(await CtapHidConnection.open((await k.open()).device), { preferredProtocol });
      await client.changePin('55556666', '77778888');
      await expect(client.changePin('55556666', '12121212')).rejects.toMatchObject({ code: 'FIDO_PIN_INVALID' });
    }
  });

  it('refuses a PIN shorter than the requested minimum before touching the key', async () => {
    const { k } = key();
    await expect(new FidoEnrollment(k).run({ pin: '1234', minPinLength: 6 })).rejects.toMatchObject({ code: 'FIDO_PIN_TOO_SHORT' });
    await expect(new FidoEnrollment(k).run({ pin: '123456', minPinLength: 2 })).rejects.toMatchObject({ code: 'FIDO_MIN_PIN_LENGTH' });
    expect(k.device.stats.reportsIn).toBe(0);
  });

  it('refuses to issue a key that already has a PIN when reset is skipped', async () => {
    const { k } = key();
    await new FidoEnrollment(k).run({ pin: '55556666' });
    await expect(new FidoEnrollment(k).run({ pin: '55556666', reset: false })).rejects.toMatchObject({ code: 'FIDO_PIN_ALREADY_SET' });
  });
});
