import { extractFeatures, type ExtractOptions } from '../biometrics/extract';
import type { FingerprintAnalyzer } from './scanner-service';

/**
 * The station's fingerprint engine as the scanner service's analyzer: image quality (0..100) and the
 * minutiae for the Devices page overlay. The composition root passes it to `ScannerService`; kept out of
 * the service itself so the scanner layer runs (and is tested) without the native addon.
 */
export function createEngineAnalyzer(options: Pick<ExtractOptions, 'engine'> = {}): FingerprintAnalyzer {
  return {
    analyze(image) {
      const f = extractFeatures(image, options);
      return { quality: f.quality, minutiae: f.minutiae };
    },
  };
}
