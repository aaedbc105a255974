// X-signatures for the ridge period; port of signaturesTs (frequency-kernel.ts).
#include <cmath>
#include "kernels.h"

namespace station {
namespace {

// Math.round (nearest integer, halves towards +infinity) for |q| < 2^31, without a floor() call.
// Larger values only need to stay beyond the image edge; NaN comes out as 0.
inline double JsRound(double q) {
  if (!(q > -2147483648.0 && q < 2147483647.0)) return q == q ? q : 0;
  const double t = static_cast<double>(static_cast<int>(q));  // towards zero
  const double r = t > q ? t - 1 : t;  // floor
  return q - r >= 0.5 ? r + 1 : r;
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
        const double xr = JsRound(cx + vtx[i] - uty[k]);
        const double yr = JsRound(cy + vty[i] + utx[k]);
        const int x = !(xr >= 0) ? 0 : xr >= w ? w - 1 : static_cast<int>(xr);  // !(>=) also maps NaN inside
        const int y = !(yr >= 0) ? 0 : yr >= h ? h - 1 : static_cast<int>(yr);
        s += in.pixels[static_cast<size_t>(y) * w + x];
      }
      out[static_cast<size_t>(j) * L + k] = static_cast<float>(static_cast<double>(s) / W);
    }
  }
}

}  // namespace station
