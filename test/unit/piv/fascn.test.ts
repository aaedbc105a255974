import { describe, expect, it } from 'vitest';
import { Fascn, FascnError, type FascnFields } from '../../../electron/piv/fascn';
import { vectors } from './helpers/vectors';

type Vector = { fields: FascnFields; expectedHex: string };
const valid: Vector[] = vectors.fascn.valid;
const gsa: Vector[] = vectors.fascn.gsaIcamTestCards;

describe('FASC-N vectors', () => {
  it.each([...valid, ...gsa].map((v) => [v.expectedHex, v] as const))('encodes and decodes %s', (_hex, v) => {
    expect(Fascn.create(v.fields, { strict: false }).toHex()).toBe(v.expectedHex);
    const decoded = Fascn.fromHex(v.expectedHex);
    expect(decoded.toJSON()).toEqual(v.fields);
    expect(decoded.toHex()).toBe(v.expectedHex);
  });

  it('rejects the HID CPR sample with an LRC error naming character 39', () => {
    const neg = vectors.fascn.negative[0];
    expect(() => Fascn.fromHex(neg.hex)).toThrow(/LRC mismatch at character 39: computed A stored 7/);
    expect(Fascn.create(neg.claimedFields).toHex()).toBe(neg.correctHexForClaimedFields);
  });

  it('rejects the pre-2.1.0 Yubico FASC-N: OC character 32 is 0xC', () => {
    const neg = vectors.fascn.negative[1];
    try {
      Fascn.fromHex(neg.hex);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FascnError);
      expect((e as FascnError).message).toMatch(/character 32 \(organizational category\) is 0xC, not a BCD digit/);
      expect((e as FascnError).details).toMatchObject({ position: 32, reason: 'digit' });
    }
  });

  it.each([vectors.fascn.negative[2], vectors.fascn.negative[3]].map((n) => [n.decodedFields.organizationalCategory, n] as const))(
    'decodes GSA OC=%s bits but a strict read flags the value set',
    (_oc, neg) => {
      expect(Fascn.fromHex(neg.hex, { strict: false }).toJSON()).toEqual(neg.decodedFields);
      expect(() => Fascn.fromHex(neg.hex)).toThrow(/organizational category \d is outside the value set 1-4/);
    },
  );

  it('names the position of a parity error and a missing separator', () => {
    const good = Fascn.fromHex(valid[0].expectedHex).toBytes();
    const flipped = good.slice();
    flipped[0] ^= 0x08; // bit 4 = parity bit of character 0
    expect(() => Fascn.fromBytes(flipped)).toThrow(/character 0 \(start sentinel\) has even parity/);
    expect(() => Fascn.fromBytes(good.subarray(1))).toThrow(/25 bytes, got 24/);
  });
});

describe('FASC-N value object', () => {
  const tig = valid[0].fields;
  it('knows PIV and PIV-I (9999) modes and builds non-federal FASC-Ns', () => {
    expect(Fascn.create(tig).mode).toBe('piv');
    const nfi = Fascn.nonFederal({ credentialSeries: '0', individualCredentialIssue: '1', personIdentifier: '0000000000', organizationalCategory: '3', organizationalIdentifier: '0000', poaCategory: '1' });
    expect(nfi.mode).toBe('piv-i');
    expect(nfi.toHex()).toBe(valid[1].expectedHex);
    expect(nfi.identifier).toBe('99999999999999');
  });
  it('refuses bad fields on create', () => {
    expect(() => Fascn.create({ ...tig, agencyCode: '32' })).toThrow(/agency code must be exactly 4 digit/);
    expect(() => Fascn.create({ ...tig, poaCategory: '8' })).toThrow(/value set 1-7/);
    expect(() => Fascn.create({ ...tig, organizationalCategory: '0' })).toThrow(/value set 1-4/);
    expect(() => Fascn.create(valid[2].fields)).toThrow(/non-zero/);
    expect(() => Fascn.create({ ...tig, agencyCode: '9999' })).toThrow(/requires system code 9999/);
  });
  it('enforces a requested mode', () => {
    expect(() => Fascn.create(valid[1].fields, { mode: 'piv' })).toThrow(/federal PIV FASC-N/);
    expect(() => Fascn.create(tig, { mode: 'piv-i' })).toThrow(/non-federal/);
    expect(Fascn.create(tig, { mode: 'piv' }).mode).toBe('piv');
  });
  it('prints a dashed text form', () => {
    expect(String(Fascn.create(tig))).toBe('0032-0001-092446-0-1-1112223333-1-1223-2');
  });
});
