/**
 * Loader for the fingerprint engine's Node-API addon (`native/`, built by `node-gyp rebuild --directory
 * native`). Node-API is ABI-stable, so the same binary loads in Node and in Electron. A missing or
 * broken addon is a typed `NATIVE_ADDON_UNAVAILABLE` error the app can show at startup; the
 * TypeScript reference kernels run only when a caller asks for them by name.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StationError } from '../common/errors';
import type { EnhanceKernelInput, EnhanceTables } from './extraction/enhance-kernel';
import { typescriptKernels, type EngineName, type ExtractionKernels } from './extraction/kernels';
import type { SignatureInput } from './extraction/frequency-kernel';
import type { OrientationKernelInput } from './extraction/orientation';
import type { OrientationField } from './extraction/planes';
import type { RepairRound } from './extraction/skeleton-kernel';

export const ADDON_FILE = 'station_biometrics.node';
/** Bumped together with `kAbiVersion` in native/src/addon.cc whenever a kernel's signature changes. */
export const ADDON_ABI_VERSION = 8;
export const NATIVE_ADDON_UNAVAILABLE = 'NATIVE_ADDON_UNAVAILABLE';
/** Overrides where the addon is looked for (packaged apps, tests). */
export const ADDON_PATH_ENV = 'STATION_NATIVE_ADDON';

interface Addon {
  abiVersion: number;
  rankNormalize(pixels: Uint8Array, width: number, height: number, radius: number): Uint8Array;
  orientationField(pixels: Uint8Array, width: number, height: number, gradientRadius: number, smoothingRadius: number): { cos2: Float32Array; sin2: Float32Array; coherence: Float32Array };
  blockDeviation(pixels: Uint8Array, width: number, height: number, block: number): Float32Array;
  distanceToBackground(mask: Uint8Array, width: number, height: number): Float32Array;
  signatures(input: SignatureInput): Float32Array;
  binarize(enhanced: Float32Array, mask: Uint8Array, width: number, height: number, minArea: number): Uint8Array;
  /** Copies and checks the filter tables once; the handle is what `enhance` takes. */
  enhanceTables(tables: EnhanceTables): object;
  enhance(tables: object, pixels: Uint8Array, width: number, height: number, mask: Uint8Array, cos2: Float32Array, sin2: Float32Array, period: Float32Array): Float32Array;
  thin(binary: Uint8Array, width: number, height: number): Uint8Array;
  repairRound(skel: Uint8Array, width: number, height: number, endingSteps: number, spur: number, short: number, bridgeSteps: number, bridge: number): RepairRound;
  minutiaWalks(skel: Uint8Array, width: number, height: number, steps: number, fragment: number): Int32Array;
}

/** Where the addon may live, most specific first. */
export function addonCandidates(): string[] {
  const out: string[] = [];
  const fromEnv = process.env[ADDON_PATH_ENV];
  if (fromEnv) out.push(fromEnv);
  const url = (import.meta as { url?: string }).url;
  if (url) out.push(join(dirname(fileURLToPath(url)), '..', '..', 'native', 'build', 'Release', ADDON_FILE));
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  if (resources) out.push(join(resources, 'native', ADDON_FILE));
  out.push(join(process.cwd(), 'native', 'build', 'Release', ADDON_FILE));
  return [...new Set(out)];
}

function unavailable(reason: string, details: Record<string, unknown>, cause?: unknown): StationError {
  return new StationError(
    NATIVE_ADDON_UNAVAILABLE,
    `The fingerprint engine's native addon cannot be loaded (${reason}). Rebuild it with "npm run build:native" (needs a C++17 compiler, make and Python) or reinstall the station.`,
    details,
    cause === undefined ? undefined : { cause },
  );
}

/** Load and check an addon file; throws NATIVE_ADDON_UNAVAILABLE with the reason. */
export function loadAddonFrom(path: string): ExtractionKernels {
  let addon: Addon;
  try {
    // require() of an absolute path ignores the base; any base works, also in a CommonJS bundle.
    addon = createRequire(join(process.cwd(), 'noop.js'))(path) as Addon;
  } catch (cause) {
    throw unavailable('the file does not load', { path, error: (cause as Error).message }, cause);
  }
  if (addon?.abiVersion !== ADDON_ABI_VERSION) {
    throw unavailable(`it is version ${String(addon?.abiVersion)}, this station needs ${ADDON_ABI_VERSION}`, { path, found: addon?.abiVersion, expected: ADDON_ABI_VERSION });
  }
  // Tables are cached per scanner format (enhance-tables.ts), so each is handed to the addon once.
  const tableHandles = new WeakMap<EnhanceTables, object>();
  const tablesHandle = (t: EnhanceTables): object => {
    let handle = tableHandles.get(t);
    if (!handle) tableHandles.set(t, handle = addon.enhanceTables(t));
    return handle;
  };
  return {
    engine: 'native',
    rankNormalize: (p, w, h, r) => addon.rankNormalize(p, w, h, r),
    orientationField: (i: OrientationKernelInput): OrientationField => ({
      width: i.width, height: i.height, ...addon.orientationField(i.pixels, i.width, i.height, i.gradientRadius, i.smoothingRadius),
    }),
    segmentation: {
      blockDeviation: (p, w, h, b) => addon.blockDeviation(p, w, h, b),
      distanceToBackground: (m, w, h) => addon.distanceToBackground(m, w, h),
    },
    signatures: (i) => addon.signatures(i),
    binarize: (e, m, w, h, a) => addon.binarize(e, m, w, h, a),
    enhance: (i: EnhanceKernelInput) => addon.enhance(tablesHandle(i.tables), i.pixels, i.width, i.height, i.mask, i.cos2, i.sin2, i.period),
    thin: (b, w, h) => addon.thin(b, w, h),
    skeleton: {
      repairRound: (s, w, h, l) => addon.repairRound(s, w, h, l.endingSteps, l.spur, l.short, l.bridgeSteps, l.bridge),
      minutiaWalks: (s, w, h, steps, fragment) => addon.minutiaWalks(s, w, h, steps, fragment),
    },
  };
}

let cached: ExtractionKernels | undefined;

/** The native kernels; call at startup to surface a missing addon before the first capture. */
export function loadNativeKernels(): ExtractionKernels {
  if (cached) return cached;
  const candidates = addonCandidates();
  const path = candidates.find((p) => existsSync(p));
  if (!path) throw unavailable('it has not been built', { searched: candidates });
  cached = loadAddonFrom(path);
  return cached;
}

export function kernelsFor(engine: EngineName): ExtractionKernels {
  return engine === 'typescript' ? typescriptKernels : loadNativeKernels();
}
