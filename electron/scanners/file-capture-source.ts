import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { StationError } from '../common/errors';
import { decodeImage } from '../biometrics/image/decode';
import type { CapturedFingerprint, EngineQuality } from './capture-types';
import { previewQuality } from './quality/preview-quality';
import { downscale } from './quality/downscale';

export interface FileCaptureOptions {
  /** Resolution of the file's scanner when the file does not carry one (pixels per inch). */
  dpi?: number;
}

/**
 * An image file as a capture source, for sites whose scanner vendor tool saves images. The result says
 * so (`origin: {source: 'file', path, sha256}`), so the audit journal can record exactly which bytes were
 * used; it is never marked as a live capture.
 */
export class FileCaptureSource {
  constructor(private readonly engineQuality?: EngineQuality) {}

  async capture(path: string, opts: FileCaptureOptions = {}): Promise<CapturedFingerprint> {
    const absolute = resolve(path);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(absolute);
    } catch (cause) {
      const errno = (cause as NodeJS.ErrnoException).code;
      throw new StationError('IMAGE_FILE_UNREADABLE', `Cannot read the fingerprint image file ${absolute} (${errno ?? 'error'}). Check the path and permissions.`, { path: absolute, errno }, { cause });
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const image = decodeImage(bytes, opts.dpi !== undefined ? { dpi: opts.dpi } : {});
    const local = previewQuality(downscale(image.pixels, image.width, image.height, Math.max(1, Math.ceil(image.width / 128))));
    const engine = this.engineQuality ? await this.engineQuality(image) : undefined;
    return {
      captureId: randomUUID(),
      capturedAt: new Date().toISOString(),
      image,
      origin: { source: 'file', path: absolute, sha256 },
      simulated: false,
      quality: { local: local.score, ...(engine !== undefined ? { engine } : {}), feedback: local.feedback },
      autoCaptured: false,
    };
  }
}
