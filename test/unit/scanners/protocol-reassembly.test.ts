import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeDeviceReport, encodeReport, type DeviceReport, type ImageBeginReport, type ImageChunkReport, type ImageEndReport } from '../../../electron/scanners/protocol/codec';
import { frameToReports } from '../../../electron/scanners/protocol/chunking';
import { ImageReassembler } from '../../../electron/scanners/protocol/reassembly';
import { ScannerErrorCode } from '../../../electron/scanners/errors';

function image(width: number, height: number, seed = 1): Uint8Array {
  const px = new Uint8Array(width * height);
  for (let i = 0; i < px.length; i++) px[i] = (i * 31 + seed * 7) & 0xff;
  return px;
}

function reports(width = 40, height = 30, seed = 1) {
  return frameToReports({ tag: 5, frame: 2, kind: 'FINAL', width, height, dpi: 500, pixels: image(width, height, seed) });
}

/** Feeds reports through the wire encoding, as the driver does. */
function feed(list: DeviceReport[]) {
  const r = new ImageReassembler();
  let out;
  for (const rep of list) {
    const d = decodeDeviceReport(encodeReport(rep));
    if (d.type === 'IMAGE_BEGIN') r.begin(d);
    else if (d.type === 'IMAGE_CHUNK') r.chunk(d);
    else if (d.type === 'IMAGE_END') out = r.end(d);
  }
  return out;
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return 'no error';
}

