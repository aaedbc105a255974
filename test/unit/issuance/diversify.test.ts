import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { DIVERSIFICATION_SALT, diversifyManagementKey, diversifyPuk } from '../../../electron/keys/diversify';
import { ALGORITHM } from '../../../electron/piv/constants';
import { fromHex, toHex } from '../../../electron/piv/bytes';

const master = Uint8Array.from({ length: 32 }, (_, i) => i);
const guid = fromHex('3F2504E04F8911D39A0C0305E82C3301');
const fascn = fromHex('D0439458210C2C19A0846D83685A1082108CE73984108CA3FC'); // TIG example (piv-reference §1.2)

/** RFC 5869 written out with HMAC, independent of node's hkdfSync. */
function hkdfReference(ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number): Uint8Array {
  const prk = createHmac('sha256', salt).update(ikm).digest();
  const out: Buffer[] = [];
  let t = Buffer.alloc(0);
  for (let i = 1; Buffer.concat(out).length < length; i++) {
    t = createHmac('sha256', prk).update(Buffer.concat([t, Buffer.from(info), Buffer.of(i)])).digest();
    out.push(t);
  }
  return new Uint8Array(Buffer.concat(out).subarray(0, length));
}

describe('per-card key diversification (HKDF-SHA-256 over GUID ‖ FASC-N)', () => {
  it('equals RFC 5869 HKDF computed independently, with info = 9B ‖ algorithm ‖ GUID ‖ FASC-N', () => {
    for (const [alg, len] of [[ALGORITHM.AES_128, 16], [ALGORITHM.AES_192, 24], [ALGORITHM.AES_256, 32]] as const) {
      const info = new Uint8Array([0x9b, alg, ...guid, ...fascn]);
      expect(toHex(diversifyManagementKey(master, alg, guid, fascn))).toBe(toHex(hkdfReference(master, DIVERSIFICATION_SALT, info, len)));
    }
  });

  it('differs for another card (GUID or FASC-N) and another master key, and is stable for the same card', () => {
    const k = toHex(diversifyManagementKey(master, ALGORITHM.AES_256, guid, fascn));
    expect(toHex(diversifyManagementKey(master, ALGORITHM.AES_256, guid, fascn))).toBe(k);
    const otherGuid = guid.slice();
    otherGuid[15] ^= 1;
    const otherFascn = fascn.slice();
    otherFascn[10] ^= 0x10;
    const otherMaster = master.slice();
    otherMaster[0] = 0xff;
    expect(toHex(diversifyManagementKey(master, ALGORITHM.AES_256, otherGuid, fascn))).not.toBe(k);
    expect(toHex(diversifyManagementKey(master, ALGORITHM.AES_256, guid, otherFascn))).not.toBe(k);
    expect(toHex(diversifyManagementKey(otherMaster, ALGORITHM.AES_256, guid, fascn))).not.toBe(k);
  });

  it('refuses 3TDEA (deprecated for 9B) and malformed inputs', () => {
    expect(() => diversifyManagementKey(master, ALGORITHM.TDEA_3KEY, guid, fascn)).toThrow(/AES/);
    expect(() => diversifyManagementKey(master.subarray(0, 16), ALGORITHM.AES_256, guid, fascn)).toThrow(/32 bytes/);
    expect(() => diversifyManagementKey(master, ALGORITHM.AES_256, guid.subarray(0, 8), fascn)).toThrow(/GUID/);
  });

  it('derives an 8-digit PUK, different from the management key derivation and per card', () => {
    const puk = diversifyPuk(master, guid, fascn);
    expect(puk).toMatch(/^[0-9]{8}$/);
    expect(diversifyPuk(master, guid, fascn)).toBe(puk);
    const g2 = guid.slice();
    g2[0] ^= 1;
    expect(diversifyPuk(master, g2, fascn)).not.toBe(puk);
  });
});
