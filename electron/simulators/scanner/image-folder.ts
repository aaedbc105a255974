import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidInputError, StationError } from '../../common/errors';
import { decodeImage } from '../../biometrics/image/decode';
import type { GrayImage } from '../../biometrics/types';

/** Repo root, from this file's place (electron/simulators/scanner/). */
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Real fingerprints the simulator serves by default (FVC2002 DB1_B, 500 dpi; see its README). */
export const DEFAULT_SIM_IMAGE_FOLDER = resolve(REPO_ROOT, '../shared/data/fingerprints/fvc2002_db1_b');
/** Overrides the default folder without code (training stations with their own sample prints). */
export const SIM_IMAGE_FOLDER_ENV = 'STATION_SCANNER_SIM_IMAGES';

const DECODED_EXTENSIONS = new Set(['.tif', '.tiff', '.png', '.bmp', '.pgm']);
/** Headerless 8-bit gray frames name their size: `finger.388x374.raw` (or `.gray`). */
const RAW_NAME = /\.(\d{1,5})x(\d{1,5})\.(raw|gray)$/i;

export interface SimImage extends GrayImage {
  name: string;
}

export function resolveSimImageFolder(folder?: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(folder ?? env[SIM_IMAGE_FOLDER_ENV] ?? DEFAULT_SIM_IMAGE_FOLDER);
}

/**
 * The images a simulated scanner serves, decoded lazily (FVC TIFFs go through the fingerprint engine's
 * decoder; raw frames are read as they are). Listed in name order so a run is reproducible.
 */
export class SimImageFolder {
  private readonly files: string[];
  private readonly cache = new Map<string, SimImage>();

  constructor(readonly folder: string, private readonly dpi = 500) {
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch (cause) {
      throw new StationError('SCANNER_SIM_IMAGES_MISSING', `The scanner simulator cannot read its image folder ${folder}. Point it at a folder of fingerprint images (option or ${SIM_IMAGE_FOLDER_ENV}).`, { folder }, { cause });
    }
    this.files = names.filter((n) => DECODED_EXTENSIONS.has(extname(n).toLowerCase()) || RAW_NAME.test(n)).sort();
    if (this.files.length === 0) {
      throw new StationError('SCANNER_SIM_IMAGES_MISSING', `The scanner simulator found no fingerprint images (TIFF, PNG, BMP, PGM or NAME.WxH.raw) in ${folder}.`, { folder });
    }
  }

  get names(): readonly string[] {
    return this.files;
  }

  /** Image number `i` (wraps around). */
  get(i: number): SimImage {
    const name = this.files[((i % this.files.length) + this.files.length) % this.files.length];
    return this.byName(name);
  }

  byName(name: string): SimImage {
    const hit = this.cache.get(name);
    if (hit) return hit;
    if (!this.files.includes(name)) throw new InvalidInputError('SCANNER_SIM_IMAGE_UNKNOWN', `The simulator has no image called ${name} in ${this.folder}.`, { name });
    const bytes = readFileSync(join(this.folder, name));
    const img = decodeSimImage(name, bytes, this.dpi);
    this.cache.set(name, img);
    return img;
  }
}

export function decodeSimImage(name: string, bytes: Uint8Array, dpi: number): SimImage {
  const raw = RAW_NAME.exec(name);
  if (raw) {
    const width = Number(raw[1]);
    const height = Number(raw[2]);
    if (bytes.length !== width * height) throw new InvalidInputError('IMAGE_CORRUPT', `The raw frame ${name} has ${bytes.length} bytes, not ${width}×${height}.`, { name, length: bytes.length });
    return { name, width, height, dpi, pixels: Uint8Array.from(bytes) };
  }
  const img = decodeImage(bytes, { dpi });
  return { name: basename(name), ...img };
}
