import { InvalidInputError } from '../../common/errors';

/** Stable codes for every way an input image can be refused; the UI and CLI key off these. */
export const ImageErrorCode = {
  corrupt: 'IMAGE_CORRUPT',
  unsupported: 'IMAGE_UNSUPPORTED',
  tooSmall: 'IMAGE_TOO_SMALL',
  tooLarge: 'IMAGE_TOO_LARGE',
  blank: 'IMAGE_BLANK',
} as const;

export function corruptImage(format: string, what: string, details: Record<string, unknown> = {}): InvalidInputError {
  return new InvalidInputError(
    ImageErrorCode.corrupt,
    `The ${format} image is corrupt (${what}). Capture or export the fingerprint again.`,
    { format, ...details },
  );
}

export function unsupportedImage(format: string, what: string, details: Record<string, unknown> = {}): InvalidInputError {
  return new InvalidInputError(
    ImageErrorCode.unsupported,
    `This ${format} image uses a feature the station does not read (${what}). Save it as 8-bit grayscale TIFF, PNG, BMP or PGM.`,
    { format, ...details },
  );
}
