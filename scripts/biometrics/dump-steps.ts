/**
 * Write every extraction step of one image as a PNG for looking at:
 *   npx tsx scripts/biometrics/dump-steps.ts IMAGE [--dpi N] [--engine typescript|native] [-o DIR]
 * Files: 00-image.png, 01-orientation.png (ridge lines drawn per block), 02-coherence.png, 03-mask.png,
 * 04-period.png, 05-enhanced.png, 06-binary.png, 07-skeleton.png, 08-repaired.png, 09-candidates.png,
 * 10-minutiae.png (red = ending, blue = bifurcation, line = direction).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { extractFeatures } from '../../electron/biometrics/extract';
import { loadImageFile } from '../../electron/biometrics/image/load-file';
import type { TransparencyEvent } from '../../electron/biometrics/transparency';
import { encodePng } from './png-writer';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { dpi: { type: 'string' }, engine: { type: 'string', default: 'native' }, out: { type: 'string', short: 'o', default: 'steps' } },
});
if (positionals.length !== 1) {
  console.error('usage: dump-steps.ts IMAGE [--dpi N] [--engine typescript|native] [-o DIR]');
  process.exit(2);
}
const image = loadImageFile(positionals[0], values.dpi ? { dpi: Number(values.dpi) } : {});
const dir = values.out!;
mkdirSync(dir, { recursive: true });
const { width: w, height: h } = image;
const gray = (name: string, px: Uint8Array) => writeFileSync(join(dir, `${name}.png`), encodePng(w, h, 1, px));
const rgb = (name: string, px: Uint8Array) => writeFileSync(join(dir, `${name}.png`), encodePng(w, h, 3, px));
const map = (n: number, f: (i: number) => number) => Uint8Array.from({ length: n }, (_, i) => Math.max(0, Math.min(255, Math.round(f(i)))));
const faint = () => {
  const out = new Uint8Array(w * h * 3);
  for (let i = 0; i < w * h; i++) out[3 * i] = out[3 * i + 1] = out[3 * i + 2] = 160 + (image.pixels[i] * 95) / 255;
  return out;
};
const plot = (px: Uint8Array, x: number, y: number, c: [number, number, number]) => {
  x = Math.round(x); y = Math.round(y);
  if (x < 0 || y < 0 || x >= w || y >= h) return;
  px.set(c, 3 * (y * w + x));
};
const line = (px: Uint8Array, x: number, y: number, dx: number, dy: number, len: number, c: [number, number, number]) => {
  for (let t = 0; t <= len; t += 0.5) plot(px, x + t * dx, y + t * dy, c);
};
const marks = (name: string, items: readonly { x: number; y: number; dx: number; dy: number; ending: boolean }[]) => {
  const px = faint();
  for (const m of items) {
    const c: [number, number, number] = m.ending ? [220, 0, 0] : [0, 60, 230];
    for (let a = 0; a < 16; a++) plot(px, m.x + 3 * Math.cos(a * Math.PI / 8), m.y + 3 * Math.sin(a * Math.PI / 8), c);
    line(px, m.x, m.y, m.dx, m.dy, 12, c);
  }
  rgb(name, px);
};

extractFeatures(image, {
  engine: values.engine as 'native' | 'typescript',
  transparency: (e: TransparencyEvent) => {
    switch (e.step) {
      case 'image': gray('00-image', e.data.pixels); break;
      case 'normalized': gray('00-normalized', e.data.pixels); break;
      case 'orientation': {
        const px = faint();
        for (let y = 6; y < h; y += 12) for (let x = 6; x < w; x += 12) {
          const i = y * w + x;
          const a = Math.atan2(e.data.sin2[i], e.data.cos2[i]) / 2;
          line(px, x - 5 * Math.cos(a), y - 5 * Math.sin(a), Math.cos(a), Math.sin(a), 10, [0, 120, 0]);
        }
        rgb('01-orientation', px);
        gray('02-coherence', map(w * h, (i) => e.data.coherence[i] * 255));
        break;
      }
      case 'segmentation': gray('03-mask', map(w * h, (i) => (e.data.mask.data[i] ? image.pixels[i] : 40))); break;
      case 'ridgePeriod': gray('04-period', map(w * h, (i) => e.data.data[i] * 12)); break;
      case 'enhanced': {
        let m = 0;
        for (const v of e.data.data) m = Math.max(m, Math.abs(v));
        gray('05-enhanced', map(w * h, (i) => 128 - (127 * e.data.data[i]) / (m || 1)));
        break;
      }
      case 'binary': gray('06-binary', map(w * h, (i) => (e.data.data[i] ? 0 : 255))); break;
      case 'skeleton': gray('07-skeleton', map(w * h, (i) => (e.data.data[i] ? 0 : 200 + image.pixels[i] / 5))); break;
      case 'repairedSkeleton': gray('08-repaired', map(w * h, (i) => (e.data.data[i] ? 0 : 200 + image.pixels[i] / 5))); break;
      case 'candidates':
        marks('09-candidates', e.data.map((c) => ({ x: c.x, y: c.y, dx: Math.cos(c.direction), dy: Math.sin(c.direction), ending: c.type === 'ending' })));
        break;
      case 'minutiae':
        marks('10-minutiae', e.data.map((m) => ({ x: m.x, y: m.y, dx: Math.cos(m.angle), dy: -Math.sin(m.angle), ending: m.type === 'ending' })));
        break;
      case 'features':
        console.log(`${e.data.minutiae.length} minutiae, image quality ${e.data.quality}; steps written to ${dir}/`);
        break;
    }
  },
});
