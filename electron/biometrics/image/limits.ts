import { InvalidInputError } from '../../common/errors';
import { ImageErrorCode } from './errors';
import { MAX_IMAGE_SIDE_PX } from './raster';

/** Refuse absurd dimensions before a decoder allocates pixel memory. */
export function checkDeclaredSize(format: string, width: number, height: number): void {
  if (width > MAX_IMAGE_SIDE_PX || height > MAX_IMAGE_SIDE_PX) {
    throw new InvalidInputError(
      ImageErrorCode.tooLarge,
      `The ${format} image is ${width}×${height} pixels, larger than the ${MAX_IMAGE_SIDE_PX}-pixel limit. Crop it to the fingerprint.`,
      { format, width, height, maxSide: MAX_IMAGE_SIDE_PX },
    );
  }
}
