// Oriented separable Gabor filter over precomputed sparse kernels; port of enhanceTs (enhance-kernel.ts).
// The arithmetic is the reference's integer arithmetic (16-bit weights and samples, 32-bit sums), so
// the result is bit-identical whatever order the products are added in: runs of pixels that share a
// kernel are filtered four or eight at a time with 16-bit multiply-adds.
#include <cmath>
#include <cstddef>
#include <cstring>
#include "round.h"
#include "simd.h"
#include "kernels.h"
#include "scratch.h"

namespace station {
namespace {

constexpr int kMaxCorrectionSteps = 2;  // MAX_CORRECTION_STEPS in enhance-direction.ts
constexpr double kPi = 3.14159265358979323846;
constexpr int kSmoothShift = 8;                 // SMOOTH_SHIFT in enhance-kernel.ts
constexpr float kOutputScale = 1.0f / 4194304;  // OUTPUT_SCALE = 2^-22

// Within 0.0015 rad of atan2(y, x): a guess of the direction bin that DirectionBin settles exactly.
double ApproxAtan2(double y, double x) {
  const double ax = std::fabs(x), ay = std::fabs(y);
  const double hi = ax > ay ? ax : ay, lo = ax > ay ? ay : ax;
  if (hi == 0) return 0;
  const double a = lo / hi;
  double r = a * (kPi / 4) - a * (a - 1) * (0.2447 + 0.0663 * a);
  if (ay > ax) r = kPi / 2 - r;
  if (x < 0) r = kPi - r;
  return y < 0 ? -r : r;
}

inline bool PastBoundary(double c, double s, int b, const EnhanceTables& t) {
  return t.boundaries[2 * b] * s - t.boundaries[2 * b + 1] * c >= 0;
}

// periodBin in enhance-kernel.ts.
inline int PeriodBin(float period, const EnhanceTables& t) {
  return RoundClamp((static_cast<double>(period) - t.minPeriod) / t.periodStep, t.periods - 1);
}

// Kernel `kernel` at the N (4 or 8) consecutive pixels starting at `src`, as exact 32-bit sums in
// acc[0..N). The kernel's entries come in pairs, so with SSE2 one 16-bit multiply-add (pmaddwd) takes
// two entries of four pixels: a_j·w0 + b_j·w1 per 32-bit lane. Lanes past the run read pixels that
// exist in the padded plane (or its slack) and are thrown away by the caller.
template <int N>
inline void SumLanes(const SparseKernels& k, int kernel, const int16_t* src, int32_t* acc) {
  const int32_t* offset = k.pairOffset.data();
  const int32_t* weight = k.pairWeight.data();
  const int begin = k.pairStart[kernel], end = k.pairStart[kernel + 1];
#ifdef STATION_SSE2
  __m128i lo = _mm_setzero_si128(), hi = _mm_setzero_si128();
  for (int p = begin; p < end; p++) {
    const __m128i w = _mm_set1_epi32(weight[p]);
    const int16_t* a = src + offset[2 * p];
    const int16_t* b = src + offset[2 * p + 1];
    if (N == 8) {
      const __m128i va = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a));
      const __m128i vb = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b));
      lo = _mm_add_epi32(lo, _mm_madd_epi16(_mm_unpacklo_epi16(va, vb), w));
      hi = _mm_add_epi32(hi, _mm_madd_epi16(_mm_unpackhi_epi16(va, vb), w));
    } else {
      const __m128i va = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(a));
      const __m128i vb = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(b));
      lo = _mm_add_epi32(lo, _mm_madd_epi16(_mm_unpacklo_epi16(va, vb), w));
    }
  }
  _mm_storeu_si128(reinterpret_cast<__m128i*>(acc), lo);
  if (N == 8) _mm_storeu_si128(reinterpret_cast<__m128i*>(acc + 4), hi);
#else
  for (int j = 0; j < N; j++) acc[j] = 0;
  for (int p = begin; p < end; p++) {
    const int32_t w0 = static_cast<int16_t>(weight[p] & 0xffff), w1 = weight[p] >> 16;
    const int16_t* a = src + offset[2 * p];
    const int16_t* b = src + offset[2 * p + 1];
    for (int j = 0; j < N; j++) acc[j] += a[j] * w0 + b[j] * w1;
  }
#endif
}

