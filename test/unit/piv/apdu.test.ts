import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../electron/piv/bytes';
import { decodeCommandApdu, decodeResponseApdu, encodeCommandApdu, encodeResponseApdu } from '../../../electron/piv/apdu';
import { AID, INS } from '../../../electron/piv/constants';
import { MalformedDataError } from '../../../electron/piv/errors';
import { vectors } from './helpers/vectors';

describe('command APDU', () => {
  it('encodes the short SELECT vectors byte-exact', () => {
    expect(toHex(encodeCommandApdu({ cla: 0, ins: INS.SELECT, p1: 4, p2: 0, data: AID.PIV, le: 256 }))).toBe(vectors.apdus.selectPivFull);
    expect(toHex(encodeCommandApdu({ cla: 0, ins: INS.SELECT, p1: 4, p2: 0, data: AID.PIV_RID }))).toBe(vectors.apdus.selectPivRid5_yubicoPivTool);
    expect(toHex(encodeCommandApdu({ cla: 0, ins: INS.GET_RESPONSE, p1: 0, p2: 0, le: 256 }))).toBe(vectors.apdus.getResponse);
  });
  it('encodes extended cases 2E, 3E and 4E', () => {
    expect(toHex(encodeCommandApdu({ cla: 0, ins: 0xcb, p1: 0x3f, p2: 0xff, le: 65536 }, 'extended'))).toBe('00CB3FFF000000');
    const data = new Uint8Array(300).fill(0xaa);
    const e3 = encodeCommandApdu({ cla: 0, ins: 0xdb, p1: 0x3f, p2: 0xff, data });
    expect(toHex(e3.subarray(0, 7))).toBe('00DB3FFF00012C');
    expect(e3.length).toBe(307);
    const e4 = encodeCommandApdu({ cla: 0, ins: 0xdb, p1: 0x3f, p2: 0xff, data, le: 1000 });
    expect(toHex(e4.subarray(-2))).toBe('03E8');
  });
  it('refuses short encoding of oversized data', () => {
    expect(() => encodeCommandApdu({ cla: 0, ins: 0xdb, p1: 0, p2: 0, data: new Uint8Array(256) }, 'short')).toThrow(RangeError);
  });
  it('decodes every ISO case and round-trips them', () => {
    const cases = [
      '0020FF80',
      '0020008000',
      vectors.apdus.selectPivTruncated9_OpenSC,
      vectors.apdus.selectPivRid5_yubicoPivTool,
      vectors.apdus.getDataChuid_OpenSC_probe,
      '00CB3FFF000100',
      '00DB3FFF000002AABB',
      '00DB3FFF000002AABB0000',
    ];
    for (const hex of cases) {
      const d = decodeCommandApdu(fromHex(hex));
      expect(toHex(encodeCommandApdu(d, d.extended ? 'extended' : 'short'))).toBe(hex);
    }
    expect(decodeCommandApdu(fromHex('0020008000')).le).toBe(256);
  });
  it('rejects inconsistent command lengths', () => {
    expect(() => decodeCommandApdu(fromHex('00DB3FFF05AABB'))).toThrow(MalformedDataError);
    expect(() => decodeCommandApdu(fromHex('00A4'))).toThrow(MalformedDataError);
  });
});

describe('response APDU', () => {
  it('splits data and SW and rejects responses shorter than 2 bytes', () => {
    const r = decodeResponseApdu(fromHex(vectors.apdus.selectResponseYubiKeyExample));
    expect(r.sw).toBe(0x9000);
    expect(r.data.length).toBe(19);
    expect(toHex(encodeResponseApdu(r))).toBe(vectors.apdus.selectResponseYubiKeyExample);
    expect(() => decodeResponseApdu(fromHex('90'))).toThrow(MalformedDataError);
  });
});
