import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidInputError, StationError } from '../../../electron/common/errors';
import { decodeImage } from '../../../electron/biometrics/image/decode';
import { ImageErrorCode } from '../../../electron/biometrics/image/errors';
import { loadImageFile } from '../../../electron/biometrics/image/load-file';
import { bmp, grayRamp, pgm, png, tiff } from './image-writers';
import { DB1, DB2, imagePath } from './fixtures';

const W = 130, H = 120;
const gray = grayRamp(W, H);

function refusal(fn: () => unknown): InvalidInputError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidInputError);
    return e as InvalidInputError;
  }
  throw new Error('expected the image to be refused');
}

describe('decodeImage: formats', () => {
  it.each([
    ['TIFF little-endian', tiff(W, H, gray)],
    ['TIFF big-endian, 3 strips', tiff(W, H, gray, { bigEndian: true, strips: 3 })],
    ['PNG gray, all five row filters', png(W, H, gray)],
    ['BMP 8-bit palette, bottom-up', bmp(W, H, gray)],
    ['BMP 8-bit palette, top-down', bmp(W, H, gray, { topDown: true })],
    ['BMP 24-bit', bmp(W, H, gray, { bpp: 24 })],
    ['PGM binary (P5)', pgm(W, H, gray)],
    ['PGM plain (P2)', pgm(W, H, gray, true)],
  ])('%s decodes to the exact pixels', (_name, bytes) => {
    const img = decodeImage(bytes);
    expect([img.width, img.height]).toEqual([W, H]);
    expect(Buffer.from(img.pixels).equals(Buffer.from(gray))).toBe(true);
  });

  it('PNG RGB and palette images become luma gray', () => {
    const rgb = new Uint8Array(W * H * 3);
    for (let i = 0; i < W * H; i++) rgb.set([gray[i], gray[i], gray[i]], 3 * i);
    expect(Buffer.from(decodeImage(png(W, H, rgb, { colorType: 2, channels: 3 })).pixels).equals(Buffer.from(gray))).toBe(true);
    const palette = new Uint8Array(768);
    for (let i = 0; i < 256; i++) palette.set([i, i, i], 3 * i);
    expect(Buffer.from(decodeImage(png(W, H, gray, { colorType: 3, palette })).pixels).equals(Buffer.from(gray))).toBe(true);
    // Pure red has luma 76 (BT.601 weights).
    const red = new Uint8Array(W * H * 3);
    for (let i = 0; i < W * H; i++) red.set([i % 2 ? 255 : 0, 0, 0], 3 * i);
    expect(decodeImage(png(W, H, red, { colorType: 2, channels: 3 })).pixels[1]).toBe(76);
  });

  it('WhiteIsZero TIFF is inverted so that 0 is black', () => {
    const img = decodeImage(tiff(W, H, gray, { photometric: 0 }));
    expect(img.pixels[5]).toBe(255 - gray[5]);
  });

  it('resolution: explicit dpi wins, then the file, then 500', () => {
    expect(decodeImage(tiff(W, H, gray)).dpi).toBe(500);
    expect(decodeImage(tiff(W, H, gray, { xResolution: 600 })).dpi).toBe(600);
    expect(decodeImage(png(W, H, gray, { dpi: 600 })).dpi).toBe(600);
    expect(decodeImage(tiff(W, H, gray, { xResolution: 600 }), { dpi: 569 }).dpi).toBe(569);
    expect(decodeImage(bmp(W, H, gray)).dpi).toBe(500);
  });

  it('reads the real FVC2002 TIFFs (DB1 388×374, DB2 296×560 at 569 dpi)', () => {
    const a = loadImageFile(imagePath(DB1, '101_1'));
    expect([a.width, a.height, a.dpi]).toEqual([388, 374, 500]);
    const b = loadImageFile(imagePath(DB2, '101_1'), { dpi: DB2.dpi });
    expect([b.width, b.height, b.dpi]).toEqual([296, 560, 569]);
    // Ridges are dark on a light background: the median is light, the darkest pixels are near black.
    const sorted = Uint8Array.from(a.pixels).sort();
    expect(sorted[sorted.length >> 1]).toBeGreaterThan(150);
    expect(sorted[Math.floor(sorted.length * 0.02)]).toBeLessThan(80);
  });
});

