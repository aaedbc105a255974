// Per-pixel stages of the fingerprint extractor. Each is a line-for-line port of the TypeScript
// reference in electron/biometrics/extraction/ (same arithmetic, same order, double precision where
// the reference uses JS numbers, float where it stores Float32Array) so the two give identical output.
#pragma once
#include <cstdint>
#include <vector>

namespace station {

struct OrientationResult {
  std::vector<float> cos2, sin2, coherence;
};

OrientationResult OrientationField(const uint8_t* pixels, int width, int height, int gradientRadius, int smoothingRadius);

// A set of sparse filters: kernel k covers entries start[k] .. start[k+1]-1, each an index offset
// from the filtered pixel and a weight; no entry reaches further than `radius` pixels in x or y.
struct SparseKernels {
  const int32_t* start;
  const int32_t* offset;
  const float* weight;
  const int8_t* dx;  // the same offsets as x/y steps, for the clamped path near the image edge
  const int8_t* dy;
  int count;  // number of kernels
  int radius;
};

struct EnhanceInput {
  const uint8_t* pixels;
  int width, height;
  const uint8_t* mask;
  const uint8_t* smoothMask;
  const uint8_t* directionIndex;
  const uint8_t* periodIndex;
  SparseKernels along, across;
  int periods;
};

// Writes width*height floats to out.
void Enhance(const EnhanceInput& in, float* out);

// Writes the skeleton of the 0/1 image `binary` to out (width*height bytes).
void Thin(const uint8_t* binary, int width, int height, uint8_t* out);

}  // namespace station
