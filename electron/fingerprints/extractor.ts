/**
 * Fingerprint extraction as the main process uses it: always asynchronous, so a caller can never block
 * the event loop by accident. `createWorkerExtractor` runs it on the fingerprint worker thread;
 * `createInProcessExtractor` runs it right here, for batch tools (`station fingerprint bench`, the
 * one-shot CLI) and as the fallback when a worker thread cannot start.
 *
 * Without an explicit engine the native kernels are used, and the TypeScript reference kernels when the
 * addon is missing or stale (NATIVE_ADDON_UNAVAILABLE): the same minutiae, only slower, so enrollment
 * and the fingerprint gate keep working.
 */
import { isStationError, type StationError } from '../common/errors';
import { extractFeatures } from '../biometrics/extract';
import { decodeImage } from '../biometrics/image/decode';
import { NATIVE_ADDON_UNAVAILABLE } from '../biometrics/native';
import type { EngineName } from '../biometrics/extraction/kernels';
import type { FingerprintFeatures, GrayImage } from '../biometrics/types';
import { FINGERPRINT_WORKER_UNAVAILABLE, FingerprintWorker } from './fingerprint-worker';

export interface EngineChoice {
  /** Exactly this engine; without it, native with the TypeScript fallback. */
  engine?: EngineName;
}

export interface FingerprintExtractor {
  /** A decoded image (a scanner capture) into features. The caller keeps its pixels. */
  extract(image: GrayImage, options?: EngineChoice): Promise<FingerprintFeatures>;
  /** Image file bytes (TIFF, PNG, BMP, PGM) into features; a bad file is the decoder's InvalidInputError. */
  extractFile(bytes: Uint8Array, options?: EngineChoice & { dpi?: number }): Promise<FingerprintFeatures>;
  /** Gets ready for a fingerprint that is on its way (starts the worker thread); never waits, never throws. */
  warm(): void;
  /** Releases the worker thread, if any. */
  close(): Promise<void>;
}

type Run = (engine: EngineName) => Promise<FingerprintFeatures>;

/**
 * One copy of exactly these bytes, in a buffer of its own that can move to the thread while the caller
 * keeps its view. (`Buffer#slice` would share memory, and a Buffer's ArrayBuffer may be Node's pool.)
 */
function ownCopy(view: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(view.byteLength);
  copy.set(view);
  return copy.buffer;
}

/** The decoder's dpi option, only when the caller gave one (the decoder's default otherwise). */
const dpiOption = (o: { dpi?: number } | undefined): { dpi?: number } => (o?.dpi === undefined ? {} : { dpi: o.dpi });

/** Native first; once the addon is known to be unusable, straight to the TypeScript kernels. */
function engineFallback(): (run: Run, choice: EngineChoice | undefined) => Promise<FingerprintFeatures> {
  let nativeBroken = false;
  return async (run, choice) => {
    if (choice?.engine) return run(choice.engine);
    if (!nativeBroken) {
      try {
        return await run('native');
      } catch (e) {
        if (!(isStationError(e) && e.code === NATIVE_ADDON_UNAVAILABLE)) throw e;
        nativeBroken = true;
      }
    }
    return run('typescript');
  };
}

export function createInProcessExtractor(): FingerprintExtractor {
  const withEngine = engineFallback();
  return {
    extract: (image, o) => withEngine(async (engine) => extractFeatures(image, { engine }), o),
    extractFile: (bytes, o) => withEngine(async (engine) => extractFeatures(decodeImage(bytes, dpiOption(o)), { engine }), o),
    warm: () => undefined,
    close: async () => undefined,
  };
}

export interface WorkerExtractorOptions {
  /** Told once when the thread cannot start and extraction falls back to this thread. */
  onFallback?: (error: StationError) => void;
  /** The thread to use (tests); a fresh one otherwise. */
  worker?: FingerprintWorker;
}

export function createWorkerExtractor(opts: WorkerExtractorOptions = {}): FingerprintExtractor {
  const worker = opts.worker ?? new FingerprintWorker();
  const local = createInProcessExtractor();
  const withEngine = engineFallback();
  let inProcess = false;
  // A thread that cannot start (a missing bundle, no worker support) will not start next time either.
  const offThread = async (run: () => Promise<FingerprintFeatures>, here: () => Promise<FingerprintFeatures>) => {
    if (!inProcess) {
      try {
        return await run();
      } catch (e) {
        if (!(isStationError(e) && e.code === FINGERPRINT_WORKER_UNAVAILABLE)) throw e;
        if (!inProcess) opts.onFallback?.(e); // requests queued meanwhile fail the same way: say it once
        inProcess = true;
      }
    }
    return here();
  };
  return {
    extract: (image, o) =>
      withEngine((engine) => offThread(
        () => {
          const pixels = ownCopy(image.pixels); // the caller still shows its capture
          return worker.run({ kind: 'image', engine, width: image.width, height: image.height, dpi: image.dpi, pixels }, [pixels]);
        },
        () => local.extract(image, { engine }),
      ), o),
    extractFile: (bytes, o) =>
      withEngine((engine) => offThread(
        () => {
          const copy = ownCopy(bytes);
          return worker.run({ kind: 'bytes', engine, bytes: copy, ...dpiOption(o) }, [copy]);
        },
        () => local.extractFile(bytes, { engine, ...dpiOption(o) }),
      ), o),
    warm: () => {
      if (!inProcess) worker.warm();
    },
    close: () => worker.close(),
  };
}
