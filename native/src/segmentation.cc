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

void DistanceToBackground(const uint8_t* mask, int w, int h, float* d) {
  const size_t n = static_cast<size_t>(w) * h;
  for (size_t i = 0; i < n; i++) d[i] = mask[i] ? 1e9f : 0.0f;
  // Forward pass (left, up-left, up, up-right), then backward; outside the image counts as 0.
  for (int y = 0; y < h; y++) {
    for (int x = 0; x < w; x++) {
      const size_t i = static_cast<size_t>(y) * w + x;
      if (d[i] == 0) continue;
      double v = d[i];
      const double left = x > 0 ? d[i - 1] + 3.0 : 3.0;
      if (left < v) v = left;
      if (y > 0) {
        const double up = d[i - w] + 3.0, ul = x > 0 ? d[i - w - 1] + 4.0 : 4.0, ur = x < w - 1 ? d[i - w + 1] + 4.0 : 4.0;
        if (up < v) v = up;
        if (ul < v) v = ul;
        if (ur < v) v = ur;
      } else if (3 < v) {
        v = 3;
      }
      d[i] = static_cast<float>(v);
    }
  }
  for (int y = h - 1; y >= 0; y--) {
    for (int x = w - 1; x >= 0; x--) {
      const size_t i = static_cast<size_t>(y) * w + x;
      if (d[i] == 0) continue;
      double v = d[i];
      const double right = x < w - 1 ? d[i + 1] + 3.0 : 3.0;
      if (right < v) v = right;
      if (y < h - 1) {
        const double down = d[i + w] + 3.0, dr = x < w - 1 ? d[i + w + 1] + 4.0 : 4.0, dl = x > 0 ? d[i + w - 1] + 4.0 : 4.0;
        if (down < v) v = down;
        if (dr < v) v = dr;
        if (dl < v) v = dl;
      } else if (3 < v) {
        v = 3;
      }
      d[i] = static_cast<float>(v);
    }
  }
  for (size_t i = 0; i < n; i++) d[i] = static_cast<float>(static_cast<double>(d[i]) / 3.0);
}

}  // namespace station
