/**
 * Orientation field, TypeScript reference (the native addon runs the same arithmetic).
 * Gradient structure tensor: Sobel gradients, their products summed over a box window, the ridge
 * direction perpendicular to the dominant gradient; then the doubled-angle vectors, weighted by their
 * coherence, are box-smoothed again so scars and creases do not bend the field.
 */
import type { OrientationField } from './planes';

export interface OrientationKernelInput {
  pixels: Uint8Array;
  width: number;
  height: number;
  /** Box radius for the gradient products, px. */
  gradientRadius: number;
  /** Box radius for smoothing the doubled-angle vectors, px. */
  smoothingRadius: number;
}

/** Summed-area table with one extra row and column of zeros (double precision: the sums get large). */
export function integral(src: ArrayLike<number>, w: number, h: number): Float64Array {
  const s = new Float64Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      row += src[y * w + x];
      s[(y + 1) * (w + 1) + x + 1] = s[y * (w + 1) + x + 1] + row;
    }
  }
  return s;
}

/** Sum of the box of radius r around (x, y), clipped to the image. */
export function boxSum(s: Float64Array, w: number, h: number, x: number, y: number, r: number): number {
  const x0 = x - r < 0 ? 0 : x - r;
  const y0 = y - r < 0 ? 0 : y - r;
  const x1 = x + r + 1 > w ? w : x + r + 1;
  const y1 = y + r + 1 > h ? h : y + r + 1;
  const W = w + 1;
  return s[y1 * W + x1] - s[y0 * W + x1] - s[y1 * W + x0] + s[y0 * W + x0];
}

export function orientationFieldTs(input: OrientationKernelInput): OrientationField {
  const { pixels: p, width: w, height: h, gradientRadius: r1, smoothingRadius: r2 } = input;
  const n = w * h;
  const gxx = new Float64Array(n);
  const gyy = new Float64Array(n);
  const gxy = new Float64Array(n);
  for (let y = 0; y < h; y++) {
    const ym = y > 0 ? y - 1 : 0;
    const yp = y < h - 1 ? y + 1 : h - 1;
    for (let x = 0; x < w; x++) {
      const xm = x > 0 ? x - 1 : 0;
      const xp = x < w - 1 ? x + 1 : w - 1;
      const a = p[ym * w + xm], b = p[ym * w + x], c = p[ym * w + xp];
      const d = p[y * w + xm], f = p[y * w + xp];
      const g = p[yp * w + xm], k = p[yp * w + x], l = p[yp * w + xp];
      const gx = c + 2 * f + l - (a + 2 * d + g);
      const gy = g + 2 * k + l - (a + 2 * b + c);
      const i = y * w + x;
      gxx[i] = gx * gx;
      gyy[i] = gy * gy;
      gxy[i] = gx * gy;
    }
  }
  const sxx = integral(gxx, w, h);
  const syy = integral(gyy, w, h);
  const sxy = integral(gxy, w, h);
  // Doubled-angle ridge vector: the gradient's doubled angle turned by 180°, scaled to its coherence.
  const vx = new Float64Array(n);
  const vy = new Float64Array(n);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const a = boxSum(sxx, w, h, x, y, r1);
      const b = boxSum(syy, w, h, x, y, r1);
      const c = boxSum(sxy, w, h, x, y, r1);
      const energy = a + b;
      const i = y * w + x;
      if (energy > 0) {
        const inv = 1 / energy; // one division, two products (the addon's long-latency operations are divisions)
        vx[i] = (b - a) * inv;
        vy[i] = -2 * c * inv;
      }
    }
  }
  const ix = integral(vx, w, h);
  const iy = integral(vy, w, h);
  const cos2 = new Float32Array(n);
  const sin2 = new Float32Array(n);
  const coherence = new Float32Array(n);
  for (let y = 0; y < h; y++) {
    const y0 = y - r2 < 0 ? 0 : y - r2;
    const y1 = y + r2 + 1 > h ? h : y + r2 + 1;
    for (let x = 0; x < w; x++) {
      const x0 = x - r2 < 0 ? 0 : x - r2;
      const x1 = x + r2 + 1 > w ? w : x + r2 + 1;
      const sx = boxSum(ix, w, h, x, y, r2);
      const sy = boxSum(iy, w, h, x, y, r2);
      const len = Math.sqrt(sx * sx + sy * sy);
      const i = y * w + x;
      if (len > 0) {
        const inv = 1 / len;
        cos2[i] = sx * inv;
        sin2[i] = sy * inv;
      } else {
        cos2[i] = 1;
      }
      coherence[i] = len * (1 / ((x1 - x0) * (y1 - y0)));
    }
  }
  return { width: w, height: h, cos2, sin2, coherence };
}
