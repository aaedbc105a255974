import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  decodeTemplate,
  encodeTemplate,
  featuresToRecord,
  recordToFeatures,
  sniffTemplateFormat,
  type MinutiaeRecord,
  type TemplateFormat,
} from '../../../electron/biometrics/templates';
import { InvalidInputError } from '../../../electron/common/errors';

/** Hex bytes; anything after '#' on a line is a comment. */
const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/#.*$/gm, '').replace(/\s+/g, ''), 'hex'));

// INCITS 378-2004, one view, 2 minutiae, one extended data area (vendor type 0x0101, 2 data bytes).
// Length = 26 header + 4 view header + 12 minutiae + 2 block length + 6 area = 50 = 0x32.
const INCITS_HAND = hex(`
  464d5200 20323000 0032        # format id, version, length of record
  0033 0004                     # CBEFF product owner 0x0033, type 4
  0000                          # capture equipment
  0184 0176 00c5 00c5           # 388 x 374 pixels, 197 px/cm (500 dpi)
  01 00                         # one finger view, reserved
  07 10 3c 02                   # left index, view 1 / live-scan plain, quality 60, 2 minutiae
  4064 0032 2d 50               # ridge ending at (100, 50), 45 units = 90 deg, quality 80
  80c8 012c b3 28               # bifurcation at (200, 300), 179 units = 358 deg, quality 40
  0006 0101 0006 abcd           # extended block: 6 bytes; area type 0x0101, length 6, data abcd
`);

// ISO/IEC 19794-2:2005, same content; angle 64 units = 90 deg. Length = 24 + 4 + 12 + 2 = 42.
const ISO_HAND = hex(`
  464d5200 20323000 0000002a
  0000 0128 0230 00e0 00e0      # 296 x 560, 224 px/cm (569 dpi)
  01 00
  00 00 00 02
  4064 0032 40 50
  00c8 012c ff 00               # "other" type, angle 255
  0000
`);

describe('INCITS 378-2004 record', () => {
  it('decodes a hand-built record field by field', () => {
    const r = decodeTemplate(INCITS_HAND);
    expect(r.format).toBe('incits378');
    expect(r).toMatchObject({ productOwner: 0x33, productType: 4, width: 388, height: 374, xResolution: 197, yResolution: 197, longLength: false });
    const v = r.views[0];
    expect(v).toMatchObject({ fingerPosition: 7, viewNumber: 1, impressionType: 0, quality: 60 });
    expect(v.minutiae).toEqual([
      { type: 1, x: 100, y: 50, angle: 45, quality: 80 },
      { type: 2, x: 200, y: 300, angle: 179, quality: 40 },
    ]);
    expect(v.extendedData).toEqual([{ typeId: 0x0101, data: Uint8Array.of(0xab, 0xcd) }]);
  });
  it('re-encodes to the same bytes, extended data included', () => {
    expect(Buffer.from(encodeTemplate(decodeTemplate(INCITS_HAND))).toString('hex')).toBe(Buffer.from(INCITS_HAND).toString('hex'));
  });
  it('converts units to pixels/radians/dpi', () => {
    const f = recordToFeatures(decodeTemplate(INCITS_HAND));
    expect(f.dpi).toBe(500);
    expect(f.minutiae[0].angle).toBeCloseTo(Math.PI / 2, 10);
    expect(f.minutiae[0].type).toBe('ending');
    expect(f.minutiae[1].type).toBe('bifurcation');
  });
  it('keeps the 6-byte length form when a record used it', () => {
    const long = hex(`464d5200 20323000 0000 00000036 ${Buffer.from(INCITS_HAND.slice(10)).toString('hex')}`);
    const r = decodeTemplate(long);
    expect(r.longLength).toBe(true);
    expect(encodeTemplate(r)).toEqual(long);
  });
});

describe('ISO/IEC 19794-2:2005 record', () => {
  it('decodes and re-encodes a hand-built record', () => {
    expect(sniffTemplateFormat(ISO_HAND)).toBe('iso19794');
    const r = decodeTemplate(ISO_HAND);
    expect(r.productOwner).toBeUndefined();
    expect(r.views[0].minutiae[1]).toEqual({ type: 0, x: 200, y: 300, angle: 255, quality: 0 });
    expect(recordToFeatures(r).dpi).toBe(569);
    expect(recordToFeatures(r).minutiae[0].angle).toBeCloseTo(Math.PI / 2, 10);
    expect(encodeTemplate(r)).toEqual(ISO_HAND);
  });
});

