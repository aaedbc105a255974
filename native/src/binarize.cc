// Binarization with small-component cleanup; port of binarizeTs (binarize-kernel.ts).
#include <cstring>
#include "kernels.h"
#include "scratch.h"

namespace station {
namespace {

// Flip every 8-connected component of `value` smaller than minArea. With `within`, only components
// lying entirely inside it are considered (a valley touching the mask edge is not a hole).
void FlipSmallComponents(uint8_t* img, int w, int h, uint8_t value, int minArea, const uint8_t* within) {
  const size_t n = static_cast<size_t>(w) * h;
  uint8_t* seen = Scratch<uint8_t, 2>(n);
  std::memset(seen, 0, n);
  int32_t* members = Scratch<int32_t, 2>(n);  // also the work stack: members[read..write) are still to expand
  // Row of an index by multiplying with 1/w: (j + 0.5) / w is at least 0.5/w from an integer, far
  // beyond the rounding error, so the truncation equals j / w without a division per pixel.
  const double inverseWidth = 1.0 / w;
  const int around[9] = {-w - 1, -w, -w + 1, -1, 0, 1, w - 1, w, w + 1};
  for (size_t start = 0; start < n; start++) {
    if (img[start] != value || seen[start] || (within && !within[start])) continue;
    size_t read = 0, write = 0;
    members[write++] = static_cast<int32_t>(start);
    seen[start] = 1;
    bool inside = true;
    // One neighbour k of a member: same test and order on both paths below.
    const auto visit = [&](int k) {
      if (img[k] != value || seen[k]) return;
      if (within && !within[k]) {
        inside = false;
        return;
      }
      seen[k] = 1;
      members[write++] = k;
    };
    while (read < write) {
      const int j = members[read++];
      const int y = static_cast<int>((j + 0.5) * inverseWidth), x = j - y * w;
      if (x > 0 && y > 0 && x < w - 1 && y < h - 1) {
        // Interior pixel: the same neighbours in the same order, without the bounds checks.
        for (const int d : around) visit(j + d);
        continue;
      }
      for (int dy = -1; dy <= 1; dy++) {
        const int yy = y + dy;
        for (int dx = -1; dx <= 1; dx++) {
          const int xx = x + dx;
          if (xx < 0 || yy < 0 || xx >= w || yy >= h) {
            if (within) inside = false;
            continue;
          }
          visit(yy * w + xx);
        }
      }
    }
    if (write < static_cast<size_t>(minArea < 0 ? 0 : minArea) && inside) {
      for (size_t m = 0; m < write; m++) img[members[m]] = static_cast<uint8_t>(1 - value);
    }
  }
}

}  // namespace

void Binarize(const float* enhanced, const uint8_t* mask, int w, int h, int minArea, uint8_t* out) {
  const size_t n = static_cast<size_t>(w) * h;
  for (size_t i = 0; i < n; i++) out[i] = mask[i] && enhanced[i] > 0 ? 1 : 0;
  FlipSmallComponents(out, w, h, 1, minArea, nullptr);
  FlipSmallComponents(out, w, h, 0, minArea, mask);
}

}  // namespace station