describe('decodeImage: refusals say which problem', () => {
  it('unknown format', () => {
    expect(refusal(() => decodeImage(Uint8Array.from(Buffer.from('GIF89a.......')))).code).toBe(ImageErrorCode.unsupported);
  });

  it.each([
    ['TIFF', tiff(W, H, gray)],
    ['PNG', png(W, H, gray)],
    ['BMP', bmp(W, H, gray)],
    ['PGM', pgm(W, H, gray)],
  ])('truncated %s is corrupt', (_f, bytes) => {
    for (const keep of [0.9, 0.5, 0.05]) {
      const e = refusal(() => decodeImage(bytes.subarray(0, Math.floor(bytes.length * keep))));
      expect(e.code).toBe(ImageErrorCode.corrupt);
      expect(e.message).toMatch(/corrupt/);
    }
  });

  it('PNG with a flipped bit fails its checksum', () => {
    const bytes = png(W, H, gray);
    bytes[40] ^= 0x10;
    const e = refusal(() => decodeImage(bytes));
    expect(e.code).toBe(ImageErrorCode.corrupt);
    expect(e.message).toMatch(/checksum/);
  });

  it('random garbage after a valid magic never crashes, it is refused', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
    for (const magic of [[0x49, 0x49, 42, 0], [0x4d, 0x4d, 0, 42], [0x42, 0x4d], [0x50, 0x35], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]]) {
      for (let k = 0; k < 20; k++) {
        const bytes = Uint8Array.from({ length: 300 }, rnd);
        bytes.set(magic);
        expect(() => decodeImage(bytes)).toThrow(InvalidInputError);
      }
    }
  });

  it('compressed TIFF, interlaced PNG, RLE BMP are unsupported', () => {
    expect(refusal(() => decodeImage(tiff(W, H, gray, { compression: 5 }))).code).toBe(ImageErrorCode.unsupported);
    expect(refusal(() => decodeImage(png(W, H, gray, { interlace: 1 }))).code).toBe(ImageErrorCode.unsupported);
    expect(refusal(() => decodeImage(bmp(W, H, gray, { compression: 1 }))).code).toBe(ImageErrorCode.unsupported);
  });

  it('too small for its resolution', () => {
    const e = refusal(() => decodeImage(pgm(60, 60, grayRamp(60, 60))));
    expect(e.code).toBe(ImageErrorCode.tooSmall);
    expect(e.details).toMatchObject({ width: 60, height: 60, dpi: 500, minSide: 100 });
    // 100×100 is enough at 500 dpi but not at 1000 dpi.
    expect(decodeImage(pgm(100, 100, grayRamp(100, 100))).width).toBe(100);
    expect(refusal(() => decodeImage(pgm(100, 100, grayRamp(100, 100)), { dpi: 1000 })).code).toBe(ImageErrorCode.tooSmall);
  });

  it('a header claiming a huge image is refused before allocating', () => {
    const bytes = pgm(W, H, gray);
    const huge = Uint8Array.from(Buffer.from('P5\n90000 90000\n255\n' + 'x'.repeat(100), 'latin1'));
    expect(refusal(() => decodeImage(huge)).code).toBe(ImageErrorCode.tooLarge);
    expect(bytes.length).toBeGreaterThan(0);
  });

  it('blank (uniform or nearly uniform) images', () => {
    const flat = new Uint8Array(W * H).fill(200);
    expect(refusal(() => decodeImage(pgm(W, H, flat))).code).toBe(ImageErrorCode.blank);
    const noise = Uint8Array.from({ length: W * H }, (_, i) => 200 + (i % 5));
    const e = refusal(() => decodeImage(png(W, H, noise)));
    expect(e.code).toBe(ImageErrorCode.blank);
    expect(e.message).toMatch(/blank/);
  });

  it('implausible dpi', () => {
    expect(refusal(() => decodeImage(pgm(W, H, gray), { dpi: 72 })).code).toBe(ImageErrorCode.unsupported);
    expect(refusal(() => decodeImage(pgm(W, H, gray), { dpi: Number.NaN })).code).toBe(ImageErrorCode.unsupported);
  });

  it('loadImageFile: a missing file is a StationError naming the path', () => {
    expect(() => loadImageFile('/nonexistent/finger.tif')).toThrow(StationError);
    try { loadImageFile('/nonexistent/finger.tif'); } catch (e) { expect((e as StationError).code).toBe('IMAGE_FILE_UNREADABLE'); }
    expect(readFileSync(imagePath(DB1, '101_1')).length).toBeGreaterThan(388 * 374);
  });
});
