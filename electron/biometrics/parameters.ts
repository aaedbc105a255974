/**
 * Every tunable of the minutiae extractor, in one place, each with its unit.
 *
 * Lengths are written in pixels AT 500 DPI (the FBI/PIV reference resolution, where the mean ridge
 * period of an adult finger is about 9 px) and scaled to the image's resolution by `scaledParameters`,
 * so a 569-dpi image (FVC2002 DB2) uses distances 1.138 times longer. Dimensionless values (ratios,
 * coherences, fractions) are not scaled.
 */
export const REFERENCE_DPI = 500;

export const extractionParameters = {
  segmentation: {
    /** Side of the square blocks the foreground mask is decided on, px@500. */
    blockSize: 12,
    /** A block is foreground when its gray-level standard deviation reaches this fraction of the
     *  90th-percentile block standard deviation of the image (ratio). */
    relativeContrast: 0.28,
    /** ...and at least this absolute standard deviation, gray levels (0..255). */
    minContrast: 6,
    /** Mask smoothing: blocks of the mask are opened/closed with this radius, blocks. */
    morphologyRadius: 1,
    /** Minutiae closer than this to the mask edge are discarded (edges create false endings), px@500. */
    borderMargin: 7,
  },
  normalization: {
    /** Radius of the window of the local rank transform (extraction/normalize.ts), px@500; about three
     *  ridge periods across. 0 turns it off (the raw image goes on). */
    rankRadius: 16,
  },
  orientation: {
    /** Radius of the box window over which gradient products are summed, px@500. */
    gradientRadius: 6,
    /** Radius of the box smoothing of the doubled-angle orientation vectors, px@500. */
    smoothingRadius: 8,
  },
  frequency: {
    /** Side of the blocks the ridge period is estimated on, px@500. */
    blockSize: 16,
    /** Length of the oriented window across the ridges (the x-signature), px@500. */
    windowLength: 36,
    /** Width of the oriented window along the ridges, px@500. */
    windowWidth: 14,
    /** Plausible ridge periods, px@500: outside is a failed estimate. */
    minPeriod: 5,
    maxPeriod: 16,
    /** Period used when no block gives an estimate, px@500. */
    defaultPeriod: 9,
    /** Radius of the smoothing of block periods, blocks. */
    smoothingRadius: 2,
  },
  enhancement: {
    /** Gaussian sigma of the smoothing along the ridges, px@500. */
    sigmaAlong: 4.5,
    /** Gaussian sigma of the band-pass across the ridges, as a fraction of the local ridge period. */
    sigmaAcrossPerPeriod: 0.45,
    /** Kernel half-length in sigmas (the Gaussian is cut beyond it). */
    kernelSigmas: 2.5,
    /** Number of quantised ridge directions over 180° for which sample offsets are precomputed. */
    directionSteps: 64,
  },
  binarization: {
    /** Ridge or valley islands smaller than this are flipped (sweat pores, dust, broken bits), px²@500. */
    minComponentArea: 40,
  },
  skeleton: {
    /** A branch shorter than this ending on a junction is a spur and is cut, px@500. */
    spurLength: 12,
    /** A skeleton piece with two endings shorter than this is noise and is erased, px@500. */
    shortRidgeLength: 14,
    /** A segment joining two junctions shorter than this, running across the ridge flow, is a bridge, px@500. */
    bridgeLength: 14,
    /** ...when its direction differs from the ridge orientation by at least this, degrees. */
    bridgeMinAngleDeg: 40,
  },
  minutiae: {
    /** How far along the ridge to trace to measure a minutia's direction, px@500. */
    directionTrace: 11,
    /** Traced and orientation-field directions further apart than this fall back to the trace, degrees. */
    fieldAgreementDeg: 35,
    /** A ridge piece shorter than this between two endings is a fragment (dotted, broken ridges), px@500. */
    fragmentLength: 0,
    /** Quality multiplier for endings on such fragments (ratio). */
    fragmentQuality: 0.5,
  },
  filters: {
    /** Two endings this close facing each other are one broken ridge, px@500. */
    breakDistance: 16,
    /** ...when their directions are at least this close to opposite, degrees. */
    breakMaxAntiParallelDeg: 40,
    /** Any two minutiae closer than this are noise (tiny holes, blobs), px@500. */
    minPairDistance: 5,
    /** Neighbourhood radius for the crowding filter, px@500. */
    clusterRadius: 16,
    /** More than this many other minutiae within clusterRadius marks a noisy area, count. */
    clusterMaxNeighbours: 4,
    /** Minutiae where the orientation coherence is below this lie in unreliable areas (0..1). */
    minCoherence: 0.2,
  },
  quality: {
    /** Foreground area that counts as a full fingerprint for the image-quality score, square inches. */
    fullAreaSqInches: 0.35,
    /** Coherence that counts as perfectly clear ridges (0..1). */
    goodCoherence: 0.75,
  },
} as const;