function rejects(bytes: Uint8Array, reason: RegExp, format?: TemplateFormat) {
  let caught: unknown;
  try {
    decodeTemplate(bytes, format);
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(InvalidInputError);
  expect((caught as InvalidInputError).message).toMatch(reason);
}

describe('malformed records are rejected with a reason', () => {
  const patch = (src: Uint8Array, at: number, ...b: number[]) => {
    const c = src.slice();
    c.set(b, at);
    return c;
  };
  it('not a minutiae record at all', () => rejects(hex('89504e470d0a1a0a'), /not an INCITS 378-2004 or ISO/));
  it('truncated', () => rejects(INCITS_HAND.slice(0, 40), /Length of Record says 50 bytes but 40/, 'incits378'));
  it('truncated inside a minutia with a matching length', () => rejects(patch(INCITS_HAND.slice(0, 33), 8, 0, 33), /ends inside the minutia/));
  it('trailing bytes', () => rejects(patch(Uint8Array.from([...INCITS_HAND, 0]), 8, 0, 51), /1 bytes follow the last finger view/));
  it('wrong version', () => rejects(patch(INCITS_HAND, 5, 0x31), /Version Number/, 'incits378'));
  it('reserved minutia type', () => rejects(patch(INCITS_HAND, 30, 0xc0), /reserved type code 3/));
  it('INCITS angle of 180 units (360 degrees)', () => rejects(patch(INCITS_HAND, 34, 180), /angle 180 is out of range 0..179/));
  it('minutia outside the image', () => rejects(patch(INCITS_HAND, 30, 0x41, 0x90), /outside the 388x374 image/));
  it('quality above 100', () => rejects(patch(INCITS_HAND, 35, 101), /quality 101/));
  it('extended area longer than its block', () => rejects(patch(INCITS_HAND, 46, 0x00, 0x09), /runs past the end of its block/));
  it('zero resolution', () => rejects(patch(ISO_HAND, 18, 0, 0), /resolution is zero/));
  it('no finger view', () => rejects(patch(patch(ISO_HAND.slice(0, 24), 8, 0, 0, 0, 24), 22, 0), /no finger view/));
});

const arbMinutia = (units: number) =>
  fc.record({
    type: fc.integer({ min: 0, max: 2 }),
    x: fc.integer({ min: 0, max: 399 }),
    y: fc.integer({ min: 0, max: 599 }),
    angle: fc.integer({ min: 0, max: units - 1 }),
    quality: fc.integer({ min: 0, max: 100 }),
  });
const arbView = (units: number) =>
  fc.record({
    fingerPosition: fc.integer({ min: 0, max: 10 }),
    viewNumber: fc.integer({ min: 0, max: 15 }),
    impressionType: fc.constantFrom(0, 1, 2, 3, 8),
    quality: fc.integer({ min: 0, max: 100 }),
    minutiae: fc.array(arbMinutia(units), { maxLength: 60 }),
    extendedData: fc.array(fc.record({ typeId: fc.integer({ min: 0, max: 0xffff }), data: fc.uint8Array({ maxLength: 20 }) }), { maxLength: 3 }),
  });
const arbCommon = (units: number) => ({
  equipmentCompliance: fc.integer({ min: 0, max: 15 }),
  equipmentId: fc.integer({ min: 0, max: 0xfff }),
  width: fc.constant(400),
  height: fc.constant(600),
  xResolution: fc.integer({ min: 1, max: 0xffff }),
  yResolution: fc.integer({ min: 1, max: 0xffff }),
  views: fc.array(arbView(units), { minLength: 1, maxLength: 4 }),
});
const arbIncits: fc.Arbitrary<MinutiaeRecord> = fc.record({
  format: fc.constant('incits378' as const),
  productOwner: fc.integer({ min: 0, max: 0xffff }),
  productType: fc.integer({ min: 0, max: 0xffff }),
  longLength: fc.boolean(),
  ...arbCommon(180),
});
const arbIso: fc.Arbitrary<MinutiaeRecord> = fc.record({ format: fc.constant('iso19794' as const), ...arbCommon(256) });

describe('round trips (fast-check)', () => {
  for (const [name, arb] of [['INCITS 378', arbIncits], ['ISO 19794-2', arbIso]] as const) {
    it(`${name}: decode(encode(record)) equals the record and re-encodes byte for byte`, () => {
      fc.assert(
        fc.property(arb, (record) => {
          const bytes = encodeTemplate(record);
          expect(sniffTemplateFormat(bytes)).toBe(record.format);
          const back = decodeTemplate(bytes);
          expect(back).toEqual(record);
          expect(encodeTemplate(back)).toEqual(bytes);
        }),
        { numRuns: 200 },
      );
    });
  }
  it('features survive a trip through either format within one angle unit', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<TemplateFormat>('incits378', 'iso19794'),
        fc.array(fc.record({ x: fc.integer({ min: 0, max: 387 }), y: fc.integer({ min: 0, max: 373 }), angle: fc.double({ min: 0, max: 6.28, noNaN: true }), quality: fc.integer({ min: 0, max: 100 }), type: fc.constantFrom('ending' as const, 'bifurcation' as const) }), { maxLength: 80 }),
        (format, minutiae) => {
          const features = { width: 388, height: 374, dpi: 500, quality: 70, minutiae };
          const back = recordToFeatures(decodeTemplate(encodeTemplate(featuresToRecord(features, { format }))));
          expect(back.dpi).toBe(500);
          expect(back.minutiae.length).toBe(minutiae.length);
          const unit = (2 * Math.PI) / (format === 'incits378' ? 180 : 256);
          back.minutiae.forEach((m, i) => {
            const d = Math.abs(((m.angle - minutiae[i].angle + 3 * Math.PI) % (2 * Math.PI)) - Math.PI);
            expect(d).toBeLessThanOrEqual(unit / 2 + 1e-9);
            expect([m.x, m.y, m.type]).toEqual([minutiae[i].x, minutiae[i].y, minutiae[i].type]);
          });
        },
      ),
      { numRuns: 100 },
    );
  });
  it('a 100-minutiae INCITS template takes at most 2 KB', () => {
    const minutiae = Array.from({ length: 100 }, (_, i) => ({ x: i, y: i, angle: 0, quality: 50, type: 'ending' as const }));
    const bytes = encodeTemplate(featuresToRecord({ width: 388, height: 374, dpi: 500, quality: 50, minutiae }, { format: 'incits378' }));
    expect(bytes.length).toBe(26 + 4 + 600 + 2);
    expect(bytes.length).toBeLessThanOrEqual(2048);
  });
});
