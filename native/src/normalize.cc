// Local-rank contrast normalisation; same output as rankNormalizeTs (extraction/normalize.ts), bit for
// bit: every value is an integer count, however it is summed.
//
// The reference slides one window histogram along each row, updating it pixel by pixel (2·(2r+1)
// dependent increments per output pixel). Here each image column keeps its own histogram of the 2r+1
// rows around the current row (moving down a row: two updates per column), and the window's histogram
// is the sum of its columns' (moving right: add one column, subtract one), split into 16 coarse levels
// kept current and 16-level fine segments updated lazily (the constant-time median filter's scheme):
// 16-bit lanes the compiler turns into SIMD. Counts fit 16 bits while the window holds at most 32,767
// pixels; larger radii take the reference's row-sliding path.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include "kernels.h"
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "scratch.h"

namespace station {
namespace {

// Sum of the first `count` (0..16) of 16 counts. With SSE2: mask the lanes, add the two halves, fold.
inline int SumFirst(const int16_t* lanes, int count) {
#ifdef __SSE2__
  const __m128i index0 = _mm_setr_epi16(0, 1, 2, 3, 4, 5, 6, 7), index1 = _mm_setr_epi16(8, 9, 10, 11, 12, 13, 14, 15);
  const __m128i limit = _mm_set1_epi16(static_cast<int16_t>(count));
  __m128i a = _mm_and_si128(_mm_load_si128(reinterpret_cast<const __m128i*>(lanes)), _mm_cmplt_epi16(index0, limit));
  __m128i b = _mm_and_si128(_mm_load_si128(reinterpret_cast<const __m128i*>(lanes + 8)), _mm_cmplt_epi16(index1, limit));
  // Lanes are counts <= 32,767 and so are their sums (the whole window), so 16-bit adds are exact.
  __m128i sum = _mm_add_epi16(a, b);
  sum = _mm_add_epi16(sum, _mm_srli_si128(sum, 8));
  sum = _mm_add_epi16(sum, _mm_srli_si128(sum, 4));
  sum = _mm_add_epi16(sum, _mm_srli_si128(sum, 2));
  return static_cast<uint16_t>(_mm_cvtsi128_si32(sum));
#else
  int sum = 0;
  for (int k = 0; k < count; k++) sum += lanes[k];
  return sum;
#endif
}

// to[0..15] += sign * from[0..15]; `to` is 16-byte aligned, `from` need not be.
inline void Add16(int16_t* to, const int16_t* from, int sign) {
#ifdef __SSE2__
  __m128i* t = reinterpret_cast<__m128i*>(to);
  const __m128i f0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(from));
  const __m128i f1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(from + 8));
  if (sign > 0) {
    _mm_store_si128(t, _mm_add_epi16(_mm_load_si128(t), f0));
    _mm_store_si128(t + 1, _mm_add_epi16(_mm_load_si128(t + 1), f1));
  } else {
    _mm_store_si128(t, _mm_sub_epi16(_mm_load_si128(t), f0));
    _mm_store_si128(t + 1, _mm_sub_epi16(_mm_load_si128(t + 1), f1));
  }
#else
  for (int k = 0; k < 16; k++) to[k] = static_cast<int16_t>(to[k] + sign * from[k]);
#endif
}

// round-half-up of 255 · (darker + equal / 2) / n, as the reference computes it. Numerator and
// denominator are integers far below 2^53, and a quotient that is not an integer lies at least 1 / 2n
// from the next one, far more than a double division's rounding: truncating the double quotient gives
// the integer quotient exactly (and is faster than an integer division).
inline uint8_t Rank(int64_t darker, int64_t equal, int64_t n) {
  return static_cast<uint8_t>(static_cast<double>(255 * (2 * darker + equal) + n) / static_cast<double>(2 * n));
}

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
  // Column histograms of the rows y-r..y+r (clipped) of the current row y: 16 coarse counts (gray
  // levels 16c..16c+15) per column, and 16 fine counts per coarse level and column, stored level by
  // level so that a segment's catch-up reads neighbouring columns from neighbouring memory.
  int16_t* fine = Scratch<int16_t, 0>(static_cast<size_t>(width) * 256);
  int16_t* coarse = Scratch<int16_t, 1>(static_cast<size_t>(width) * 16);
  std::memset(fine, 0, static_cast<size_t>(width) * 256 * sizeof(int16_t));
  std::memset(coarse, 0, static_cast<size_t>(width) * 16 * sizeof(int16_t));
  const auto FineAt = [width](int v, int x) { return (static_cast<size_t>(v >> 4) * width + x) * 16 + (v & 15); };
  auto addRow = [&](int y, int16_t d) {
    const uint8_t* row = pixels + static_cast<size_t>(y) * width;
    for (int x = 0; x < width; x++) {
      int16_t& f = fine[FineAt(row[x], x)];
      f = static_cast<int16_t>(f + d);
      coarse[x * 16 + (row[x] >> 4)] = static_cast<int16_t>(coarse[x * 16 + (row[x] >> 4)] + d);
    }
  };
  for (int y = 0; y <= std::min(height - 1, radius); y++) addRow(y, 1);
  // The window's coarse histogram follows every step; each 16-level segment of its fine histogram is
  // brought up to date only when a pixel of that segment is ranked (neighbouring pixels mostly share
  // a few segments), from where it was last valid (`valid[c]`, -1: not yet in this row).
  alignas(16) int16_t winCoarse[16];
  alignas(16) int16_t winFine[256];
  int valid[16];
  for (int y = 0; y < height; y++) {
    if (y > 0) {
      if (y + radius < height) addRow(y + radius, 1);
      if (y - radius - 1 >= 0) addRow(y - radius - 1, -1);
    }
    const int rows = std::min(height - 1, y + radius) - std::max(0, y - radius) + 1;
    std::memset(winCoarse, 0, sizeof winCoarse);
    for (int x = 0; x <= std::min(width - 1, radius); x++) Add16(winCoarse, coarse + x * 16, 1);
    std::fill(valid, valid + 16, -1);
    const uint8_t* src = pixels + static_cast<size_t>(y) * width;
    uint8_t* dst = out + static_cast<size_t>(y) * width;
    for (int x = 0; x < width; x++) {
      if (x > 0) {
        if (x + radius < width) Add16(winCoarse, coarse + (x + radius) * 16, 1);
        if (x - radius - 1 >= 0) Add16(winCoarse, coarse + (x - radius - 1) * 16, -1);
      }
      const int v = src[x], c = v >> 4;
      int16_t* seg = winFine + c * 16;
      // Catching up costs two column segments per step, recounting one per window column.
      if (valid[c] < 0 || 2 * (x - valid[c]) > 2 * radius + 1) {
        std::memset(seg, 0, 16 * sizeof(int16_t));
        for (int xx = std::max(0, x - radius); xx <= std::min(width - 1, x + radius); xx++) Add16(seg, fine + FineAt(c * 16, xx), 1);
      } else {
        for (int xx = valid[c] + 1; xx <= x; xx++) {
          if (xx + radius < width) Add16(seg, fine + FineAt(c * 16, xx + radius), 1);
          if (xx - radius - 1 >= 0) Add16(seg, fine + FineAt(c * 16, xx - radius - 1), -1);
        }
      }
      valid[c] = x;
      const int n = (std::min(width - 1, x + radius) - std::max(0, x - radius) + 1) * rows;
      const int darker = SumFirst(winCoarse, c) + SumFirst(seg, v & 15);
      dst[x] = Rank(darker, winFine[v], n);
    }
  }
}

}  // namespace station
