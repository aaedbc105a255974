/**
 * Every tunable of the live-preview quality measure, with its unit. Calibrated on FVC2002 DB1_B previews
 * at divisor 4 (97×93 px) through the simulator; see test/unit/scanners/preview-quality.test.ts.
 */
export const PREVIEW_QUALITY = {
  /** Blocks across the shorter side of the preview (block size = side / this). */
  blocksAcross: 12,
  /** A block is finger when its gray standard deviation is at least this (levels)... */
  foregroundMinStd: 10,
  /** ...and its mean is at most this (levels; white glass is ~255). */
  foregroundMaxMean: 235,
  /** Below this share of blocks there is no finger at all. */
  minCoverageForFinger: 0.05,
  /** Share of blocks a well-placed finger covers. */
  goodCoverage: 0.22,
  /** Print centre further than this from the sensor centre (fraction of width) → move left/right. */
  maxOffset: 0.16,
  /** Same, up/down (fraction of height): fingertips sit high or low more naturally than sideways. */
  maxOffsetY: 0.22,
  /** Mean block standard deviation below this (levels) → pressed too lightly. */
  minContrast: 18,
  /** Contrast that counts as fully clear (levels). */
  goodContrast: 35,
  /** Mean gray over the finger above this (levels) with less than good contrast → too light; below minMeanGray → smudged/too hard. */
  maxMeanGray: 210,
  minMeanGray: 50,
  /** Mean absolute change between consecutive previews over the finger (levels) above this → moving. */
  maxMotion: 12,
  /** Lowest score that may count towards auto-capture (0..100). */
  okScore: 60,
} as const;
