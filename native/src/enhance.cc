// Oriented separable Gabor filter over precomputed sparse kernels; port of enhanceTs (enhance-kernel.ts).
#include <cstddef>
#include "kernels.h"

namespace station {
namespace {

// Filter sum at a pixel whose kernel reaches outside the image: clamp each sample to the edge.
template <typename T>
double ClampedSum(const SparseKernels& k, int kernel, const T* src, int w, int h, int x, int y) {
  double s = 0;
  for (int e = k.start[kernel]; e < k.start[kernel + 1]; e++) {
    int xx = x + k.dx[e], yy = y + k.dy[e];
    xx = xx < 0 ? 0 : xx >= w ? w - 1 : xx;
    yy = yy < 0 ? 0 : yy >= h ? h - 1 : yy;
    s += static_cast<double>(k.weight[e]) * static_cast<double>(src[yy * w + xx]);
  }
  return s;
}

}  // namespace

void Enhance(const EnhanceInput& k, float* out) {
  const int w = k.width, h = k.height;
  std::vector<float> smoothed(static_cast<size_t>(w) * h, 0.0f);
  const int ra = k.along.radius;
  for (int y = 0; y < h; y++) {
    for (int x = 0; x < w; x++) {
      const int i = y * w + x;
      if (!k.smoothMask[i]) continue;
      const int d = k.directionIndex[i];
      if (x < ra || y < ra || x >= w - ra || y >= h - ra) { smoothed[i] = static_cast<float>(ClampedSum(k.along, d, k.pixels, w, h, x, y)); continue; }
      double s = 0;
      const uint8_t* src = k.pixels + i;
      for (int e = k.along.start[d]; e < k.along.start[d + 1]; e++) s += static_cast<double>(k.along.weight[e]) * src[k.along.offset[e]];
      smoothed[i] = static_cast<float>(s);
    }
  }
  for (size_t i = 0; i < static_cast<size_t>(w) * h; i++) out[i] = 0.0f;
  const int rc = k.across.radius;
  for (int y = 0; y < h; y++) {
    for (int x = 0; x < w; x++) {
      const int i = y * w + x;
      if (!k.mask[i]) continue;
      const int kk = k.directionIndex[i] * k.periods + k.periodIndex[i];
      if (x < rc || y < rc || x >= w - rc || y >= h - rc) { out[i] = static_cast<float>(-ClampedSum(k.across, kk, smoothed.data(), w, h, x, y)); continue; }
      double s = 0;
      const float* src = smoothed.data() + i;
      for (int e = k.across.start[kk]; e < k.across.start[kk + 1]; e++) s += static_cast<double>(k.across.weight[e]) * static_cast<double>(src[k.across.offset[e]]);
      out[i] = static_cast<float>(-s);
    }
  }
}

}  // namespace station