describe('image reassembly', () => {
  it('rebuilds an image sent in 58-byte chunks, byte for byte', () => {
    const list = reports(40, 30);
    expect(list.length).toBe(1 + Math.ceil(1200 / 58) + 1);
    const out = feed(list)!;
    expect(out).toMatchObject({ tag: 5, frame: 2, kind: 'FINAL', width: 40, height: 30, dpi: 500 });
    expect(Buffer.from(out.pixels).equals(Buffer.from(image(40, 30)))).toBe(true);
  });

  it('corrupt chunk (one flipped bit) → SCANNER_IMAGE_CORRUPT', () => {
    const list = reports();
    const c = list[4] as ImageChunkReport;
    const data = c.data.slice();
    data[3] ^= 0x10;
    list[4] = { ...c, data };
    expect(codeOf(() => feed(list))).toBe(ScannerErrorCode.IMAGE_CORRUPT);
  });

  it('CRC in IMAGE_END that does not match → SCANNER_IMAGE_CORRUPT', () => {
    const list = reports();
    const end = list[list.length - 1] as ImageEndReport;
    list[list.length - 1] = { ...end, crc32: (end.crc32 ^ 1) >>> 0 };
    expect(codeOf(() => feed(list))).toBe(ScannerErrorCode.IMAGE_CORRUPT);
  });

  it('missing chunk in the middle → SCANNER_CHUNK_MISSING with the missing sequence numbers', () => {
    const list = reports();
    list.splice(6, 1); // seq 5
    let err: { code?: string; details?: { missing?: number[] } } = {};
    try { feed(list); } catch (e) { err = e as typeof err; }
    expect(err.code).toBe(ScannerErrorCode.CHUNK_MISSING);
    expect(err.details?.missing).toEqual([5]);
  });

  it('missing last chunk → SCANNER_CHUNK_MISSING', () => {
    const list = reports();
    list.splice(list.length - 2, 1);
    expect(codeOf(() => feed(list))).toBe(ScannerErrorCode.CHUNK_MISSING);
  });

  it('missing IMAGE_END (next frame begins) → SCANNER_CHUNK_MISSING', () => {
    const a = reports();
    const b = reports(40, 30, 2);
    const list = [...a.slice(0, -1), ...b];
    expect(codeOf(() => feed(list))).toBe(ScannerErrorCode.CHUNK_MISSING);
  });

  it('two chunks swapped → SCANNER_CHUNK_OUT_OF_ORDER', () => {
    const list = reports();
    [list[3], list[4]] = [list[4], list[3]];
    expect(codeOf(() => feed(list))).toBe(ScannerErrorCode.CHUNK_OUT_OF_ORDER);
  });

  it('a late chunk that arrives after later ones → SCANNER_CHUNK_OUT_OF_ORDER', () => {
    const list = reports();
    const [late] = list.splice(2, 1);
    list.splice(8, 0, late);
    expect(codeOf(() => feed(list))).toBe(ScannerErrorCode.CHUNK_OUT_OF_ORDER);
  });

  it('a repeated chunk → SCANNER_CHUNK_OUT_OF_ORDER', () => {
    const list = reports();
    list.splice(3, 0, list[2]);
    expect(codeOf(() => feed(list))).toBe(ScannerErrorCode.CHUNK_OUT_OF_ORDER);
  });

  it('a chunk before IMAGE_BEGIN or of another frame → SCANNER_CHUNK_OUT_OF_ORDER', () => {
    const list = reports();
    expect(codeOf(() => feed(list.slice(1)))).toBe(ScannerErrorCode.CHUNK_OUT_OF_ORDER);
    const other = reports();
    other[3] = { ...(other[3] as ImageChunkReport), frame: 99 };
    expect(codeOf(() => feed(other))).toBe(ScannerErrorCode.CHUNK_OUT_OF_ORDER);
  });

  it('a chunk of the wrong size → SCANNER_IMAGE_CORRUPT; an IMAGE_BEGIN whose sizes disagree → MALFORMED', () => {
    const list = reports();
    list[2] = { ...(list[2] as ImageChunkReport), data: new Uint8Array(10) };
    expect(codeOf(() => feed(list))).toBe(ScannerErrorCode.IMAGE_CORRUPT);
    const bad = reports();
    bad[0] = { ...(bad[0] as ImageBeginReport), totalLength: 1199 };
    expect(codeOf(() => feed(bad))).toBe(ScannerErrorCode.REPORT_MALFORMED);
  });

  it('is idle again after an error: the next good frame assembles', () => {
    const r = new ImageReassembler();
    const bad = reports();
    r.begin(bad[0] as ImageBeginReport);
    expect(codeOf(() => r.chunk(bad[2] as ImageChunkReport))).toBe('no error');
    expect(codeOf(() => r.chunk(bad[1] as ImageChunkReport))).toBe(ScannerErrorCode.CHUNK_OUT_OF_ORDER);
    expect(r.inFlight).toBe(false);
    const good = reports();
    r.begin(good[0] as ImageBeginReport);
    for (const c of good.slice(1, -1)) r.chunk(c as ImageChunkReport);
    expect(r.end(good[good.length - 1] as ImageEndReport).pixels.length).toBe(1200);
  });

  it('property: dropping any one chunk → MISSING, swapping any two → OUT_OF_ORDER, flipping any bit → CORRUPT', () => {
    const list = reports(23, 17);
    const chunks = list.length - 2;
    fc.assert(fc.property(fc.integer({ min: 0, max: chunks - 1 }), (i) => {
      const dropped = list.filter((_, k) => k !== i + 1);
      expect(codeOf(() => feed(dropped))).toBe(ScannerErrorCode.CHUNK_MISSING);
    }));
    fc.assert(fc.property(fc.integer({ min: 0, max: chunks - 1 }), fc.integer({ min: 0, max: chunks - 1 }), (i, j) => {
      fc.pre(i !== j);
      const swapped = list.slice();
      [swapped[i + 1], swapped[j + 1]] = [swapped[j + 1], swapped[i + 1]];
      expect(codeOf(() => feed(swapped))).toBe(ScannerErrorCode.CHUNK_OUT_OF_ORDER);
    }));
    fc.assert(fc.property(fc.integer({ min: 0, max: 23 * 17 * 8 - 1 }), (bit) => {
      const flipped = list.slice();
      const byte = bit >> 3;
      const k = Math.floor(byte / 58) + 1;
      const c = flipped[k] as ImageChunkReport;
      const data = c.data.slice();
      data[byte % 58] ^= 1 << (bit & 7);
      flipped[k] = { ...c, data };
      expect(codeOf(() => feed(flipped))).toBe(ScannerErrorCode.IMAGE_CORRUPT);
    }));
  });
});
