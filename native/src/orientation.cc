// Gradient structure-tensor orientation field; port of orientationFieldTs (orientation.ts).
#include <cmath>
#include "kernels.h"

namespace station {
namespace {

std::vector<double> Integral(const std::vector<double>& src, int w, int h) {
  std::vector<double> s(static_cast<size_t>(w + 1) * (h + 1), 0.0);
  for (int y = 0; y < h; y++) {
    double row = 0;
    for (int x = 0; x < w; x++) {
      row += src[static_cast<size_t>(y) * w + x];
      s[static_cast<size_t>(y + 1) * (w + 1) + x + 1] = s[static_cast<size_t>(y) * (w + 1) + x + 1] + row;
    }
  }
  return s;
}

inline double BoxSum(const std::vector<double>& s, int w, int h, int x, int y, int r) {
  const int x0 = x - r < 0 ? 0 : x - r;
  const int y0 = y - r < 0 ? 0 : y - r;
  const int x1 = x + r + 1 > w ? w : x + r + 1;
  const int y1 = y + r + 1 > h ? h : y + r + 1;
  const size_t W = static_cast<size_t>(w) + 1;
  return s[y1 * W + x1] - s[y0 * W + x1] - s[y1 * W + x0] + s[y0 * W + x0];
}

}  // namespace

OrientationResult OrientationField(const uint8_t* p, int w, int h, int r1, int r2) {
  const size_t n = static_cast<size_t>(w) * h;
  std::vector<double> gxx(n), gyy(n), gxy(n);
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
      const size_t i = static_cast<size_t>(y) * w + x;
      gxx[i] = static_cast<double>(gx * gx);
      gyy[i] = static_cast<double>(gy * gy);
      gxy[i] = static_cast<double>(gx * gy);
    }
  }
  const std::vector<double> sxx = Integral(gxx, w, h), syy = Integral(gyy, w, h), sxy = Integral(gxy, w, h);
  std::vector<double> vx(n, 0.0), vy(n, 0.0);
  for (int y = 0; y < h; y++) {
    for (int x = 0; x < w; x++) {
      const double a = BoxSum(sxx, w, h, x, y, r1);
      const double b = BoxSum(syy, w, h, x, y, r1);
      const double c = BoxSum(sxy, w, h, x, y, r1);
      const double energy = a + b;
      const size_t i = static_cast<size_t>(y) * w + x;
      if (energy > 0) {
        vx[i] = (b - a) / energy;
        vy[i] = (-2 * c) / energy;
      }
    }
  }
  const std::vector<double> ix = Integral(vx, w, h), iy = Integral(vy, w, h);
  OrientationResult out{std::vector<float>(n, 0.0f), std::vector<float>(n, 0.0f), std::vector<float>(n, 0.0f)};
  for (int y = 0; y < h; y++) {
    const int y0 = y - r2 < 0 ? 0 : y - r2;
    const int y1 = y + r2 + 1 > h ? h : y + r2 + 1;
    for (int x = 0; x < w; x++) {
      const int x0 = x - r2 < 0 ? 0 : x - r2;
      const int x1 = x + r2 + 1 > w ? w : x + r2 + 1;
      const double sx = BoxSum(ix, w, h, x, y, r2);
      const double sy = BoxSum(iy, w, h, x, y, r2);
      const double len = std::sqrt(sx * sx + sy * sy);
      const size_t i = static_cast<size_t>(y) * w + x;
      if (len > 0) {
        out.cos2[i] = static_cast<float>(sx / len);
        out.sin2[i] = static_cast<float>(sy / len);
      } else {
        out.cos2[i] = 1.0f;
      }
      out.coherence[i] = static_cast<float>(len / static_cast<double>((x1 - x0) * (y1 - y0)));
    }
  }
  return out;
}

}  // namespace station
