import type { FingerprintExtractor, EngineChoice } from '../fingerprints/extractor';
import type { FingerprintAnalyzer } from './scanner-service';

/**
 * The station's fingerprint engine as the scanner service's analyzer: image quality (0..100) and the
 * minutiae for the Devices page overlay. The composition root passes it to `ScannerService`; kept out of
 * the service itself so the scanner layer runs (and is tested) without the native addon. Extraction
 * runs wherever the extractor runs it (the worker thread in the app), never blocking capture events.
 */
export function createEngineAnalyzer(extractor: FingerprintExtractor, options: EngineChoice = {}): FingerprintAnalyzer {
  return {
    async analyze(image) {
      const f = await extractor.extract(image, options);
      return { quality: f.quality, minutiae: f.minutiae };
    },
  };
}
