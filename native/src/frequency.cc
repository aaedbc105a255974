// X-signatures for the ridge period; port of signaturesTs (frequency-kernel.ts).
#include <cmath>
#include "kernels.h"

namespace station {
namespace {

// Math.round (nearest integer, halves towards +infinity) clamped to [0, max], as the reference's
// sample position. Written without data-dependent branches: half the samples round each way, so a
// branch would be mispredicted about every other time. Out-of-range values and NaN are clamped.
inline int RoundClamp(double q, int max) {
  if (!(q > -1e9 && q < 1e9)) return q > 0 ? max : 0;
  int t = static_cast<int>(q);                // towards zero
  t -= static_cast<double>(t) > q;            // floor
  t += q - static_cast<double>(t) >= 0.5;     // round half up
  t = t < 0 ? 0 : t;
  return t > max ? max : t;
}

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
      for (int i = 0; i < W; i++) {
        const int x = RoundClamp(cx + vtx[i] - uty[k], w - 1);
        const int y = RoundClamp(cy + vty[i] + utx[k], h - 1);
        s += in.pixels[static_cast<size_t>(y) * w + x];
      }
      out[static_cast<size_t>(j) * L + k] = static_cast<float>(static_cast<double>(s) / W);
    }
  }
}

}  // namespace station
