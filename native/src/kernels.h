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

struct EnhanceInput {
  const uint8_t* pixels;
  int width, height;
  const uint8_t* mask;
  const uint8_t* directionIndex;
  const uint8_t* periodIndex;
  const float* alongOffsets;
  const float* alongWeights;
  const float* acrossOffsets;
  const float* acrossWeights;
  int alongTaps, acrossTaps;
};

// Writes width*height floats to out.
void Enhance(const EnhanceInput& in, float* out);

// Writes the skeleton of the 0/1 image `binary` to out (width*height bytes).
void Thin(const uint8_t* binary, int width, int height, uint8_t* out);

}  // namespace station
