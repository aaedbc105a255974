import { describe, expect, it } from 'vitest';
import { decodeCbor, encodeCbor } from '../../../electron/fido/cbor-codec';
import { parseGetInfo } from '../../../electron/fido/get-info';

/*
 * Source: the authenticatorGetInfo example of the FIDO CTAP specification (CTAP 2.0 §5.4 / CTAP 2.1
 * §6.4: versions ["U2F_V2","FIDO_2_0"], extensions ["uvm","hmac-secret"], AAGUID F8A011F3…, options
 * {rk:true, up:true, plat:false, clientPin:false}, maxMsgSize 1200, pinProtocols [1]); the hex is the
 * same example as carried in Yubico python-fido2 tests/test_ctap2.py (_INFO). Canonical ordering rules
 * are CTAP 2.1 §8 "Message Encoding" (major type, then length, then bytewise).
 */
const INFO_HEX =
  'a60182665532465f5632684649444f5f325f3002826375766d6b686d61632d7365637265740350f8a011f38c0a4d15800617111f9edc7d04a462726bf5627570f564706c6174f469636c69656e7450696ef4051904b0068101';
const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('CTAP2 canonical CBOR codec over cbor-x', () => {
  it('encodes the spec getInfo example byte for byte, whatever order the fields were given in', () => {
    const value = new Map<number, unknown>([
      [6, [1]],
      [4, { clientPin: false, plat: false, up: true, rk: true }],
      [2, ['uvm', 'hmac-secret']],
      [5, 1200],
      [3, hex('f8a011f38c0a4d15800617111f9edc7d')],
      [1, ['U2F_V2', 'FIDO_2_0']],
    ]);
    expect(toHex(encodeCbor(value))).toBe(INFO_HEX);
  });

  it('decodes the spec getInfo example into the station’s info model', () => {
    const info = parseGetInfo(decodeCbor(hex(INFO_HEX), { requireCanonical: true }) as Map<number, never>);
    expect(info.versions).toEqual(['U2F_V2', 'FIDO_2_0']);
    expect(info.extensions).toEqual(['uvm', 'hmac-secret']);
    expect(info.aaguidText).toBe('f8a011f3-8c0a-4d15-8006-17111f9edc7d');
    expect(info.options).toEqual({ rk: true, up: true, plat: false, clientPin: false });
    expect(info.maxMsgSize).toBe(1200);
    expect(info.pinUvAuthProtocols).toEqual([1]);
  });

  it('orders COSE key labels 1, 3, -1, -2, -3 (unsigned before negative)', () => {
    const cose = new Map<number, unknown>([[-3, hex('03')], [-1, 1], [3, -25], [-2, hex('02')], [1, 2]]);
    expect(toHex(encodeCbor(cose))).toBe('a5' + '0102' + '033818' + '2001' + '214102' + '224103');
  });

  it('uses the shortest integer forms, including beyond 32 bits', () => {
    expect(toHex(encodeCbor(23))).toBe('17');
    expect(toHex(encodeCbor(24))).toBe('1818');
    expect(toHex(encodeCbor(-25))).toBe('3818');
    expect(toHex(encodeCbor(65536))).toBe('1a00010000');
    expect(toHex(encodeCbor(2 ** 32))).toBe('1b0000000100000000');
  });

  it('refuses floats, odd keys and non-canonical input', () => {
    expect(() => encodeCbor(1.5)).toThrow(/floating-point/);
    expect(() => encodeCbor(new Map<unknown, unknown>([[true, 1]]))).toThrow(/integers or text/);
    // {2: 1, 1: 1}: keys out of order
    expect(() => decodeCbor(hex('a2' + '0201' + '0101'), { requireCanonical: true })).toThrow(/canonical/);
    // 24 written in two bytes (non-shortest)
    expect(() => decodeCbor(hex('190018'), { requireCanonical: true })).toThrow(/canonical/);
    expect(() => decodeCbor(hex('a201010202'), { requireCanonical: true })).not.toThrow();
    expect(() => decodeCbor(hex('f93e00'))).toThrow(/floating-point/);
    expect(() => decodeCbor(hex('a3'))).toThrow(/not valid CBOR/);
  });

  it('keeps byte strings as bytes (no tags) and integer keys as integers', () => {
    expect(toHex(encodeCbor(Uint8Array.of(1, 2, 3)))).toBe('43010203');
    const m = decodeCbor(hex('a1014101')) as Map<number, Uint8Array>;
    expect(m.get(1)).toBeInstanceOf(Uint8Array);
    expect([...m.keys()]).toEqual([1]);
  });
});
