// Property tests: whatever bytes a card (or a file) hands us, the card edge answers with a typed
// StationError or a value — never a TypeError/RangeError crash or a hang.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { StationError } from '../../../electron/common/errors';
import { PivSession } from '../../../electron/piv/session';
import { ALGORITHM, KEY_REF, OBJECT_TAG, YUBICO_DEFAULT } from '../../../electron/piv/constants';
import { Chuid } from '../../../electron/piv/chuid';
import { PrintedInformation } from '../../../electron/piv/printed-information';
import { SecurityObject } from '../../../electron/piv/security-object';
import { CardholderFingerprints } from '../../../electron/piv/fingerprints';
import { Ccc } from '../../../electron/piv/ccc';
import { Discovery } from '../../../electron/piv/discovery';
import { fromHex } from '../../../electron/piv/bytes';
import { encodeTlv } from '../../../electron/piv/tlv';
import { vectors } from './helpers/vectors';

async function typedOrValue(f: () => unknown): Promise<void> {
  try {
    await f();
  } catch (e) {
    if (!(e instanceof StationError)) throw e;
  }
}

// Responses: random bytes, or random data with a plausible status word, or a plausible TLV with a random tail.
const response = fc.oneof(
  fc.uint8Array({ maxLength: 80 }),
  fc.tuple(fc.uint8Array({ maxLength: 80 }), fc.constantFrom(0x9000, 0x6100, 0x6105, 0x6c08, 0x63c1, 0x6a82, 0x6982)).map(([d, sw]) => Uint8Array.from([...d, sw >> 8, sw & 0xff])),
  fc.tuple(fc.constantFrom(0x53, 0x7c, 0x7f49, 0x61, 0x7e), fc.uint8Array({ maxLength: 60 }), fc.nat(5)).map(([tag, v, cut]) => {
    const t = encodeTlv(tag, v);
    return Uint8Array.from([...t.subarray(0, Math.max(0, t.length - cut)), 0x90, 0x00]);
  }),
);

const operations: Array<[string, (s: PivSession) => Promise<unknown>]> = [
  ['select', (s) => s.select()],
  ['getData CHUID', (s) => s.getData(OBJECT_TAG.CHUID)],
  ['getData Discovery', (s) => s.getData(OBJECT_TAG.DISCOVERY)],
  ['authenticate 3TDEA', (s) => s.authenticate(YUBICO_DEFAULT.MANAGEMENT_KEY, ALGORITHM.TDEA_3KEY)],
  ['authenticate AES external', (s) => s.authenticate(YUBICO_DEFAULT.MANAGEMENT_KEY, ALGORITHM.AES_192, 'external')],
  ['pinRetries', (s) => s.pinRetries()],
  ['verifyPin', (s) => s.verifyPin('123456')],
  ['generate P-256', (s) => s.generateKey(KEY_REF.PIV_AUTHENTICATION, ALGORITHM.ECC_P256)],
  ['generate RSA', (s) => s.generateKey(KEY_REF.PIV_AUTHENTICATION, ALGORITHM.RSA_2048)],
  ['version/serial/metadata', async (s) => [await s.getVersion(), await s.getSerial(), await s.getMetadata(KEY_REF.CARD_MANAGEMENT)]],
  ['detectFactoryKey', (s) => s.detectFactoryKey()],
];

describe('garbage card responses', () => {
  it.each(operations)('%s: typed error or value', async (_name, op) => {
    await fc.assert(
      fc.asyncProperty(fc.array(response, { minLength: 1, maxLength: 6 }), async (responses) => {
        let i = 0;
        const s = new PivSession(async () => responses[Math.min(i++, responses.length - 1)]);
        await typedOrValue(() => op(s));
      }),
      { numRuns: 150 },
    );
  });
});

describe('garbage object contents', () => {
  const parsers: Array<[string, (b: Uint8Array) => unknown]> = [
    ['CHUID', (b) => Chuid.parse(b)],
    ['Printed Information', (b) => PrintedInformation.parse(b)],
    ['Security Object', (b) => SecurityObject.parse(b).hashes()],
    ['Fingerprints', (b) => CardholderFingerprints.parse(b)],
    ['CCC', (b) => Ccc.parse(b)],
    ['Discovery', (b) => Discovery.parse(b)],
  ];
  // Mutations of real content reach deeper than pure noise.
  const seed = fromHex(vectors.chuid.ykmanTestChuid.contentHex);
  const mutated = fc.tuple(fc.nat(seed.length - 1), fc.integer({ min: 0, max: 255 }), fc.nat(seed.length)).map(([at, b, cut]) => {
    const c = seed.slice(0, Math.max(1, seed.length - cut));
    if (at < c.length) c[at] = b;
    return c;
  });
  it.each(parsers)('%s.parse: typed error or value', async (_name, parse) => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 120 }), mutated), async (bytes) => typedOrValue(() => parse(bytes))),
      { numRuns: 300 },
    );
  });
  it('a CHUID with a garbage 3E reports an invalid signature instead of throwing', async () => {
    const content = fromHex(vectors.chuid.ykmanTestChuid.contentHex.replace('3E00FE00', '3E03300102FE00'));
    expect(await Chuid.parse(content).verifySignature()).toMatchObject({ present: true, valid: false });
  });
});
