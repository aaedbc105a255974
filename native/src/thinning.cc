// Zhang–Suen thinning plus staircase and 2 x 2 block removal; port of thinTs (thinning-kernel.ts).
// Neighbour bits clockwise from north: N=1 NE=2 E=4 SE=8 S=16 SW=32 W=64 NW=128.
#include <array>
#include <cstring>
#include "kernels.h"

namespace station {
namespace {

inline int Bit(int code, int k) { return (code >> k) & 1; }

int Transitions(int code) {
  int t = 0;
  for (int k = 0; k < 8; k++) if (!Bit(code, k) && Bit(code, (k + 1) & 7)) t++;
  return t;
}

int Popcount(int code) {
  int n = 0;
  for (int k = 0; k < 8; k++) n += Bit(code, k);
  return n;
}

int Yokoi8(int code) {
  int groups = 0;
  for (int k = 0; k < 8; k += 2) {
    const int four = Bit(code, k), next4 = Bit(code, (k + 2) & 7), diag = Bit(code, k + 1);
    if (!four && (diag || next4)) groups++;
  }
  return groups;
}

struct Tables {
  std::array<uint8_t, 256> step1{}, step2{}, staircase{}, simple{};
  Tables() {
    for (int c = 0; c < 256; c++) {
      const int b = Popcount(c), a = Transitions(c);
      const int p2 = Bit(c, 0), p4 = Bit(c, 2), p6 = Bit(c, 4), p8 = Bit(c, 6);
      const bool base = b >= 2 && b <= 6 && a == 1;
      step1[c] = base && p2 * p4 * p6 == 0 && p4 * p6 * p8 == 0;
      step2[c] = base && p2 * p4 * p8 == 0 && p2 * p6 * p8 == 0;
      staircase[c] = b >= 2 && Yokoi8(c) == 1 && ((p2 && p4) || (p4 && p6) || (p6 && p8) || (p8 && p2)) && b <= 3;
      simple[c] = Yokoi8(c) == 1;
    }
  }
};

const Tables& GetTables() {
  static const Tables tables;
  return tables;
}

// img holds only 0 and 1 (Thin makes it so), so the bits need no comparisons.
inline int NeighbourCode(const uint8_t* img, int w, int i) {
  const uint8_t* up = img + i - w;
  const uint8_t* down = img + i + w;
  return up[0] | up[1] << 1 | img[i + 1] << 2 | down[1] << 3 | down[0] << 4 | down[-1] << 5 | img[i - 1] << 6 | up[-1] << 7;
}

}  // namespace

void Thin(const uint8_t* binary, int w, int h, uint8_t* img) {
  const Tables& t = GetTables();
  for (size_t i = 0, n = static_cast<size_t>(w) * h; i < n; i++) img[i] = binary[i] != 0;
  for (int x = 0; x < w; x++) { img[x] = 0; img[(h - 1) * w + x] = 0; }
  for (int y = 0; y < h; y++) { img[y * w] = 0; img[y * w + w - 1] = 0; }
  // Per-thread lists kept from image to image (cleared, capacity kept), as in scratch.h.
  thread_local std::vector<int> marked, live;
  marked.clear();
  // Only pixels still set can change; keep a list of them so later passes skip the background.
  live.clear();
  for (int y = 1; y < h - 1; y++)
    for (int x = 1; x < w - 1; x++)
      if (img[y * w + x]) live.push_back(y * w + x);
  bool changed = true;
  while (changed) {
    changed = false;
    for (const auto* table : {&t.step1, &t.step2}) {
      marked.clear();
      for (int i : live)
        if (img[i] && (*table)[NeighbourCode(img, w, i)]) marked.push_back(i);
      for (int i : marked) img[i] = 0;
      if (!marked.empty()) changed = true;
    }
    size_t kept = 0;
    for (int i : live) if (img[i]) live[kept++] = i;
    live.resize(kept);
  }
  for (int i : live)
    if (img[i] && t.staircase[NeighbourCode(img, w, i)]) img[i] = 0;
  // 2 x 2 blocks left at junctions: the first simple pixel of each goes (live is in raster order).
  for (int i : live) {
    if (img[i] && img[i + 1] && img[i + w] && img[i + w + 1]) {
      for (int j : {i, i + 1, i + w, i + w + 1}) {
        if (t.simple[NeighbourCode(img, w, j)]) { img[j] = 0; break; }
      }
    }
  }
}

}  // namespace station