export type ExtractionParameters = typeof extractionParameters;

/** Pixel-valued parameters converted to the image's resolution. */
export interface ScaledParameters {
  readonly dpi: number;
  /** Image pixels per reference pixel (dpi / 500). */
  readonly scale: number;
  readonly p: ExtractionParameters;
  /** A px@500 length in this image's pixels. */
  px(lengthAt500: number): number;
  /** A px@500 length as a whole, at-least-one pixel count. */
  ipx(lengthAt500: number): number;
}

export function scaledParameters(dpi: number, p: ExtractionParameters = extractionParameters): ScaledParameters {
  const scale = dpi / REFERENCE_DPI;
  return {
    dpi,
    scale,
    p,
    px: (v) => v * scale,
    ipx: (v) => Math.max(1, Math.round(v * scale)),
  };
}

/**
 * Every tunable of the 1:1 matcher, with its unit. Distances are in "reference pixels": pixels of a
 * 500 dpi image (one reference pixel = 50.8 µm); templates at other resolutions are rescaled into this
 * frame when they are prepared, so the tolerances hold in millimetres for every sensor.
 */
export const MatchParams = {
  /** Edges kept per minutia: its k nearest neighbours (count). More edges = more robust, slower. */
  neighbors: 9,
  /** Of those, the nearest edges that vote for root pairs (count): fewer votes, faster roots. */
  rootNeighbors: 6,
  /** Longest edge considered (reference px ≈ 8.1 mm); longer edges suffer too much from skin distortion. */
  maxEdgeLength: 160,
  /** Shortest edge considered (reference px); shorter ones have unreliable directions. */
  minEdgeLength: 6,
  /** Edge length difference still accepted as the same edge (reference px). */
  lengthTolerance: 10,
  /** Relative edge length difference accepted on top of `lengthTolerance` (fraction of the length), for elastic skin. */
  lengthToleranceRelative: 0.0,
  /** Angle difference accepted for each of the two edge-relative minutia directions (radians, 11.25°). */
  angleTolerance: Math.PI / 16,
  /** Root pairs (most voted probe/candidate minutia pairs) from which a pairing is grown (count). */
  roots: 15,
  /** Pairings (best supported first) that are scored in full; the rest are only grown (count). */
  scoredPairings: 2,
  /** A grown pair may rotate this far from its root's rotation before it is refused (radians, 45°). */
  maxRotationDrift: Math.PI / 4,
  /** After growth, unpaired minutiae this close under the pairing's alignment are paired too (reference px; 0 = off). */
  consolidationDistance: 12,
  /** ... if their directions also agree this well (radians, 22.5°). */
  consolidationAngle: Math.PI / 8,
  /** Cell of the occupancy grid that estimates each print's area (reference px). */
  areaCell: 16,
  /** Cells a minutia marks around itself in the occupancy grid (cells, Chebyshev radius). */
  areaDilation: 2,
  /** Pseudo-count added to the minutiae counts inside the overlap (count, in minutiae of the print's mean weight): damps tiny overlaps. */
  overlapPrior: 4,
  /** Supporting edges per pair at which a pairing counts as fully consistent (count). */
  supportPerPair: 3,
  /** Pairs at which the evidence term reaches 63 % (count); see score.ts. */
  evidencePairs: 6,
  /** Weight of a quality-0 minutia in the overlap counts (0..1); quality 100 weighs 1. */
  minimumWeight: 0.1,
  /** Templates keep at most this many minutiae, best quality first (count). */
  maxMinutiae: 150,
} as const;

/**
 * Decision threshold on the score (0..100), for a target false-match rate of about 1 in 1,000 or
 * better. Set clearly above the highest of the 5,760 all-cross-finger impostor scores of the two
 * FVC2002 development sets (10.5 with the matcher of 4333898 and the extractor e8e870f; between 8.5
 * and 10.5 across the builds of one afternoon); see
 * docs/biometrics.md ("Threshold calibration") for what these data can and cannot claim.
 */
export const DEFAULT_THRESHOLD = 12;
