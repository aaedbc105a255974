/**
 * Issue 3 "Done when": a card pulled during a chained PUT DATA leaves the old object intact or the new
 * one whole, never half. The virtual card runs in this process on vpcd so the test can pull it (close
 * the vpcd socket) at an exact block; pcscd and the PC/SC adapter are real.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PivSession } from '../../../electron/piv/session';
import { CardRemovedError } from '../../../electron/piv/errors';
import { toHex } from '../../../electron/piv/bytes';
import { ALGORITHM, INS, OBJECT_TAG, YUBICO_DEFAULT } from '../../../electron/piv/constants';
import { PcscReaderManager } from '../../../electron/pcsc/reader-manager';
import { nativePcscLite } from '../../../electron/pcsc/pcsclite-native';
import { ensurePcscd } from '../support/pcscd';
import { lockPort } from '../support/port-lock';
import { startInProcessCard, type InProcessCard } from '../support/simulated-card';

const PORT = 35964;
/** 2 KB object → 9 PUT DATA blocks of 255 bytes. */
const OBJECT_BYTES = 2048;
const TAG = OBJECT_TAG.SECURITY_OBJECT;

let release: () => void;
let sim: InProcessCard;
let manager: PcscReaderManager;
/** When set, the card is pulled at PUT DATA block `block` (1-based), before or after the card processed it. */
let pullAt: { block: number; processed: boolean } | undefined;
let putBlocks = 0;

const content = (seed: number) => Uint8Array.from({ length: OBJECT_BYTES }, (_, i) => (i * 31 + seed) & 0xff);

function write(object: Uint8Array): Promise<void> {
  putBlocks = 0;
  return manager.withCard({ reader: sim.reader, waitMs: 10_000 }, async (channel) => {
    const session = new PivSession(channel.transmit);
    await session.select();
    await session.authenticate(YUBICO_DEFAULT.MANAGEMENT_KEY, ALGORITHM.TDEA_3KEY);
    await session.putData(TAG, object);
  });
}

function read(): Promise<Uint8Array> {
  return manager.withCard({ reader: sim.reader, waitMs: 10_000 }, async (channel) => {
    const session = new PivSession(channel.transmit);
    await session.select();
    return session.getData(TAG);
  });
}

async function cardAbsent(timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (manager.readers().find((r) => r.name === sim.reader)?.cardPresent) {
    if (Date.now() > deadline) throw new Error(`pcscd still shows a card in ${sim.reader} ${timeoutMs} ms after the pull`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  // Lock first: pcscd started by the tests runs with --auto-exit and could leave while we wait for the port.
  release = await lockPort(PORT);
  await ensurePcscd();
  sim = await startInProcessCard(PORT, {
    pullWhen: (apdu, processed) => {
      if (apdu[1] !== INS.PUT_DATA) return false;
      if (!processed) putBlocks++;
      if (!pullAt) return false;
      const hit = putBlocks === pullAt.block && processed === pullAt.processed;
      if (hit) pullAt = undefined;
      return hit;
    },
  });
  manager = new PcscReaderManager({ factory: nativePcscLite });
  manager.start();
}, 180_000);

afterAll(async () => {
  manager?.stop();
  await sim?.stop();
  release?.();
});

describe('card pulled during a chained PUT DATA of a 2 KB object (real pcscd + vpcd)', () => {
  let current = content(1);

  it('writes the first version whole (9 chained blocks)', async () => {
    await write(current);
    expect(putBlocks).toBe(9);
    expect(toHex(await read())).toBe(toHex(current));
  });

  it.each([
    { block: 1, processed: false, expect: 'old' },
    { block: 5, processed: true, expect: 'old' },
    { block: 9, processed: false, expect: 'old' },
    { block: 9, processed: true, expect: 'new' },
  ])('pulled at block $block (card had processed it: $processed) → CardRemovedError and the $expect object whole', async (point) => {
    const next = content(point.block * 2 + (point.processed ? 1 : 0));
    pullAt = { block: point.block, processed: point.processed };
    const error = await write(next).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CardRemovedError);
    expect(sim.client.state).toBe('pulled');
    // Like a person, wait until the reader shows the slot empty before putting the same card back: vpcd
    // would otherwise hand pcscd the new connection as if the card had never left.
    await cardAbsent();
    sim.client.start();
    const after = await read();
    const expected = point.expect === 'new' ? next : current;
    expect(toHex(after)).toBe(toHex(expected));
    current = expected;
  });
});
