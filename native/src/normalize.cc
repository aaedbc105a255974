// Local-rank contrast normalisation; port of rankNormalizeTs (extraction/normalize.ts). Integer
// arithmetic throughout, so the output is the reference's bit for bit.
#include <algorithm>
#include <array>
#include <cstdint>
#include "kernels.h"

namespace station {

void RankNormalize(const uint8_t* pixels, int width, int height, int radius, uint8_t* out) {
  std::array<int32_t, 256> fine;
  std::array<int32_t, 16> coarse;
  for (int y = 0; y < height; y++) {
    fine.fill(0);
    coarse.fill(0);
    const int y0 = std::max(0, y - radius), y1 = std::min(height - 1, y + radius);
    const int rows = y1 - y0 + 1;
    auto column = [&](int x, int d) {
      const uint8_t* p = pixels + static_cast<size_t>(y0) * width + x;
      for (int yy = y0; yy <= y1; yy++, p += width) {
        fine[*p] += d;
        coarse[*p >> 4] += d;
      }
    };
    for (int x = 0; x <= std::min(width - 1, radius); x++) column(x, 1);
    uint8_t* row = out + static_cast<size_t>(y) * width;
    const uint8_t* src = pixels + static_cast<size_t>(y) * width;
    for (int x = 0; x < width; x++) {
      if (x > 0) {
        if (x + radius < width) column(x + radius, 1);
        if (x - radius - 1 >= 0) column(x - radius - 1, -1);
      }
      const int n = (std::min(width - 1, x + radius) - std::max(0, x - radius) + 1) * rows;
      const int v = src[x];
      int darker = 0;
      for (int c = 0; c < (v >> 4); c++) darker += coarse[c];
      for (int f = v & ~15; f < v; f++) darker += fine[f];
      // 64-bit: with a large radius 255 · 2n overflows 32 bits (the reference computes in doubles, exact here).
      row[x] = static_cast<uint8_t>((int64_t{255} * (2 * darker + fine[v]) + n) / (int64_t{2} * n));
    }
  }
}

}  // namespace station
