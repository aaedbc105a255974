import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeTlvs, encodeTlvs, type Tlv } from '../../../electron/piv/tlv';
import { Fascn, FASCN_FIELDS, type FascnFields } from '../../../electron/piv/fascn';
import { StationError } from '../../../electron/common/errors';
import { createChannel } from '../../../electron/piv/transport';
import { expectSuccess } from '../../../electron/piv/status';

// Tags as PIV uses them: one byte (low 5 bits not all set), two bytes (5F2F, 7F49) or three (5FC1xx).
const tag = fc.oneof(
  fc.integer({ min: 0, max: 0xff }).filter((t) => (t & 0x1f) !== 0x1f),
  fc.integer({ min: 0x00, max: 0x7f }).map((b) => 0x5f00 | b),
  fc.integer({ min: 0x00, max: 0x7f }).map((b) => 0x7f00 | b),
  fc.integer({ min: 0x00, max: 0x7f }).map((b) => 0x5fc100 | b),
);
const value = fc.oneof(fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ minLength: 120, maxLength: 300 }));
const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });

describe('properties', () => {
  it('TLV lists round-trip exactly', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ tag, value }), { maxLength: 8 }), (items: Tlv[]) => {
        const bytes = encodeTlvs(items);
        const back = decodeTlvs(bytes).map((t) => ({ tag: t.tag, value: t.value }));
        expect(back.map((t) => [t.tag, Buffer.from(t.value).toString('hex')])).toEqual(items.map((t) => [t.tag, Buffer.from(t.value).toString('hex')]));
        expect(Buffer.from(encodeTlvs(back)).equals(Buffer.from(bytes))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('TLV decoding of arbitrary bytes returns or throws a StationError, never anything else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          decodeTlvs(bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(StationError);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('FASC-N fields round-trip through 25 bytes', () => {
    const fields = fc.record(Object.fromEntries(FASCN_FIELDS.map((f) => [f.key, digits(f.digits)])) as Record<keyof FascnFields, fc.Arbitrary<string>>);
    fc.assert(
      fc.property(fields, (f) => {
        const bytes = Fascn.create(f, { strict: false }).toBytes();
        expect(bytes.length).toBe(25);
        expect(Fascn.fromBytes(bytes, { strict: false }).toJSON()).toEqual(f);
      }),
      { numRuns: 300 },
    );
  });

  it('FASC-N decoding of random 25 bytes gives a typed error or a FASC-N that re-encodes identically', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 25, maxLength: 25 }), (bytes) => {
        try {
          expect(Fascn.fromBytes(bytes, { strict: false }).toBytes()).toEqual(bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(StationError);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('garbage card responses become typed errors, never crashes or hangs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 12 }), { minLength: 1, maxLength: 6 }), async (responses) => {
        let i = 0;
        const channel = createChannel(async () => responses[Math.min(i++, responses.length - 1)]);
        try {
          const res = await channel({ cla: 0, ins: 0xcb, p1: 0x3f, p2: 0xff, data: Uint8Array.of(0x5c, 1, 0x7e), le: 256 });
          const data = expectSuccess(res, 'GET DATA 7E');
          decodeTlvs(data);
        } catch (e) {
          expect(e).toBeInstanceOf(StationError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
