import { describe, expect, it } from 'vitest';
import { ATTESTATION_RP_ID, parseAuthData, readAttestation } from '../../../electron/fido/attestation';
import { Ctap2Client } from '../../../electron/fido/ctap2';
import { CTAPHID } from '../../../electron/fido/ctaphid';
import { CtapHidConnection } from '../../../electron/fido/ctaphid-transport';
import { decodeCbor, encodeCbor } from '../../../electron/fido/cbor-codec';
import { VirtualFidoKey } from '../../../electron/simulators/fido/virtual-key';

/*
 * authenticatorData sample: Yubico python-fido2 tests/test_ctap2.py (_AUTH_DATA_GA): rpIdHash
 * 0021F5FC…AE12, flags 0x01 (UP), signCount 29; layout per WebAuthn §6.1.
 */
const AUTH_DATA_GA = '0021F5FC0B85CD22E60623BCD7D1CA48948909249B4776EB515154E57B66AE12010000001D';

async function enrolledKey() {
  const k = new VirtualFidoKey({ keepaliveIntervalMs: 5 });
  const client = new Ctap2Client(await CtapHidConnection.open(k.device));
  await client.setPin('20262026');
  return { k, client };
}

describe('attestation certificate for the key record', () => {
  it('parses authenticatorData (flags, counter)', () => {
    const parsed = parseAuthData(Uint8Array.from(Buffer.from(AUTH_DATA_GA, 'hex')));
    expect(parsed.flags).toBe(0x01);
    expect(parsed.signCount).toBe(29);
    expect(parsed.aaguid).toBeUndefined();
    expect(() => parseAuthData(new Uint8Array(36))).toThrow(/too short/);
  });

  it('reads and verifies the packed attestation of the virtual key', async () => {
    const { k, client } = await enrolledKey();
    const keepalives: string[] = [];
    const result = await readAttestation(client, '20262026', k.authenticator.aaguid, { onKeepalive: (s) => keepalives.push(s) });
    expect(result.format).toBe('packed');
    expect(result.subject).toBe('C=US, O=Issuance Station Simulator, OU=Authenticator Attestation, CN=Virtual FIDO2 Key');
    expect(result.aaguid).toBe('5354a710-f1d0-4b1e-9a3e-7a1e55d0c0de');
    expect(result.certificate?.[0]).toBe(0x30);
    expect(keepalives).toContain('user-presence-needed');
  });

  it('refuses a key whose attestation names another AAGUID', async () => {
    const { client } = await enrolledKey();
    await expect(readAttestation(client, '20262026', new Uint8Array(16))).rejects.toMatchObject({ code: 'FIDO_ATTESTATION_MISMATCH' });
  });

  it('refuses an attestation whose signature does not verify', async () => {
    const { k } = await enrolledKey();
    // A transport that flips one bit of the signature on its way back.
    const conn = await CtapHidConnection.open(k.device);
    const tampering = {
      async transact(cmd: number, payload: Uint8Array) {
        const res = await conn.transact(cmd, payload);
        if (cmd !== CTAPHID.CBOR || payload[0] !== 0x01 || res[0] !== 0) return res;
        const map = decodeCbor(res.subarray(1)) as Map<number, Map<string, unknown>>;
        (map.get(3)!.get('sig') as Uint8Array)[10] ^= 1;
        return Uint8Array.from([0, ...encodeCbor(map)]);
      },
    };
    await expect(readAttestation(new Ctap2Client(tampering), '20262026', k.authenticator.aaguid)).rejects.toMatchObject({ code: 'FIDO_ATTESTATION_INVALID' });
  });

  it('needs the PIN token: the key refuses makeCredential without it', async () => {
    const { client } = await enrolledKey();
    const params = new Map<number, unknown>([
      [1, new Uint8Array(32)],
      [2, { id: ATTESTATION_RP_ID }],
      [3, { id: new Uint8Array(4), name: 'x' }],
      [4, [{ alg: -7, type: 'public-key' }]],
    ]);
    await expect(client.call(0x01, params as never)).rejects.toMatchObject({ code: 'FIDO_PIN_REQUIRED' });
  });
});
