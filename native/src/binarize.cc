// Binarization with small-component cleanup; port of binarizeTs (binarize-kernel.ts).
#include <cstring>
#include "kernels.h"
#include "scratch.h"

namespace station {
namespace {

// Union-find root with path halving.
inline int32_t Root(int32_t* parent, int32_t r) {
  while (parent[r] != r) r = parent[r] = parent[parent[r]];
  return r;
}

// Flip every 8-connected component of `value` smaller than minArea. With `within`, only components
// lying entirely inside it and off the image border are (a valley touching the mask edge is not a
// hole). The reference floods each component from its first pixel; here components are labelled as
// horizontal runs joined by union-find, a row at a time (a ridge row is a few runs, not dozens of
// pixels each looking at eight neighbours). Which components flip depends only on the components, so
// the result is the reference's. Why "entirely inside" is the reference's rule: its flood stays
// inside `within` and gives up on a component that touches a `value` pixel outside it, and any path
// from such a flood to an outside pixel leaves the flood through such a neighbour.
void FlipSmallComponents(uint8_t* img, int w, int h, uint8_t value, int minArea, const uint8_t* within) {
  const size_t n = static_cast<size_t>(w) * h;
  const size_t maxRuns = n / 2 + static_cast<size_t>(h) + 1;  // a run and a gap take at least two pixels
  int32_t* start = Scratch<int32_t, 2>(maxRuns);  // run j covers columns start[j] .. end[j]-1 of row rowOf[j]
  int32_t* end = Scratch<int32_t, 3>(maxRuns);
  int32_t* rowOf = Scratch<int32_t, 4>(maxRuns);
  int32_t* parent = Scratch<int32_t, 5>(maxRuns);
  int32_t* area = Scratch<int32_t, 6>(maxRuns);  // at roots: component area, or -1 when it may not flip
  int32_t runs = 0, previousRow = 0;
  for (int y = 0; y < h; y++) {
    const uint8_t* row = img + static_cast<size_t>(y) * w;
    const uint8_t* in = within ? within + static_cast<size_t>(y) * w : nullptr;
    const int32_t rowFirst = runs;
    int32_t above = previousRow;  // first run of the row above that may still touch
    for (int x = 0; x < w;) {
      if (row[x] != value) { x++; continue; }
      const int x0 = x;
      bool fixed = false;
      while (x < w && row[x] == value) fixed |= in && !in[x], x++;
      if (within && (y == 0 || y == h - 1 || x0 == 0 || x == w)) fixed = true;
      const int32_t j = runs++;
      start[j] = x0, end[j] = x, rowOf[j] = y, parent[j] = j, area[j] = fixed ? -1 : x - x0;
      // Runs of the row above within one column of [x0, x): 8-connected to this one.
      while (above < rowFirst && end[above] < x0) above++;
      for (int32_t k = above; k < rowFirst && start[k] <= x; k++) {
        const int32_t a = Root(parent, k), b = Root(parent, j);
        if (a == b) continue;
        parent[b] = a;
        area[a] = area[a] < 0 || area[b] < 0 ? -1 : area[a] + area[b];
      }
    }
    previousRow = rowFirst;
  }
  for (int32_t j = 0; j < runs; j++) {
    const int32_t a = area[Root(parent, j)];
    if (a >= 0 && a < minArea) std::memset(img + static_cast<size_t>(rowOf[j]) * w + start[j], 1 - value, static_cast<size_t>(end[j] - start[j]));
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
