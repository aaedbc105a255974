// Gradient structure-tensor orientation field; port of orientationFieldTs (orientation.ts).
// The reference builds each product image and then its summed-area table; here each table is filled
// directly, in the same row-major order with the same additions, so the doubles come out identical
// (the gradient products are integers, exact in double) while about half the memory is never touched.
#include <cmath>
#include "simd.h"
#include "kernels.h"
#include "scratch.h"

namespace station {
namespace {

// Summed-area table with a zero first row and column, filled row by row by Rows() below.
class Integral {
 public:
  Integral(int w, int h, double* storage) : w_(w), h_(h), s_(storage) {
    for (int x = 0; x <= w; x++) s_[x] = 0;
    for (int y = 1; y <= h; y++) s_[static_cast<size_t>(y) * (w + 1)] = 0;
  }
  int Width() const { return w_; }
  // Where source row y's running sums go (row y + 1 of the table, from column 1); Out(-1) is the zero row.
  double* Out(int y) { return s_ + static_cast<size_t>(y + 1) * (w_ + 1) + 1; }
  // Row j of the table (j = 0..h; entry x + 1 is the sum over columns 0..x).
  const double* Line(int j) const { return s_ + static_cast<size_t>(j) * (w_ + 1); }
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

// Stage 2 at one pixel: the gradient tensor's doubled-angle vector scaled to its coherence.
inline void Stage2(const Integral& sxx, const Integral& syy, const Integral& sxy, int x, int y, int r1, double* vx, double* vy) {
  const double a = sxx.Box(x, y, r1);
  const double b = syy.Box(x, y, r1);
  const double c = sxy.Box(x, y, r1);
  const double energy = a + b;
  if (energy > 0) {
    const double inv = 1 / energy;
    vx[x] = (b - a) * inv;
    vy[x] = -2 * c * inv;
  } else {
    vx[x] = 0;
    vy[x] = 0;
  }
}

// Stage 3 at one pixel of row y (rows y0..y1-1 of the window): the smoothed vector, normalised.
inline void Stage3(const Integral& ix, const Integral& iy, int x, int y, int y0, int y1, int r2, float* cos2, float* sin2, float* coherence) {
  const int w = ix.Width();
  const int x0 = x - r2 < 0 ? 0 : x - r2;
  const int x1 = x + r2 + 1 > w ? w : x + r2 + 1;
  const double sx = ix.Box(x, y, r2);
  const double sy = iy.Box(x, y, r2);
  const double len = std::sqrt(sx * sx + sy * sy);
  if (len > 0) {
    const double inv = 1 / len;
    cos2[x] = static_cast<float>(sx * inv);
    sin2[x] = static_cast<float>(sy * inv);
  } else {
    cos2[x] = 1.0f;
    sin2[x] = 0.0f;
  }
  coherence[x] = static_cast<float>(len * (1 / static_cast<double>((x1 - x0) * (y1 - y0))));
}

#ifdef STATION_SSE2
// Box sums at (x, y) and (x + 1, y), both at least r from the left and right edges; rows y0..y1-1.
inline __m128d Box2(const Integral& t, int x, int y0, int y1, int r) {
  const double* top = t.Line(y0);
  const double* bottom = t.Line(y1);
  const int x0 = x - r, x1 = x + r + 1;
  // s[y1][x1] - s[y0][x1] - s[y1][x0] + s[y0][x0], left to right, as Integral::Box.
  return _mm_add_pd(_mm_sub_pd(_mm_sub_pd(_mm_loadu_pd(bottom + x1), _mm_loadu_pd(top + x1)), _mm_loadu_pd(bottom + x0)), _mm_loadu_pd(top + x0));
}
#endif

// Integral::Row for several tables at once: each running sum is its own dependency chain, so filling
// them in one loop overlaps their additions (each table still adds in the same order).
template <int N>
void Rows(Integral* const (&t)[N], int y, const double* const (&src)[N]) {
  double run[N] = {};
  double* out[N];
  const double* above[N];
  for (int k = 0; k < N; k++) {
    out[k] = t[k]->Out(y);
    above[k] = t[k]->Out(y - 1);
  }
  const int w = t[0]->Width();
  for (int x = 0; x < w; x++) {
    for (int k = 0; k < N; k++) {
      run[k] += src[k][x];
      out[k][x] = above[k][x] + run[k];
    }
  }
}

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
    Rows<3>({&sxx, &syy, &sxy}, y, {rxx.data(), ryy.data(), rxy.data()});
  }
  // Doubled-angle ridge vector: the gradient's doubled angle turned by 180°, scaled to its coherence.
  Integral ix(w, h, Scratch<double, 3>(tableSize)), iy(w, h, Scratch<double, 4>(tableSize));
  std::vector<double> vx(w), vy(w);
  for (int y = 0; y < h; y++) {
    int x = 0;
#ifdef STATION_SSE2
    // Interior pairs of pixels two at a time: the same IEEE operations lane by lane, so the same bits.
    const int y0 = y - r1 < 0 ? 0 : y - r1, y1 = y + r1 + 1 > h ? h : y + r1 + 1;
    const __m128d zero = _mm_setzero_pd(), one = _mm_set1_pd(1), minusTwo = _mm_set1_pd(-2);
    for (x = 0; x < r1 && x < w; x++) Stage2(sxx, syy, sxy, x, y, r1, vx.data(), vy.data());
    for (; x + 1 + r1 + 1 <= w; x += 2) {
      const __m128d a = Box2(sxx, x, y0, y1, r1), b = Box2(syy, x, y0, y1, r1), c = Box2(sxy, x, y0, y1, r1);
      const __m128d energy = _mm_add_pd(a, b);
      const __m128d positive = _mm_cmpgt_pd(energy, zero);
      const __m128d inv = _mm_div_pd(one, energy);
      _mm_storeu_pd(vx.data() + x, _mm_and_pd(positive, _mm_mul_pd(_mm_sub_pd(b, a), inv)));
      _mm_storeu_pd(vy.data() + x, _mm_and_pd(positive, _mm_mul_pd(_mm_mul_pd(minusTwo, c), inv)));
    }
#endif
    for (; x < w; x++) Stage2(sxx, syy, sxy, x, y, r1, vx.data(), vy.data());
    Rows<2>({&ix, &iy}, y, {vx.data(), vy.data()});
  }
  for (int y = 0; y < h; y++) {
    const int y0 = y - r2 < 0 ? 0 : y - r2;
    const int y1 = y + r2 + 1 > h ? h : y + r2 + 1;
    float* c2 = cos2 + static_cast<size_t>(y) * w;
    float* s2 = sin2 + static_cast<size_t>(y) * w;
    float* co = coherence + static_cast<size_t>(y) * w;
    int x = 0;
#ifdef STATION_SSE2
    const __m128d zero = _mm_setzero_pd(), one = _mm_set1_pd(1);
    const __m128d perArea = _mm_set1_pd(1 / static_cast<double>((2 * r2 + 1) * (y1 - y0)));
    for (x = 0; x < r2 && x < w; x++) Stage3(ix, iy, x, y, y0, y1, r2, c2, s2, co);
    for (; x + 1 + r2 + 1 <= w; x += 2) {
      const __m128d sx = Box2(ix, x, y0, y1, r2), sy = Box2(iy, x, y0, y1, r2);
      const __m128d len = _mm_sqrt_pd(_mm_add_pd(_mm_mul_pd(sx, sx), _mm_mul_pd(sy, sy)));
      const __m128d positive = _mm_cmpgt_pd(len, zero);
      const __m128d inv = _mm_div_pd(one, len);
      const __m128d c = _mm_or_pd(_mm_and_pd(positive, _mm_mul_pd(sx, inv)), _mm_andnot_pd(positive, one));
      const __m128d sn = _mm_and_pd(positive, _mm_mul_pd(sy, inv));
      _mm_storel_pi(reinterpret_cast<__m64*>(c2 + x), _mm_cvtpd_ps(c));
      _mm_storel_pi(reinterpret_cast<__m64*>(s2 + x), _mm_cvtpd_ps(sn));
      _mm_storel_pi(reinterpret_cast<__m64*>(co + x), _mm_cvtpd_ps(_mm_mul_pd(len, perArea)));
    }
#endif
    for (; x < w; x++) Stage3(ix, iy, x, y, y0, y1, r2, c2, s2, co);
  }
}

}  // namespace station
