/**
 * Fingerprint images and templates into the one form the station keeps: an INCITS 378-2004 minutiae
 * record with one finger view. Images are decoded and extracted by the extractor the caller passes (the
 * worker thread in the app, this thread in the CLI); it falls back to the TypeScript reference kernels
 * when the native addon is missing, so import and the fingerprint gate keep working.
 */
import { InvalidInputError } from '../common/errors';
import { decodeTemplate, encodeTemplate, featuresToRecord, recordToFeatures } from '../biometrics/templates';
import type { FingerprintExtractor } from '../fingerprints/extractor';

/** Fewer minutiae than this cannot support a 1:1 decision; ask for a better image. */
export const MIN_ENROL_MINUTIAE = 12;

export interface FingerTemplate {
  /** INCITS 378 record bytes. */
  template: Uint8Array;
  quality: number;
  minutiae: number;
}

export async function templateFromImage(extractor: FingerprintExtractor, bytes: Uint8Array, position: number, dpi?: number): Promise<FingerTemplate> {
  const features = await extractor.extractFile(bytes, dpi ? { dpi } : {});
  if (features.minutiae.length < MIN_ENROL_MINUTIAE) {
    throw new InvalidInputError('FINGERPRINT_TOO_FEW_MINUTIAE', `Only ${features.minutiae.length} minutiae were found (at least ${MIN_ENROL_MINUTIAE} are needed). Capture the finger again.`, { minutiae: features.minutiae.length });
  }
  const record = featuresToRecord(features, { format: 'incits378', fingerPosition: position });
  return { template: encodeTemplate(record), quality: features.quality, minutiae: features.minutiae.length };
}

/** Checks a supplied template: INCITS 378 only (the card's BDB format), one finger view with minutiae. */
export function validateTemplate(bytes: Uint8Array): FingerTemplate {
  const record = decodeTemplate(bytes);
  if (record.format !== 'incits378') {
    throw new InvalidInputError('TEMPLATE_NOT_INCITS378', 'The template is ISO/IEC 19794-2; the PIV card needs INCITS 378-2004. Convert it or supply the image.');
  }
  if (record.views.length !== 1) {
    throw new InvalidInputError('TEMPLATE_VIEW_COUNT', `The template holds ${record.views.length} finger views; give one template per finger.`, { views: record.views.length });
  }
  const features = recordToFeatures(record, 0);
  if (features.minutiae.length < MIN_ENROL_MINUTIAE) {
    throw new InvalidInputError('FINGERPRINT_TOO_FEW_MINUTIAE', `The template has only ${features.minutiae.length} minutiae (at least ${MIN_ENROL_MINUTIAE} are needed).`);
  }
  return { template: bytes.slice(), quality: record.views[0]!.quality, minutiae: features.minutiae.length };
}