// One filter pass: store(i, sums, n) with the sums of kernel kernelOf[i] at the n pixels from i on,
// wherever sel is set. Neighbouring pixels mostly share a kernel (same quantised direction and
// period), so runs of up to eight are filtered together. `src` points at pixel (0, 0) of a plane
// `stride` wide whose edges are repeated outwards by at least the kernel radius (reading it past the
// edge is the reference's clamped read) and which has 8 samples of slack after its last row.
template <typename Store>
void Pass(const SparseKernels& k, const int16_t* src, int stride, int w, int h, const uint8_t* sel, const int32_t* kernelOf, Store store) {
  alignas(16) int32_t acc[8];
  for (int y = 0; y < h; y++) {
    const int16_t* row = src + static_cast<ptrdiff_t>(y) * stride;
    for (int x = 0; x < w; x++) {
      const int i = y * w + x;
      if (!sel[i]) continue;
      const int kernel = kernelOf[i];
      int n = 1;
      while (n < 8 && x + n < w && sel[i + n] && kernelOf[i + n] == kernel) n++;
      if (n > 4) SumLanes<8>(k, kernel, row + x, acc);
      else SumLanes<4>(k, kernel, row + x, acc);
      store(i, acc, n);
      x += n - 1;
    }
  }
}

// Copies a w×h plane into dst, (w + 2·pad) wide and (h + 2·pad) high (plus 8 samples of slack),
// repeating the edge pixels outwards; returns the address of pixel (0, 0).
template <typename T>
int16_t* Padded(const T* src, int w, int h, int pad, int16_t* dst) {
  const int stride = w + 2 * pad;
  for (int py = 0; py < h + 2 * pad; py++) {
    const int sy = py < pad ? 0 : py - pad >= h ? h - 1 : py - pad;
    const T* in = src + static_cast<size_t>(sy) * w;
    int16_t* o = dst + static_cast<size_t>(py) * stride;
    for (int px = 0; px < pad; px++) o[px] = in[0];
    for (int x = 0; x < w; x++) o[pad + x] = in[x];
    for (int px = pad + w; px < stride; px++) o[px] = in[w - 1];
  }
  std::memset(dst + static_cast<size_t>(h + 2 * pad) * stride, 0, 8 * sizeof(int16_t));
  return dst + static_cast<size_t>(pad) * stride + pad;
}

// dilateSquare in enhance-kernel.ts: nonzero within Chebyshev distance r of a set pixel. Built as a
// chain of three-tap ORs, taps {-s, 0, s} with s = 1, 2, 4, ... and a last step topping up to r, along
// the rows and then along the columns: each step widens the reach R to R + s with no gap (s <= R + 1),
// so the chain reaches exactly r, with byte loops the compiler vectorises.
const uint8_t* DilateSquare(const uint8_t* src, int w, int h, int r) {
  const size_t n = static_cast<size_t>(w) * h;
  uint8_t* buffers[2] = {Scratch<uint8_t, 0>(n), Scratch<uint8_t, 1>(n)};
  const uint8_t* cur = src;
  int next = 0;
  for (int pass = 0; pass < 2; pass++) {
    for (int reach = 0, s = 1; reach < r; reach += s, s *= 2) {
      if (s > r - reach) s = r - reach;
      uint8_t* dst = buffers[next];
      next ^= 1;
      if (pass == 0) {
        for (int y = 0; y < h; y++) {
          const uint8_t* in = cur + static_cast<size_t>(y) * w;
          uint8_t* o = dst + static_cast<size_t>(y) * w;
          for (int x = 0; x < w; x++) o[x] = in[x];
          for (int x = s; x < w; x++) o[x] |= in[x - s];
          for (int x = 0; x + s < w; x++) o[x] |= in[x + s];
        }
      } else {
        std::memcpy(dst, cur, n);
        const size_t shift = static_cast<size_t>(s) * w;
        if (static_cast<size_t>(s) < static_cast<size_t>(h)) {
          for (size_t i = shift; i < n; i++) dst[i] |= cur[i - shift];
          for (size_t i = 0; i + shift < n; i++) dst[i] |= cur[i + shift];
        }
      }
      cur = dst;
    }
  }
  return cur;
}

// directionBin in enhance-direction.ts: a guess from the approximate arc tangent, settled by side tests.
inline int DirectionBin(float cf, float sf, const EnhanceTables& t) {
  const int D = t.directions;
  const double c = cf, s = sf;
  // The guess lies within [-D/2, D/2] (or is NaN, then 0): no division needed to wrap it.
  const double g = ApproxAtan2(s, c) * D / (2 * kPi);
  int k = g >= 0 ? static_cast<int>(g + 0.5) : g < 0 ? -static_cast<int>(0.5 - g) : 0;
  if (k < 0) k += D;
  if (k >= D) k -= D;
  if (k < 0 || k >= D) k = 0;
  for (int n = 0; n < kMaxCorrectionSteps && PastBoundary(c, s, k, t); n++) k = k == D - 1 ? 0 : k + 1;
  for (int n = 0; n < kMaxCorrectionSteps && !PastBoundary(c, s, k == 0 ? D - 1 : k - 1, t); n++) k = k == 0 ? D - 1 : k - 1;
  return k;
}

