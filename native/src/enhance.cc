// Oriented separable Gabor filter over precomputed sparse kernels; port of enhanceTs (enhance-kernel.ts).
// Neighbouring pixels mostly share a kernel (same quantised direction and period), so runs of up to
// eight of them are filtered together: each pixel keeps its own accumulator, fed the same products in
// the same order as the reference, so the result is bit-identical while the independent sums hide the
// latency of the additions that bounds a one-pixel-at-a-time loop.
#include <cmath>
#include <cstddef>
#include <cstring>
#include "kernels.h"
#include "scratch.h"

namespace station {
namespace {

constexpr int kMaxCorrectionSteps = 2;  // MAX_CORRECTION_STEPS in enhance-direction.ts
constexpr double kPi = 3.14159265358979323846;

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

// periodBin in enhance-kernel.ts (Math.round: nearest integer, halves up).
// Without a floor() call, which baseline x86-64 makes a library call.
inline int PeriodBin(float period, const EnhanceTables& t) {
  const double q = (static_cast<double>(period) - t.minPeriod) / t.periodStep;
  if (!(q > -1e9 && q < 1e9)) return q > 0 ? t.periods - 1 : 0;  // NaN: 0
  int r = static_cast<int>(q);                // towards zero
  r -= static_cast<double>(r) > q;            // floor
  r += q - static_cast<double>(r) >= 0.5;     // round half up
  return r < 0 ? 0 : r > t.periods - 1 ? t.periods - 1 : r;
}

// Kernel `kernel` at the N consecutive pixels starting at `src`, written (negated if asked) to out.
template <int N, typename T>
inline void SumRun(const SparseKernels& k, int kernel, const T* src, bool negate, float* out) {
  double a[N];
  for (int j = 0; j < N; j++) a[j] = 0;
  const int32_t* offset = k.padded.data();
  const float* weight = k.weight.data();
  for (int e = k.start[kernel], end = k.start[kernel + 1]; e < end; e++) {
    const double wt = weight[e];
    const T* p = src + offset[e];
    for (int j = 0; j < N; j++) a[j] += wt * static_cast<double>(p[j]);
  }
  for (int j = 0; j < N; j++) out[j] = static_cast<float>(negate ? -a[j] : a[j]);
}

// Two neighbouring pixels with different kernels (ka at src[0], kb at src[1]), interleaved so the
// two sums overlap; each still adds its own products in the reference's order.
template <typename T>
inline void SumPair(const SparseKernels& k, int ka, int kb, const T* src, bool negate, float* out) {
  const int32_t* offset = k.padded.data();
  const float* weight = k.weight.data();
  double a = 0, b = 0;
  int ea = k.start[ka], eb = k.start[kb];
  const int endA = k.start[ka + 1], endB = k.start[kb + 1];
  const int common = endA - ea < endB - eb ? endA - ea : endB - eb;
  for (int j = 0; j < common; j++, ea++, eb++) {
    a += static_cast<double>(weight[ea]) * static_cast<double>(src[offset[ea]]);
    b += static_cast<double>(weight[eb]) * static_cast<double>(src[1 + offset[eb]]);
  }
  for (; ea < endA; ea++) a += static_cast<double>(weight[ea]) * static_cast<double>(src[offset[ea]]);
  for (; eb < endB; eb++) b += static_cast<double>(weight[eb]) * static_cast<double>(src[1 + offset[eb]]);
  out[0] = static_cast<float>(negate ? -a : a);
  out[1] = static_cast<float>(negate ? -b : b);
}

// One filter pass: out[y·w + x] = ±(kernel kernelOf[y·w + x] applied at (x, y)) wherever sel is set.
// `src` points at pixel (0, 0) of a plane `stride` wide whose edges are repeated outwards by at least
// the kernel radius, so reading it past the edge is the reference's clamped read, in the same order.
void Pass(const SparseKernels& k, const double* src, int stride, int w, int h, const uint8_t* sel, const int32_t* kernelOf, bool negate, float* out) {
  for (int y = 0; y < h; y++) {
    const double* row = src + static_cast<ptrdiff_t>(y) * stride;
    for (int x = 0; x < w; x++) {
      const int i = y * w + x;
      if (!sel[i]) continue;
      const int kernel = kernelOf[i];
      int n = 1;
      while (n < 8 && x + n < w && sel[i + n] && kernelOf[i + n] == kernel) n++;
      if (n == 8) SumRun<8>(k, kernel, row + x, negate, out + i);
      else if (n >= 4) n = 4, SumRun<4>(k, kernel, row + x, negate, out + i);
      else if (n >= 2) n = 2, SumRun<2>(k, kernel, row + x, negate, out + i);
      else if (x + 1 < w && sel[i + 1]) n = 2, SumPair(k, kernel, kernelOf[i + 1], row + x, negate, out + i);
      else SumRun<1>(k, kernel, row + x, negate, out + i);
      x += n - 1;
    }
  }
}

// Copies a w×h plane into dst, (w + 2·pad) wide and (h + 2·pad) high, repeating the edge pixels
// outwards; returns the address of pixel (0, 0).
template <typename T>
double* Padded(const T* src, int w, int h, int pad, double* dst) {
  const int stride = w + 2 * pad;
  for (int py = 0; py < h + 2 * pad; py++) {
    const int sy = py < pad ? 0 : py - pad >= h ? h - 1 : py - pad;
    const T* in = src + static_cast<size_t>(sy) * w;
    double* o = dst + static_cast<size_t>(py) * stride;
    for (int px = 0; px < pad; px++) o[px] = in[0];
    for (int x = 0; x < w; x++) o[pad + x] = in[x];
    for (int px = pad + w; px < stride; px++) o[px] = in[w - 1];
  }
  return dst + static_cast<size_t>(pad) * stride + pad;
}

// dilateSquare in enhance-kernel.ts: out = 1 within Chebyshev distance r of a set pixel. The
// vertical pass walks rows with one "last set row" per column, to stay cache friendly.
const uint8_t* DilateSquare(const uint8_t* src, int w, int h, int r) {
  const size_t n = static_cast<size_t>(w) * h;
  uint8_t* rows = Scratch<uint8_t, 0>(n);
  uint8_t* out = Scratch<uint8_t, 1>(n);
  std::memset(rows, 0, n);
  std::memset(out, 0, n);
  for (int y = 0; y < h; y++) {
    const uint8_t* in = src + static_cast<size_t>(y) * w;
    uint8_t* o = rows + static_cast<size_t>(y) * w;
    int last = -r - 1;
    for (int x = 0; x < w; x++) {
      if (in[x]) last = x;
      if (x - last <= r) o[x] = 1;
    }
    last = w + r + 1;
    for (int x = w - 1; x >= 0; x--) {
      if (in[x]) last = x;
      if (last - x <= r) o[x] = 1;
    }
  }
  int* last = Scratch<int, 0>(w);
  for (int x = 0; x < w; x++) last[x] = -r - 1;
  for (int y = 0; y < h; y++) {
    const uint8_t* in = rows + static_cast<size_t>(y) * w;
    uint8_t* o = out + static_cast<size_t>(y) * w;
    for (int x = 0; x < w; x++) {
      if (in[x]) last[x] = y;
      if (y - last[x] <= r) o[x] = 1;
    }
  }
  for (int x = 0; x < w; x++) last[x] = h + r + 1;
  for (int y = h - 1; y >= 0; y--) {
    const uint8_t* in = rows + static_cast<size_t>(y) * w;
    uint8_t* o = out + static_cast<size_t>(y) * w;
    for (int x = 0; x < w; x++) {
      if (in[x]) last[x] = y;
      if (last[x] - y <= r) o[x] = 1;
    }
  }
  return out;
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

}  // namespace

void Enhance(const EnhanceInput& in, float* out) {
  const int w = in.width, h = in.height;
  const EnhanceTables& t = *in.tables;
  const size_t n = static_cast<size_t>(w) * h;
  const uint8_t* smoothMask = DilateSquare(in.mask, w, h, t.across.radius);
  // First the direction bin (pass 1's kernel), then, inside the mask, the (direction, period) kernel
  // of pass 2. Read only where set.
  int32_t* kernelOf = Scratch<int32_t, 0>(n);
  // The field is smooth, so the left neighbour's bin is usually this pixel's too; two side tests
  // confirm it, and a bin that passes them is the only one that can (see enhance-direction.ts), so
  // the shortcut gives exactly DirectionBin's answer.
  for (int y = 0; y < h; y++) {
    int previous = -1;
    for (int x = 0; x < w; x++) {
      const size_t i = static_cast<size_t>(y) * w + x;
      if (!smoothMask[i]) {
        previous = -1;
        continue;
      }
      const double c = in.cos2[i], s = in.sin2[i];
      const int below = previous <= 0 ? t.directions - 1 : previous - 1;
      if (previous < 0 || PastBoundary(c, s, previous, t) || !PastBoundary(c, s, below, t)) previous = DirectionBin(in.cos2[i], in.sin2[i], t);
      kernelOf[i] = previous;
    }
  }
  // Both passes read their source as doubles (the exact values the reference multiplies), so a run
  // of pixels loads its samples as contiguous vectors instead of converting them one by one; and
  // padded, so pixels near the edge take the same path as the others.
  const int stride = t.paddedWidth;
  double* padded = Scratch<double, 0>(static_cast<size_t>(stride) * (h + 2 * t.pad));
  float* smoothed = Scratch<float, 0>(n);  // pass 2 reads it only where pass 1 wrote it
  Pass(t.along, Padded(in.pixels, w, h, t.pad, padded), stride, w, h, smoothMask, kernelOf, false, smoothed);
  const double* smoothedPadded = Padded(smoothed, w, h, t.pad, padded);
  for (size_t i = 0; i < n; i++) if (in.mask[i]) kernelOf[i] = kernelOf[i] * t.periods + PeriodBin(in.period[i], t);
  for (size_t i = 0; i < n; i++) out[i] = 0.0f;
  Pass(t.across, smoothedPadded, stride, w, h, in.mask, kernelOf, true, out);
}

}  // namespace station
