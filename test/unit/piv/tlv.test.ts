import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../electron/piv/bytes';
import { decodeTlvAt, decodeTlvs, encodeLength, encodeTlv, unwrapTlv } from '../../../electron/piv/tlv';
import { MalformedDataError } from '../../../electron/piv/errors';
import { vectors } from './helpers/vectors';

describe('BER-TLV', () => {
  it('encodes every berLength vector in the shortest of the 1/81/82 forms', () => {
    for (const [n, hex] of Object.entries(vectors.berLength as Record<string, string>)) {
      expect(toHex(encodeLength(Number(n)))).toBe(hex);
    }
  });
  it('encodes and decodes multi-byte tags 5FC102 and 7F49', () => {
    const t = encodeTlv(0x5fc102, fromHex('0102'));
    expect(toHex(t)).toBe('5FC102020102');
    expect(decodeTlvAt(t).tag).toBe(0x5fc102);
    const pk = encodeTlv(0x7f49, encodeTlv(0x86, new Uint8Array(65)));
    expect(toHex(pk.subarray(0, 4))).toBe('7F494386');
    const d = decodeTlvAt(pk);
    expect(d.tag).toBe(0x7f49);
    expect(decodeTlvs(d.value)[0].value.length).toBe(65);
  });
  it('decodes the ykman CHUID GET DATA response (53 wrapper spanning everything)', () => {
    const resp = fromHex(vectors.chuid.ykmanTestChuid.getDataResponseHex).subarray(0, -2);
    const content = unwrapTlv(resp, 0x53);
    expect(decodeTlvs(content).map((t) => t.tag)).toEqual([0x30, 0x34, 0x35, 0x3e, 0xfe]);
  });
  it('reads a 2200-byte length in 82 form', () => {
    const v = new Uint8Array(2200);
    const enc = encodeTlv(0x53, v);
    expect(toHex(enc.subarray(0, 4))).toBe('53820898');
    expect(unwrapTlv(enc, 0x53).length).toBe(2200);
  });
  it.each([
    ['truncated value', '5305010203'],
    ['truncated 82 length', '538201'],
    ['indefinite length', '538000'],
    ['missing length', '5F'],
    ['4-byte tag', '5FC1C1C10100'],
    ['5-byte length form', '53850000000001'],
  ])('rejects %s with MalformedDataError', (_name, hex) => {
    expect(() => decodeTlvs(fromHex(hex))).toThrow(MalformedDataError);
  });
  it('rejects a wrong outer tag and trailing bytes in unwrapTlv', () => {
    expect(() => unwrapTlv(fromHex('5400'), 0x53)).toThrow(/expected tag 53/);
    expect(() => unwrapTlv(fromHex('530000'), 0x53)).toThrow(/trailing/);
  });
});
