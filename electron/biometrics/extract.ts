/**
 * Minutiae extraction, one named step per file. Reads top to bottom like the algorithm:
 * local-rank contrast normalisation → orientation → segmentation → ridge period → oriented Gabor enhancement → binarization → thinning →
 * skeleton repair → crossing-number minutiae → false-minutiae removal → qualities.
 */
import type { FingerprintFeatures, GrayImage } from './types';
import { extractionParameters, scaledParameters, type ExtractionParameters } from './parameters';
import type { Transparency } from './transparency';
import type { EngineName } from './extraction/kernels';
import { kernelsFor } from './native';
import { normalizeContrast } from './extraction/normalize';
import { segment } from './extraction/segmentation';
import { ridgePeriod } from './extraction/frequency';
import { enhance, enhancementInput } from './extraction/enhance';
import { binarize } from './extraction/binarize';
import { repairSkeleton } from './extraction/skeleton-repair';
import { detectMinutiae } from './extraction/minutiae';
import { removeFalseMinutiae } from './extraction/filters';
import { dropWithoutSkinContrast } from './extraction/skin-contrast';
import { imageQuality, toMinutiae } from './extraction/quality';

export interface ExtractOptions {
  /** 'native' (default) runs the per-pixel stages in the C++ addon; 'typescript' runs the reference code. */
  engine?: EngineName;
  parameters?: ExtractionParameters;
  /** Debug hook: receives each step's output. */
  transparency?: Transparency;
}

export function extractFeatures(image: GrayImage, options: ExtractOptions = {}): FingerprintFeatures {
  const k = kernelsFor(options.engine ?? 'native');
  const sp = scaledParameters(image.dpi, options.parameters ?? extractionParameters);
  const show = options.transparency;
  const { width, height, dpi } = image;
  show?.({ step: 'image', data: image });

  const normalized = normalizeContrast(image, sp, k.rankNormalize);
  show?.({ step: 'normalized', data: normalized });
  const orientation = k.orientationField({
    pixels: normalized.pixels, width, height,
    gradientRadius: sp.ipx(sp.p.orientation.gradientRadius), smoothingRadius: sp.ipx(sp.p.orientation.smoothingRadius),
  });
  show?.({ step: 'orientation', data: orientation });
  const segmentation = segment(image, sp, k.segmentation);
  show?.({ step: 'segmentation', data: segmentation });
  const period = ridgePeriod(normalized, orientation, segmentation, sp, k.signatures);
  show?.({ step: 'ridgePeriod', data: period });
  const enhanced = enhance(enhancementInput(normalized, orientation, period, segmentation, sp), k.enhance);
  show?.({ step: 'enhanced', data: enhanced });
  const binary = binarize(enhanced, segmentation, sp, k.binarize);
  show?.({ step: 'binary', data: binary });
  const skeleton = { width, height, data: k.thin(binary.data, width, height) };
  show?.({ step: 'skeleton', data: skeleton });
  const repaired = repairSkeleton(skeleton, orientation, sp, k.skeleton);
  show?.({ step: 'repairedSkeleton', data: repaired });
  const candidates = detectMinutiae(repaired, orientation, sp, k.skeleton);
  show?.({ step: 'candidates', data: candidates });
  const onSkin = dropWithoutSkinContrast(candidates, image, segmentation.contrastThreshold, sp);
  const kept = removeFalseMinutiae(onSkin, segmentation, orientation, sp);
  const minutiae = toMinutiae(kept, segmentation, orientation, sp);
  show?.({ step: 'minutiae', data: minutiae });

  const features: FingerprintFeatures = { width, height, dpi, minutiae, quality: imageQuality(segmentation, orientation, sp) };
  show?.({ step: 'features', data: features });
  return features;
}
