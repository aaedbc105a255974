// Local-rank contrast normalisation; same output as rankNormalizeTs (extraction/normalize.ts), bit for
// bit: every value is an integer count, however it is summed.
//
// The reference slides one window histogram along each row, updating it pixel by pixel (2·(2r+1)
// dependent increments per output pixel). Here each image column keeps its own histogram of the 2r+1
// rows around the current row (moving down a row: two updates per column), and the window's histogram
// is the sum of its columns' (moving right: add one column, subtract one), split into 16 coarse levels
// kept current and 16-level fine segments updated lazily (the constant-time median filter's scheme).
// Counts are 16-bit lanes, exact while the window holds at most 32,767 pixels; larger radii take the
// reference's row-sliding path. What made it fast (each measured): the window's counts stay in
// registers while a segment catches up, a recount rather than a long catch-up, zero columns beyond
// the edges instead of clipping, one multiply-add per half for 2·darker + equal, a multiplication
// instead of the division, and no column update where the entering and the leaving row agree.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include "kernels.h"
#include "simd.h"
#include "scratch.h"

namespace station {
namespace {

// 16 counts, added and subtracted modulo 2^16: every count and every sum the kernel reads back is a
// number of window pixels (<= 32,767), so wrapped intermediate values cannot change a result.
#ifdef STATION_SSE2
struct Lanes {
  __m128i lo, hi;
};
inline Lanes Zero() { return {_mm_setzero_si128(), _mm_setzero_si128()}; }
inline Lanes Load(const uint16_t* p) {
  return {_mm_load_si128(reinterpret_cast<const __m128i*>(p)), _mm_load_si128(reinterpret_cast<const __m128i*>(p + 8))};
}
inline void Store(uint16_t* p, Lanes a) {
  _mm_store_si128(reinterpret_cast<__m128i*>(p), a.lo);
  _mm_store_si128(reinterpret_cast<__m128i*>(p + 8), a.hi);
}
inline Lanes operator+(Lanes a, Lanes b) { return {_mm_add_epi16(a.lo, b.lo), _mm_add_epi16(a.hi, b.hi)}; }
inline Lanes operator-(Lanes a, Lanes b) { return {_mm_sub_epi16(a.lo, b.lo), _mm_sub_epi16(a.hi, b.hi)}; }
// sum of a[k]·wa[k] + b[k]·wb[k]; counts <= 32,767 and weights <= 2, so signed 16-bit multiplies and
// 32-bit sums are exact.
inline int WeightedSum(Lanes a, const uint16_t* wa, Lanes b, const uint16_t* wb) {
  const Lanes u = Load(wa), v = Load(wb);
  __m128i s = _mm_add_epi32(_mm_add_epi32(_mm_madd_epi16(a.lo, u.lo), _mm_madd_epi16(a.hi, u.hi)),
                            _mm_add_epi32(_mm_madd_epi16(b.lo, v.lo), _mm_madd_epi16(b.hi, v.hi)));
  s = _mm_add_epi32(s, _mm_shuffle_epi32(s, _MM_SHUFFLE(1, 0, 3, 2)));
  s = _mm_add_epi32(s, _mm_shuffle_epi32(s, _MM_SHUFFLE(2, 3, 0, 1)));
  return _mm_cvtsi128_si32(s);
}
#elif defined(__GNUC__)
// Elsewhere (arm64, say) GCC and Clang vectors, which the compiler maps to the target's SIMD.
typedef uint16_t Half __attribute__((vector_size(16)));
struct Lanes {
  Half lo, hi;
};
inline Lanes Zero() { return {Half{}, Half{}}; }
inline Lanes Load(const uint16_t* p) {
  Lanes a;
  std::memcpy(&a.lo, p, 16);
  std::memcpy(&a.hi, p + 8, 16);
  return a;
}
inline void Store(uint16_t* p, Lanes a) {
  std::memcpy(p, &a.lo, 16);
  std::memcpy(p + 8, &a.hi, 16);
}
inline Lanes operator+(Lanes a, Lanes b) { return {a.lo + b.lo, a.hi + b.hi}; }
inline Lanes operator-(Lanes a, Lanes b) { return {a.lo - b.lo, a.hi - b.hi}; }
inline int WeightedSum(Lanes a, const uint16_t* wa, Lanes b, const uint16_t* wb) {
  const Lanes u = Load(wa), v = Load(wb);
  // Products and sums wrap modulo 2^16, and the total, 2·darker + equal <= 2n < 2^16, comes out exact.
  const Half s = a.lo * u.lo + a.hi * u.hi + b.lo * v.lo + b.hi * v.hi;
  int sum = 0;
  for (int k = 0; k < 8; k++) sum += s[k];
  return static_cast<uint16_t>(sum);
}
#else
struct Lanes {
  uint16_t v[16];
};
inline Lanes Zero() { return Lanes{}; }
inline Lanes Load(const uint16_t* p) {
  Lanes a;
  std::memcpy(a.v, p, sizeof a.v);
  return a;
}
inline void Store(uint16_t* p, const Lanes& a) { std::memcpy(p, a.v, sizeof a.v); }
inline Lanes operator+(Lanes a, const Lanes& b) {
  for (int k = 0; k < 16; k++) a.v[k] = static_cast<uint16_t>(a.v[k] + b.v[k]);
  return a;
}
inline Lanes operator-(Lanes a, const Lanes& b) {
  for (int k = 0; k < 16; k++) a.v[k] = static_cast<uint16_t>(a.v[k] - b.v[k]);
  return a;
}
inline int WeightedSum(const Lanes& a, const uint16_t* wa, const Lanes& b, const uint16_t* wb) {
  int s = 0;
  for (int k = 0; k < 16; k++) s += a.v[k] * wa[k] + b.v[k] * wb[k];
  return s;
}
#endif

// kWeights.coarse[c] and kWeights.fine[f]: the weight of each level's count in 2·darker + equal for a
// pixel of coarse level c and fine level f (2 below, 1 the level itself, 0 above).
struct Weights {
  alignas(16) uint16_t coarse[16][16];
  alignas(16) uint16_t fine[16][16];
  Weights() {
    for (int i = 0; i < 16; i++)
      for (int k = 0; k < 16; k++) {
        coarse[i][k] = k < i ? 2 : 0;
        fine[i][k] = k < i ? 2 : k == i ? 1 : 0;
      }
  }
};
const Weights kWeights;

// round-half-up of 255 · (darker + equal / 2) / n, as the reference computes it. Numerator and
// denominator are integers far below 2^53, and a quotient that is not an integer lies at least 1 / 2n
// from the next one, far more than a double division's rounding: truncating the double quotient gives
// the integer quotient exactly (and is faster than an integer division).
inline uint8_t Rank(int64_t darker, int64_t equal, int64_t n) {
  return static_cast<uint8_t>(static_cast<double>(255 * (2 * darker + equal) + n) / static_cast<double>(2 * n));
}

// The same quotient ⌊N / D⌋, N = 255·k + n (k = 2·darker + equal <= 2n), D = 2n, for n <= 32,767, by a
// multiplication: with m = ⌈2^40 / D⌉ = (2^40 + e) / D, 0 <= e < D, N·m / 2^40 = N / D + N·e / (D·2^40).
// N < 2^24 and e < 2^16, so the second term is below 1 / D, while N / D sits at least 1 / D below the
// next integer: the floor is unchanged. N·m < 2^24 · (2^39 + 1) fits 64 bits. (Also checked against the
// integer quotient for every n <= 32,767 and k <= 2n.)
constexpr int kReciprocalShift = 40;
inline uint64_t Reciprocal(int64_t n) { return ((uint64_t{1} << kReciprocalShift) + 2 * n - 1) / (2 * n); }
inline uint8_t RankByReciprocal(int k, int n, uint64_t reciprocal) {
  return static_cast<uint8_t>((static_cast<uint64_t>(255 * k + n) * reciprocal) >> kReciprocalShift);
}

// Longest lazy catch-up of a fine segment; a segment staler than this is recounted.
constexpr int kCatchUpSteps = 4;

void RowSliding(const uint8_t* pixels, int width, int height, int radius, uint8_t* out) {
  std::array<int32_t, 256> hist;
  for (int y = 0; y < height; y++) {
    hist.fill(0);
    const int y0 = std::max(0, y - radius), y1 = std::min(height - 1, y + radius);
    const int rows = y1 - y0 + 1;
    auto column = [&](int x, int d) {
      const uint8_t* p = pixels + static_cast<size_t>(y0) * width + x;
      for (int yy = y0; yy <= y1; yy++, p += width) hist[*p] += d;
    };
    for (int x = 0; x <= std::min(width - 1, radius); x++) column(x, 1);
    for (int x = 0; x < width; x++) {
      if (x > 0) {
        if (x + radius < width) column(x + radius, 1);
        if (x - radius - 1 >= 0) column(x - radius - 1, -1);
      }
      const int n = (std::min(width - 1, x + radius) - std::max(0, x - radius) + 1) * rows;
      const int v = pixels[static_cast<size_t>(y) * width + x];
      int darker = 0;
      for (int k = 0; k < v; k++) darker += hist[k];
      out[static_cast<size_t>(y) * width + x] = Rank(darker, hist[v], n);
    }
  }
}

}  // namespace

void RankNormalize(const uint8_t* pixels, int width, int height, int radius, uint8_t* out) {
  const int64_t side = 2 * int64_t{radius} + 1;
  if (std::min<int64_t>(side, height) * std::min<int64_t>(side, width) > 32767) {
    RowSliding(pixels, width, height, radius, out);
    return;
  }
  // A window wider than the image covers all of it from every pixel, as one of width 2(width-1)+1 does.
  const int rx = std::min(radius, width - 1);
  // Column histograms of the rows y-r..y+r (clipped) of the current row y: 16 coarse counts (gray
  // levels 16c..16c+15) per column, and 16 fine counts per coarse level and column, stored level by
  // level so that a segment's catch-up reads neighbouring columns from neighbouring memory. rx + 1
  // columns of zeros on either side stand for the outside of the image, so that the window's sums
  // need no clipping (and its loops no branches).
  const int pad = rx + 1, stride = width + 2 * pad;
  uint16_t* fine = Scratch<uint16_t, 0>(static_cast<size_t>(stride) * 256 + 8);
  uint16_t* coarse = Scratch<uint16_t, 1>(static_cast<size_t>(stride) * 16 + 8);
  // 16-byte aligned for the SIMD loads (a whole number of elements: the storage is 2-byte aligned).
  fine += ((16 - (reinterpret_cast<uintptr_t>(fine) & 15)) & 15) / sizeof(uint16_t);
  coarse += ((16 - (reinterpret_cast<uintptr_t>(coarse) & 15)) & 15) / sizeof(uint16_t);
  std::memset(fine, 0, static_cast<size_t>(stride) * 256 * sizeof(uint16_t));
  std::memset(coarse, 0, static_cast<size_t>(stride) * 16 * sizeof(uint16_t));
  // Column x's counts (x from -pad to width + pad - 1): segment c at segment[c] + 16x, coarse at
  // coarse0 + 16x, and the count of gray level v at fine0 + 16x + fineOffset[v].
  const uint16_t* segment[16];
  for (int c = 0; c < 16; c++) segment[c] = fine + (static_cast<size_t>(c) * stride + pad) * 16;
  uint16_t* const fine0 = fine + static_cast<size_t>(pad) * 16;
  uint16_t* const coarse0 = coarse + static_cast<size_t>(pad) * 16;
  int fineOffset[256];
  for (int v = 0; v < 256; v++) fineOffset[v] = (v >> 4) * stride * 16 + (v & 15);
  const auto count = [&](const uint8_t* row, int x, uint16_t d) {
    uint16_t& f = fine0[x * 16 + fineOffset[row[x]]];
    f = static_cast<uint16_t>(f + d);
    uint16_t& c = coarse0[x * 16 + (row[x] >> 4)];
    c = static_cast<uint16_t>(c + d);
  };
  const uint16_t kPlus = 1, kMinus = 0xFFFF;
  const auto rowAt = [&](int y) { return pixels + static_cast<size_t>(y) * width; };
  for (int y = 0; y <= std::min(height - 1, radius); y++)
    for (int x = 0; x < width; x++) count(rowAt(y), x, kPlus);
  // The window's coarse histogram follows every step; each 16-level segment of its fine histogram is
  // brought up to date only when a pixel of that segment is ranked (neighbouring pixels mostly share
  // a few segments), from where it was last valid (`valid[c]`, far left: not yet in this row).
  alignas(16) uint16_t winFine[256];
  int valid[16];
  // reciprocal[cols]: for the window of `cols` columns and this row's `rows` rows.
  const int maxCols = static_cast<int>(std::min<int64_t>(side, width));
  uint64_t* reciprocal = Scratch<uint64_t, 2>(static_cast<size_t>(maxCols) + 1);
  for (int y = 0; y < height; y++) {
    if (y > 0) {
      const bool enters = y + radius < height, leaves = y - radius - 1 >= 0;
      const uint8_t *entering = enters ? rowAt(y + radius) : nullptr, *leaving = leaves ? rowAt(y - radius - 1) : nullptr;
      if (enters && leaves) {
        for (int x = 0; x < width; x++) {
          // Where the same level enters and leaves (background, mostly) there is nothing to change.
          if (entering[x] == leaving[x]) continue;
          count(entering, x, kPlus);
          count(leaving, x, kMinus);
        }
      } else if (enters) {
        for (int x = 0; x < width; x++) count(entering, x, kPlus);
      } else if (leaves) {
        for (int x = 0; x < width; x++) count(leaving, x, kMinus);
      }
    }
    const int rows = std::min(height - 1, y + radius) - std::max(0, y - radius) + 1;
    for (int cols = 1; cols <= maxCols; cols++) reciprocal[cols] = Reciprocal(int64_t{cols} * rows);
    Lanes winCoarse = Zero();
    for (int x = -rx; x <= rx; x++) winCoarse = winCoarse + Load(coarse0 + x * 16);
    std::fill(valid, valid + 16, -2 * rx - 2);
    const uint8_t* src = rowAt(y);
    uint8_t* dst = out + static_cast<size_t>(y) * width;
    const auto rank = [&](int x, int cols) {
      if (x > 0) winCoarse = winCoarse + Load(coarse0 + (x + rx) * 16) - Load(coarse0 + (x - rx - 1) * 16);
      const int v = src[x], c = v >> 4;
      const int stale = x - valid[c];
      valid[c] = x;
      Lanes seg;
      // Catching up costs two column segments per step, recounting one per window column; but
      // beyond a few steps the catch-up's unpredictable branch and loop exit cost more than the loads
      // it saves (measured on FVC images: limits of 3 to 6 steps alike, 16 (half the window) 5-10 %
      // slower).
      if (stale == 1) {  // the common case (about 3 pixels in 4 on an FVC image), without the loops' overhead
        seg = Load(winFine + c * 16) + Load(segment[c] + (x + rx) * 16) - Load(segment[c] + (x - rx - 1) * 16);
      } else if (stale > kCatchUpSteps || 2 * stale > 2 * rx + 1) {
        // Two sums, so that the additions of neighbouring columns do not wait for each other.
        const uint16_t* p = segment[c] + (x - rx) * 16;
        Lanes a = Load(p), b = Zero();
        for (int i = 0; i < rx; i++, p += 32) {
          a = a + Load(p + 16);
          b = b + Load(p + 32);
        }
        seg = a + b;
      } else {
        // Columns that entered the window since the segment was valid, and columns that left it.
        Lanes entered = Zero(), left = Zero();
        const uint16_t* in = segment[c] + (x - stale + rx + 1) * 16;
        const uint16_t* gone = segment[c] + (x - stale - rx) * 16;
        for (int i = 0; i < stale; i++, in += 16, gone += 16) {
          entered = entered + Load(in);
          left = left + Load(gone);
        }
        seg = Load(winFine + c * 16) + (entered - left);
      }
      Store(winFine + c * 16, seg);
      const int k = WeightedSum(winCoarse, kWeights.coarse[c], seg, kWeights.fine[v & 15]);
      dst[x] = RankByReciprocal(k, cols * rows, reciprocal[cols]);
    };
    // Left edge, inside (the window has all its 2rx + 1 columns), right edge.
    const int inside0 = std::min(rx, width), inside1 = std::max(inside0, width - rx);
    for (int x = 0; x < inside0; x++) rank(x, std::min(width - 1, x + rx) + 1);
    for (int x = inside0; x < inside1; x++) rank(x, 2 * rx + 1);
    for (int x = inside1; x < width; x++) rank(x, width - std::max(0, x - rx));
  }
}

}  // namespace station
