/**
 * Every tunable of the 1:1 matcher, with its unit. Distances are in "reference pixels": pixels of a
 * 500 dpi image (one reference pixel = 50.8 µm); templates at other resolutions are rescaled into this
 * frame when they are prepared, so the tolerances hold in millimetres for every sensor.
 */
export const REFERENCE_DPI = 500;

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
  /** Pseudo-count added to the minutiae counts inside the overlap (count): damps tiny overlaps. */
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
 * FVC2002 development sets (10.0 with the final matcher and extractor a8917bc; 8.5, 9.3 and 10.5
 * with other builds of the afternoon); see
 * docs/biometrics.md ("Threshold calibration") for what these data can and cannot claim.
 */
export const DEFAULT_THRESHOLD = 12;
