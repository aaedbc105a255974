// Gradient structure-tensor orientation field; port of orientationFieldTs (orientation.ts).
// The reference builds each product image and then its summed-area table; here each table is filled
// directly, in the same row-major order with the same additions, so the doubles come out identical
// (the gradient products are integers, exact in double) while about half the memory is never touched.
#include <cmath>
#include "kernels.h"
#include "scratch.h"

namespace station {
namespace {

// Summed-area table with a zero first row and column, filled row by row by `row(y, out)` which
// writes the source row y into `out`.
class Integral {
 public:
  Integral(int w, int h, double* storage) : w_(w), h_(h), s_(storage) {
    for (int x = 0; x <= w; x++) s_[x] = 0;
    for (int y = 1; y <= h; y++) s_[static_cast<size_t>(y) * (w + 1)] = 0;
  }
  // Append source row y (values in `src`, length w).
  void Row(int y, const double* src) {
    double row = 0;
    const size_t W = static_cast<size_t>(w_) + 1;
    double* out = s_ + (y + 1) * W + 1;
    const double* above = s_ + y * W + 1;
    for (int x = 0; x < w_; x++) {
      row += src[x];
      out[x] = above[x] + row;
    }
  }
  double Box(int x, int y, int r) const {
    const int x0 = x - r < 0 ? 0 : x - r;
    const int y0 = y - r < 0 ? 0 : y - r;
    const int x1 = x + r + 1 > w_ ? w_ : x + r + 1;
    const int y1 = y + r + 1 > h_ ? h_ : y + r + 1;
    const size_t W = static_cast<size_t>(w_) + 1;
    const double* s = s_;
    return s[y1 * W + x1] - s[y0 * W + x1] - s[y1 * W + x0] + s[y0 * W + x0];
  }

 private:
  int w_, h_;
  double* s_;
};

}  // namespace

void OrientationField(const uint8_t* p, int w, int h, int r1, int r2, float* cos2, float* sin2, float* coherence) {
  const size_t tableSize = static_cast<size_t>(w + 1) * (h + 1);
  Integral sxx(w, h, Scratch<double, 0>(tableSize)), syy(w, h, Scratch<double, 1>(tableSize)), sxy(w, h, Scratch<double, 2>(tableSize));
  std::vector<double> rxx(w), ryy(w), rxy(w);
  for (int y = 0; y < h; y++) {
    const int ym = y > 0 ? y - 1 : 0;
    const int yp = y < h - 1 ? y + 1 : h - 1;
    for (int x = 0; x < w; x++) {
      const int xm = x > 0 ? x - 1 : 0;
      const int xp = x < w - 1 ? x + 1 : w - 1;
      const int a = p[ym * w + xm], b = p[ym * w + x], c = p[ym * w + xp];
      const int d = p[y * w + xm], f = p[y * w + xp];
      const int g = p[yp * w + xm], k = p[yp * w + x], l = p[yp * w + xp];
      const int gx = c + 2 * f + l - (a + 2 * d + g);
      const int gy = g + 2 * k + l - (a + 2 * b + c);
      rxx[x] = static_cast<double>(gx * gx);
      ryy[x] = static_cast<double>(gy * gy);
      rxy[x] = static_cast<double>(gx * gy);
    }
    sxx.Row(y, rxx.data());
    syy.Row(y, ryy.data());
    sxy.Row(y, rxy.data());
  }
  // Doubled-angle ridge vector: the gradient's doubled angle turned by 180°, scaled to its coherence.
  Integral ix(w, h, Scratch<double, 3>(tableSize)), iy(w, h, Scratch<double, 4>(tableSize));
  std::vector<double> vx(w), vy(w);
  for (int y = 0; y < h; y++) {
    for (int x = 0; x < w; x++) {
      const double a = sxx.Box(x, y, r1);
      const double b = syy.Box(x, y, r1);
      const double c = sxy.Box(x, y, r1);
      const double energy = a + b;
      if (energy > 0) {
        vx[x] = (b - a) / energy;
        vy[x] = (-2 * c) / energy;
      } else {
        vx[x] = 0;
        vy[x] = 0;
      }
    }
    ix.Row(y, vx.data());
    iy.Row(y, vy.data());
  }
  for (int y = 0; y < h; y++) {
    const int y0 = y - r2 < 0 ? 0 : y - r2;
    const int y1 = y + r2 + 1 > h ? h : y + r2 + 1;
    for (int x = 0; x < w; x++) {
      const int x0 = x - r2 < 0 ? 0 : x - r2;
      const int x1 = x + r2 + 1 > w ? w : x + r2 + 1;
      const double sx = ix.Box(x, y, r2);
      const double sy = iy.Box(x, y, r2);
      const double len = std::sqrt(sx * sx + sy * sy);
      const size_t i = static_cast<size_t>(y) * w + x;
      if (len > 0) {
        cos2[i] = static_cast<float>(sx / len);
        sin2[i] = static_cast<float>(sy / len);
      } else {
        cos2[i] = 1.0f;
        sin2[i] = 0.0f;
      }
      coherence[i] = static_cast<float>(len / static_cast<double>((x1 - x0) * (y1 - y0)));
    }
  }
}

}  // namespace station
