// Per-pixel stages of the fingerprint extractor. Each output value is computed with the arithmetic of
// the TypeScript reference in electron/biometrics/extraction/ (same operations in the same order,
// double precision where the reference uses JS numbers, float where it stores Float32Array), so the
// two give identical output; loops may be regrouped (runs of pixels, SIMD lanes, integer sums of
// integers) where that leaves every value unchanged, and each file says how.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace station {

// Local-rank contrast normalisation (radius >= 1); writes width*height bytes.
void RankNormalize(const uint8_t* pixels, int width, int height, int radius, uint8_t* out);

// Writes width*height floats to each of cos2, sin2 and coherence.
void OrientationField(const uint8_t* pixels, int width, int height, int gradientRadius, int smoothingRadius, float* cos2, float* sin2, float* coherence);

// A set of sparse filters: kernel k covers entries start[k] .. start[k+1]-1, each an index offset
// from the filtered pixel and a weight; no entry reaches further than `radius` pixels in x or y.
// The addon owns a checked copy (see enhance-tables.cc), so the kernel can trust every offset.
struct SparseKernels {
  std::vector<int32_t> start, offset;
  std::vector<int16_t> weight;  // in 1/32768 units (WEIGHT_ONE in enhance-kernel.ts)
  // The entries again, two by two (an odd count padded with a zero weight), for 16-bit multiply-adds:
  // kernel j's pairs are pairStart[j] .. pairStart[j+1]-1; pair p reads offsets pairOffset[2p] and
  // [2p+1] of a plane EnhanceTables::paddedWidth wide, and its weights are the low and high halves
  // of pairWeight[p].
  std::vector<int32_t> pairStart, pairOffset, pairWeight;
  std::vector<int8_t> dx, dy;  // the same offsets as x/y steps, for the clamped path near the image edge
  int count = 0;  // number of kernels
  int radius = 0;
};

// Filters and quantisation for one image width (EnhanceTables in enhance-kernel.ts).
struct EnhanceTables {
  int width = 0, directions = 0, periods = 0;
  int pad = 0, paddedWidth = 0;  // the kernels read planes widened by `pad` on each side (edges repeated)
  double minPeriod = 0, periodStep = 1;
  std::vector<double> boundaries;  // per direction bin: (cos, sin) of the doubled-angle boundary to the next bin
  SparseKernels along, across;
};

struct EnhanceInput {
  const uint8_t* pixels;
  int width, height;
  const uint8_t* mask;
  const float* cos2;
  const float* sin2;
  const float* period;
  const EnhanceTables* tables;
};

// Writes width*height floats to out.
void Enhance(const EnhanceInput& in, float* out);

// Standard deviation of the gray levels per block (ceil(width/block) × ceil(height/block), row-major).
std::vector<float> BlockDeviation(const uint8_t* pixels, int width, int height, int block);

// Per pixel of a 0/1 mask: chamfer distance to the background or the image edge, px (width*height floats).
void DistanceToBackground(const uint8_t* mask, int width, int height, float* out);

struct SignatureInput {
  const uint8_t* pixels;
  int width, height;
  int length, breadth;  // values per signature; pixels averaged per value
  int blocks;
  const int32_t* cx;
  const int32_t* cy;
  const double* tx;
  const double* ty;
};

// Writes blocks*length floats to out.
void Signatures(const SignatureInput& in, float* out);

// 1 where mask && enhanced > 0, then 8-connected ridge islands and in-mask valley holes under minArea flipped.
void Binarize(const float* enhanced, const uint8_t* mask, int width, int height, int minArea, uint8_t* out);

// Writes the skeleton of the 0/1 image `binary` to out (width*height bytes).
void Thin(const uint8_t* binary, int width, int height, uint8_t* out);

// Walk limits of one skeleton repair round (RepairLimits in skeleton-kernel.ts).
struct RepairLimits {
  int endingSteps;
  double spur, shortLength;
  int bridgeSteps;
  double bridge;
};

// One repair round's integer results on an unchanged skeleton (RepairRound in skeleton-kernel.ts).
void RepairRound(const uint8_t* skel, int width, int height, const RepairLimits& limits, std::vector<int32_t>& erase, std::vector<int32_t>& bridges);

// Endings and bifurcations with their walk end pixels, five ints each (MinutiaWalks in skeleton-kernel.ts).
void MinutiaWalks(const uint8_t* skel, int width, int height, int steps, int fragment, std::vector<int32_t>& records);

}  // namespace station
