/**
 * The fingerprint worker thread with the real addon on real FVC2002 images (read from ../shared, never
 * copied into the repo): same features as extraction in this thread, the event loop runs meanwhile,
 * errors cross intact, a dead thread is replaced, shutdown leaves no thread.
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidInputError, StationError } from '../../../electron/common/errors';
import { decodeImage } from '../../../electron/biometrics/image/decode';
import { extractFeatures } from '../../../electron/biometrics/extract';
import type { GrayImage } from '../../../electron/biometrics/types';
import { createInProcessExtractor, createWorkerExtractor, type FingerprintExtractor } from '../../../electron/fingerprints/extractor';
import { FINGERPRINT_WORKER_CRASHED, FINGERPRINT_WORKER_STOPPED, FINGERPRINT_WORKER_UNAVAILABLE, FingerprintWorker } from '../../../electron/fingerprints/fingerprint-worker';
import { DB1, DB2, imagePath } from '../../unit/biometrics/fixtures';

const SAMPLES = [
  { db: DB1, name: '101_1' },
  { db: DB1, name: '104_3' },
  { db: DB1, name: '110_8' },
  { db: DB2, name: '105_2' },
];
const bytesOf = (s: (typeof SAMPLES)[number]) => new Uint8Array(readFileSync(imagePath(s.db, s.name)));
const imageOf = (s: (typeof SAMPLES)[number]): GrayImage => decodeImage(bytesOf(s), { dpi: s.db.dpi });

const open: Array<FingerprintWorker | FingerprintExtractor> = [];
afterEach(async () => {
  for (const o of open.splice(0)) await o.close();
});

function worker(spawn?: () => Worker): FingerprintWorker {
  const w = spawn ? new FingerprintWorker(spawn) : new FingerprintWorker();
  open.push(w);
  return w;
}

function extractor(w: FingerprintWorker = worker()): FingerprintExtractor {
  const e = createWorkerExtractor({ worker: w, onFallback: (err) => expect.fail(`the thread did not start: ${err.message}`) });
  open.push(e);
  return e;
}

const errorOf = (p: Promise<unknown>) => p.then(() => expect.fail('expected a rejection'), (e: unknown) => e as Error);

describe('fingerprint worker thread (real addon, real images)', () => {
  it('gives exactly the features of in-process extraction, from pixels and from file bytes, and leaves the caller its pixels', async () => {
    const x = extractor();
    for (const s of SAMPLES) {
      const image = imageOf(s);
      const expected = extractFeatures(image, { engine: 'native' });
      expect(expected.minutiae.length).toBeGreaterThan(10);
      const before = image.pixels.slice();
      expect(await x.extract(image)).toEqual(expected);
      expect(image.pixels).toEqual(before); // a copy moved to the thread, not the caller's buffer
      expect(await x.extractFile(bytesOf(s), { dpi: s.db.dpi })).toEqual(expected);
    }
    expect(await x.extract(imageOf(SAMPLES[0]!), { engine: 'typescript' })).toEqual(extractFeatures(imageOf(SAMPLES[0]!), { engine: 'typescript' }));
  }, 60_000);

  it('file bytes in a Node Buffer (as readFileSync gives them, pooled or not) stay the caller\'s', async () => {
    const x = extractor();
    const file = readFileSync(imagePath(SAMPLES[1]!.db, SAMPLES[1]!.name));
    const before = Buffer.from(file);
    expect(await x.extractFile(file)).toEqual(extractFeatures(decodeImage(file, { dpi: 500 })));
    expect(file.equals(before)).toBe(true);
    const pooled = Buffer.from('not an image at all'); // a view into Node's shared pool
    expect(await errorOf(x.extractFile(pooled))).toMatchObject({ code: 'IMAGE_UNSUPPORTED' });
    expect(pooled.toString()).toBe('not an image at all');
  }, 60_000);

  it('a request that cannot be sent fails alone; the queue moves on', async () => {
    const w = worker();
    const image = imageOf(SAMPLES[0]!);
    const gone = new ArrayBuffer(image.pixels.byteLength);
    structuredClone(gone, { transfer: [gone] }); // detached, as if already handed over
    const failed = w.run({ kind: 'image', engine: 'native', width: image.width, height: image.height, dpi: image.dpi, pixels: gone }, [gone]);
    const next = w.run({ kind: 'image', engine: 'native', width: image.width, height: image.height, dpi: image.dpi, pixels: image.pixels.slice().buffer }, []);
    expect(await errorOf(failed)).toBeInstanceOf(Error);
    expect(await next).toEqual(extractFeatures(image));
  }, 60_000);

  it('warm() starts the thread before any request, once; the first request then finds it running', async () => {
    const w = worker();
    expect(w.worker).toBeUndefined(); // lazily started
    w.warm();
    const thread = w.worker!;
    expect(thread).toBeDefined();
    w.warm();
    expect(w.worker).toBe(thread);
    expect(await extractor(w).extract(imageOf(SAMPLES[0]!))).toEqual(extractFeatures(imageOf(SAMPLES[0]!)));
    expect(w.worker).toBe(thread);
  }, 60_000);

  it('queues requests sent at once and answers each with its own image', async () => {
    const x = extractor();
    const results = await Promise.all(SAMPLES.map((s) => x.extract(imageOf(s))));
    expect(results).toEqual(SAMPLES.map((s) => extractFeatures(imageOf(s), { engine: 'native' })));
  }, 60_000);

  it('the event loop keeps running while the thread extracts (in-process extraction holds the timer back)', async () => {
    const image = imageOf(SAMPLES[3]!);
    const x = extractor();
    await x.extract(image); // the thread is up and warm
    const order = async (e: FingerprintExtractor) => {
      const seen: string[] = [];
      const timer = new Promise<void>((resolve) => setTimeout(() => resolve(void seen.push('timer')), 0));
      // The TypeScript kernels: a long extraction, so the ordering does not hang on a few milliseconds.
      await e.extract(image, { engine: 'typescript' }).then(() => seen.push('extracted'));
      await timer;
      return seen;
    };
    expect(await order(x)).toEqual(['timer', 'extracted']);
    expect(await order(createInProcessExtractor())).toEqual(['extracted', 'timer']);
  }, 60_000);

  it('a corrupt, truncated or blank image gives the same typed error as in-process decoding', async () => {
    const x = extractor();
    const tiff = bytesOf(SAMPLES[0]!);
    const blank = new Uint8Array(tiff);
    blank.fill(200, 8); // header kept, the rest: no pixel data worth the name
    for (const bad of [new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]), tiff.subarray(0, 200), blank]) {
      let expected: unknown;
      try {
        extractFeatures(decodeImage(bad, { dpi: 500 }));
      } catch (e) {
        expected = e;
      }
      expect(expected).toBeInstanceOf(InvalidInputError);
      const got = await errorOf(x.extractFile(bad, { dpi: 500 }));
      expect(got).toBeInstanceOf(InvalidInputError);
      expect((got as InvalidInputError).toJSON()).toEqual((expected as InvalidInputError).toJSON());
    }
    expect(await x.extract(imageOf(SAMPLES[0]!))).toEqual(extractFeatures(imageOf(SAMPLES[0]!))); // the thread survived
  }, 60_000);

  it('a thread that dies mid-extraction fails that request with FINGERPRINT_WORKER_CRASHED; the next request gets a fresh thread', async () => {
    const w = worker();
    const x = extractor(w);
    const image = imageOf(SAMPLES[0]!);
    await x.extract(image);
    const first = w.worker!;
    const inFlight = x.extract(image, { engine: 'typescript' });
    const queued = x.extract(image);
    await first.terminate(); // what a crash looks like from here: the thread is gone mid-request
    const err = await errorOf(inFlight);
    expect(err).toBeInstanceOf(StationError);
    expect(err).toMatchObject({ code: FINGERPRINT_WORKER_CRASHED, message: expect.stringContaining('Capture the finger again') });
    expect(await queued).toEqual(extractFeatures(image)); // waited in the queue, served by the new thread
    expect(w.worker).toBeDefined();
    expect(w.worker!.threadId).not.toBe(first.threadId);
  }, 60_000);

  it('shutdown ends the thread, fails what was waiting with FINGERPRINT_WORKER_STOPPED and refuses new requests', async () => {
    const w = new FingerprintWorker();
    const x = createWorkerExtractor({ worker: w });
    const image = imageOf(SAMPLES[0]!);
    await x.extract(image);
    const thread = w.worker!;
    const exited = new Promise<number>((resolve) => thread.once('exit', resolve));
    const pending = [x.extract(image, { engine: 'typescript' }), x.extract(image)].map(errorOf);
    await x.close();
    await exited;
    expect(w.worker).toBeUndefined();
    for (const e of await Promise.all(pending)) expect(e).toMatchObject({ code: FINGERPRINT_WORKER_STOPPED });
    expect(await errorOf(x.extract(image))).toMatchObject({ code: FINGERPRINT_WORKER_STOPPED });
  }, 60_000);

  it('a thread that cannot start is FINGERPRINT_WORKER_UNAVAILABLE; the extractor then extracts in this thread and says so once', async () => {
    const broken = worker(() => new Worker('throw new Error("no such bundle")', { eval: true }));
    const image = imageOf(SAMPLES[0]!);
    const err = await errorOf(broken.run({ kind: 'image', engine: 'native', width: image.width, height: image.height, dpi: image.dpi, pixels: image.pixels.slice().buffer }, []));
    expect(err).toMatchObject({ code: FINGERPRINT_WORKER_UNAVAILABLE, message: expect.stringContaining('no such bundle') });
    const told: StationError[] = [];
    const x = createWorkerExtractor({ worker: worker(() => new Worker('throw new Error("no such bundle")', { eval: true })), onFallback: (e) => told.push(e) });
    const [a, b] = await Promise.all([x.extract(image), x.extract(image)]); // both queued on the thread that fails
    expect(a).toEqual(extractFeatures(image));
    expect(b).toEqual(a);
    expect(await x.extractFile(bytesOf(SAMPLES[0]!))).toEqual(extractFeatures(image));
    expect(told.map((e) => e.code)).toEqual([FINGERPRINT_WORKER_UNAVAILABLE]);
  }, 60_000);
});
