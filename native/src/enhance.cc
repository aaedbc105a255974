// Oriented separable Gabor filter; port of enhanceTs (enhance-kernel.ts).
#include <cmath>
#include "kernels.h"

namespace station {
namespace {

template <typename T>
inline double Sample(const T* src, int w, int h, double x, double y) {
  if (x < 0) x = 0; else if (x > w - 1) x = w - 1;
  if (y < 0) y = 0; else if (y > h - 1) y = h - 1;
  const int x0 = static_cast<int>(std::floor(x)), y0 = static_cast<int>(std::floor(y));
  const int x1 = x0 + 1 < w ? x0 + 1 : x0;
  const int y1 = y0 + 1 < h ? y0 + 1 : y0;
  const double fx = x - x0, fy = y - y0;
  const double top = static_cast<double>(src[y0 * w + x0]) * (1 - fx) + static_cast<double>(src[y0 * w + x1]) * fx;
  const double bottom = static_cast<double>(src[y1 * w + x0]) * (1 - fx) + static_cast<double>(src[y1 * w + x1]) * fx;
  return top * (1 - fy) + bottom * fy;
}

}  // namespace

void Enhance(const EnhanceInput& k, float* out) {
  const int w = k.width, h = k.height, na = k.alongTaps, nc = k.acrossTaps;
  std::vector<float> smoothed(static_cast<size_t>(w) * h);
  for (int y = 0; y < h; y++) {
    for (int x = 0; x < w; x++) {
      const int i = y * w + x;
      const int base = k.directionIndex[i] * na * 2;
      double s = 0;
      for (int t = 0; t < na; t++) {
        s += static_cast<double>(k.alongWeights[t]) *
             Sample(k.pixels, w, h, x + static_cast<double>(k.alongOffsets[base + 2 * t]), y + static_cast<double>(k.alongOffsets[base + 2 * t + 1]));
      }
      smoothed[i] = static_cast<float>(s);
    }
  }
  for (int y = 0; y < h; y++) {
    for (int x = 0; x < w; x++) {
      const int i = y * w + x;
      if (!k.mask[i]) { out[i] = 0.0f; continue; }
      const int base = k.directionIndex[i] * nc * 2;
      const int wb = k.periodIndex[i] * nc;
      double s = 0;
      for (int t = 0; t < nc; t++) {
        s += static_cast<double>(k.acrossWeights[wb + t]) *
             Sample(smoothed.data(), w, h, x + static_cast<double>(k.acrossOffsets[base + 2 * t]), y + static_cast<double>(k.acrossOffsets[base + 2 * t + 1]));
      }
      out[i] = static_cast<float>(-s);
    }
  }
}

}  // namespace station