// The bin of (c, s) when it is likely `guess` or next to it. A bin that passes both of its side tests
// (at or past the boundary below it, not past its own) is the only one that can (see
// enhance-direction.ts), so a bin confirmed here is exactly DirectionBin's answer; otherwise ask it.
inline int NearBin(double c, double s, int guess, const EnhanceTables& t) {
  const int D = t.directions;
  const int below = guess == 0 ? D - 1 : guess - 1;
  if (PastBoundary(c, s, guess, t)) {
    const int up = guess == D - 1 ? 0 : guess + 1;  // past the guess's upper boundary: try the next bin
    if (!PastBoundary(c, s, up, t)) return up;
  } else if (PastBoundary(c, s, below, t)) {
    return guess;
  } else {
    const int below2 = below == 0 ? D - 1 : below - 1;  // not even past the lower one: the bin below
    if (PastBoundary(c, s, below2, t)) return below;
  }
  return DirectionBin(static_cast<float>(c), static_cast<float>(s), t);
}

}  // namespace

void Enhance(const EnhanceInput& in, float* out) {
  const int w = in.width, h = in.height;
  const EnhanceTables& t = *in.tables;
  const size_t n = static_cast<size_t>(w) * h;
  const uint8_t* smoothMask = DilateSquare(in.mask, w, h, t.across.radius);
  // First the direction bin (pass 1's kernel), then, inside the mask, the (direction, period) kernel
  // of pass 2. Read only where set.
  int32_t* kernelOf = Scratch<int32_t, 0>(n);
  // The field is smooth, so the left neighbour's bin is usually this pixel's too (see NearBin).
  for (int y = 0; y < h; y++) {
    int previous = -1;
    for (int x = 0; x < w; x++) {
      const size_t i = static_cast<size_t>(y) * w + x;
      if (!smoothMask[i]) {
        previous = -1;
        continue;
      }
      const double c = in.cos2[i], s = in.sin2[i];
      kernelOf[i] = previous = previous < 0 ? DirectionBin(in.cos2[i], in.sin2[i], t) : NearBin(c, s, previous, t);
    }
  }
  // Both passes read 16-bit planes, padded so pixels near the edge take the same path as the others.
  const int stride = t.paddedWidth;
  int16_t* padded = Scratch<int16_t, 10>(static_cast<size_t>(stride) * (h + 2 * t.pad) + 8);
  int16_t* smoothed = Scratch<int16_t, 11>(n);  // pass 2 reads it only where pass 1 wrote it
  constexpr int kHalf = 1 << (kSmoothShift - 1);
  Pass(t.along, Padded(in.pixels, w, h, t.pad, padded), stride, w, h, smoothMask, kernelOf, [smoothed](int i, const int32_t* acc, int count) {
    for (int j = 0; j < count; j++) smoothed[i + j] = static_cast<int16_t>((acc[j] + kHalf) >> kSmoothShift);
  });
  const int16_t* smoothedPadded = Padded(smoothed, w, h, t.pad, padded);
  // The period map is constant over blocks: one division per change of value, not per pixel.
  float lastPeriod = in.period[0];
  int lastBin = PeriodBin(lastPeriod, t);
  for (size_t i = 0; i < n; i++) {
    if (!in.mask[i]) continue;
    if (!(in.period[i] == lastPeriod)) lastBin = PeriodBin(lastPeriod = in.period[i], t);  // NaN: never equal, recomputed
    kernelOf[i] = kernelOf[i] * t.periods + lastBin;
  }
  for (size_t i = 0; i < n; i++) out[i] = 0.0f;
  // Negated in integers (so 0 stays +0, as in the reference), then converted and scaled by a power
  // of two: the same float the reference's (0 - s) × OUTPUT_SCALE rounds to.
  Pass(t.across, smoothedPadded, stride, w, h, in.mask, kernelOf, [out](int i, const int32_t* acc, int count) {
    for (int j = 0; j < count; j++) out[i + j] = static_cast<float>(-acc[j]) * kOutputScale;
  });
}

}  // namespace station
