// X-signatures for the ridge period; port of signaturesTs (frequency-kernel.ts).
#include <cmath>
#include "round.h"
#include "simd.h"
#include "kernels.h"

namespace station {
namespace {

#ifdef STATION_SSE2
// RoundClamp on two doubles at once, the results in the two low 32-bit lanes. Clamping q to
// [-1e9, 1e9] first gives the scalar version's answer for NaN (maxpd returns its second operand:
// -1e9, so 0) and for out-of-range values (0 or max), and keeps the truncation in int32 range.
inline __m128i RoundClamp2(__m128d q, __m128i max) {
  q = _mm_min_pd(_mm_max_pd(q, _mm_set1_pd(-1e9)), _mm_set1_pd(1e9));
  __m128i t = _mm_cvttpd_epi32(q);  // towards zero
  // Comparison masks are 64-bit lanes; their low halves line up with t's lanes 0 and 1.
  const auto low = [](__m128d m) { return _mm_shuffle_epi32(_mm_castpd_si128(m), _MM_SHUFFLE(2, 0, 2, 0)); };
  t = _mm_add_epi32(t, low(_mm_cmpgt_pd(_mm_cvtepi32_pd(t), q)));  // floor: minus one where truncation rounded up
  t = _mm_sub_epi32(t, low(_mm_cmpge_pd(_mm_sub_pd(q, _mm_cvtepi32_pd(t)), _mm_set1_pd(0.5))));  // round half up
  t = _mm_and_si128(t, _mm_cmpgt_epi32(t, _mm_setzero_si128()));  // below 0: 0
  const __m128i over = _mm_cmpgt_epi32(t, max);
  return _mm_or_si128(_mm_and_si128(over, max), _mm_andnot_si128(over, t));
}
#endif

}  // namespace

void Signatures(const SignatureInput& in, float* out) {
  const int w = in.width, h = in.height, L = in.length, W = in.breadth;
  // The products are the reference's own (v·tx, v·ty per step along, u·ty, u·tx per step across);
  // computing them once per block changes no value. The sum of gray levels is an integer, exact
  // in the reference's double too.
  std::vector<double> vtx(W), vty(W), uty(L), utx(L);
  for (int j = 0; j < in.blocks; j++) {
    const double cx = in.cx[j], cy = in.cy[j], tx = in.tx[j], ty = in.ty[j];
    for (int i = 0; i < W; i++) {
      const double v = i - W / 2.0;
      vtx[i] = v * tx;
      vty[i] = v * ty;
    }
    for (int k = 0; k < L; k++) {
      const double u = k - L / 2.0;
      uty[k] = u * ty;
      utx[k] = u * tx;
    }
    for (int k = 0; k < L; k++) {
      int64_t s = 0;
      int i = 0;
#ifdef STATION_SSE2
      // Two samples at a time: the same doubles as the scalar loop, rounded the same way.
      const __m128d along = _mm_set1_pd(uty[k]), across = _mm_set1_pd(utx[k]);
      const __m128d x0 = _mm_set1_pd(cx), y0 = _mm_set1_pd(cy);
      const __m128i maxX = _mm_set1_epi32(w - 1), maxY = _mm_set1_epi32(h - 1);
      for (; i + 1 < W; i += 2) {
        const __m128i x = RoundClamp2(_mm_sub_pd(_mm_add_pd(x0, _mm_loadu_pd(&vtx[i])), along), maxX);
        const __m128i y = RoundClamp2(_mm_add_pd(_mm_add_pd(y0, _mm_loadu_pd(&vty[i])), across), maxY);
        const int xa = _mm_cvtsi128_si32(x), xb = _mm_cvtsi128_si32(_mm_shuffle_epi32(x, 1));
        const int ya = _mm_cvtsi128_si32(y), yb = _mm_cvtsi128_si32(_mm_shuffle_epi32(y, 1));
        s += in.pixels[static_cast<size_t>(ya) * w + xa];
        s += in.pixels[static_cast<size_t>(yb) * w + xb];
      }
#endif
      for (; i < W; i++) {
        const int x = RoundClamp(cx + vtx[i] - uty[k], w - 1);
        const int y = RoundClamp(cy + vty[i] + utx[k], h - 1);
        s += in.pixels[static_cast<size_t>(y) * w + x];
      }
      out[static_cast<size_t>(j) * L + k] = static_cast<float>(static_cast<double>(s) / W);
    }
  }
}

}  // namespace station
