// Per-pixel parts of segmentation; ports of blockDeviationTs and distanceToBackgroundTs
// (segmentation-kernel.ts), same arithmetic in the same order.
#include <cmath>
#include "kernels.h"

namespace station {

std::vector<float> BlockDeviation(const uint8_t* pixels, int w, int h, int b) {
  const int bw = (w + b - 1) / b, bh = (h + b - 1) / b;
  const size_t blocks = static_cast<size_t>(bw) * bh;
  std::vector<double> sum(blocks, 0), sum2(blocks, 0), count(blocks, 0);
  std::vector<int> blockOfX(w);
  for (int x = 0; x < w; x++) blockOfX[x] = x / b;
  for (int y = 0; y < h; y++) {
    const size_t rowBlock = static_cast<size_t>(y / b) * bw;
    const uint8_t* row = pixels + static_cast<size_t>(y) * w;
    for (int x = 0; x < w; x++) {
      const double v = row[x];
      const size_t k = rowBlock + blockOfX[x];
      sum[k] += v;
      sum2[k] += v * v;
      count[k] += 1;
    }
  }
  std::vector<float> out(blocks);
  for (size_t k = 0; k < blocks; k++) {
    const double mean = sum[k] / count[k];
    const double var = sum2[k] / count[k] - mean * mean;
    out[k] = static_cast<float>(std::sqrt(var > 0 ? var : 0));
  }
  return out;
}

// Every value the reference compares is an integer (chamfer steps 3 and 4, the 1e9 "far" marker
// and sums of them), exact in its floats and doubles alike, so integers give the same result.
void DistanceToBackground(const uint8_t* mask, int w, int h, float* out) {
  const size_t n = static_cast<size_t>(w) * h;
  constexpr int32_t kFar = 1000000000;
  std::vector<int32_t> d(n);
  for (size_t i = 0; i < n; i++) d[i] = mask[i] ? kFar : 0;
  // Forward pass (left, up-left, up, up-right), then backward; outside the image counts as 0.
  for (int y = 0; y < h; y++) {
    for (int x = 0; x < w; x++) {
      const size_t i = static_cast<size_t>(y) * w + x;
      if (d[i] == 0) continue;
      int32_t v = d[i];
      const int32_t left = x > 0 ? d[i - 1] + 3 : 3;
      v = left < v ? left : v;
      if (y > 0) {
        const int32_t up = d[i - w] + 3, ul = x > 0 ? d[i - w - 1] + 4 : 4, ur = x < w - 1 ? d[i - w + 1] + 4 : 4;
        v = up < v ? up : v;
        v = ul < v ? ul : v;
        v = ur < v ? ur : v;
      } else {
        v = 3 < v ? 3 : v;
      }
      d[i] = v;
    }
  }
  for (int y = h - 1; y >= 0; y--) {
    for (int x = w - 1; x >= 0; x--) {
      const size_t i = static_cast<size_t>(y) * w + x;
      if (d[i] == 0) continue;
      int32_t v = d[i];
      const int32_t right = x < w - 1 ? d[i + 1] + 3 : 3;
      v = right < v ? right : v;
      if (y < h - 1) {
        const int32_t down = d[i + w] + 3, dr = x < w - 1 ? d[i + w + 1] + 4 : 4, dl = x > 0 ? d[i + w - 1] + 4 : 4;
        v = down < v ? down : v;
        v = dr < v ? dr : v;
        v = dl < v ? dl : v;
      } else {
        v = 3 < v ? 3 : v;
      }
      d[i] = v;
    }
  }
  for (size_t i = 0; i < n; i++) out[i] = static_cast<float>(static_cast<double>(static_cast<float>(d[i])) / 3.0);
}

}  // namespace station
