/** Test-only writers that build small image files byte by byte, so decoders can be checked exactly. */
import { deflateSync } from 'node:zlib';

export function grayRamp(width: number, height: number): Uint8Array {
  // Enough contrast to pass the blank check, and every value distinct along a row.
  return Uint8Array.from({ length: width * height }, (_, i) => ((i % width) * 7 + Math.floor(i / width) * 3) & 0xff);
}

export function tiff(width: number, height: number, pixels: Uint8Array, opts: { bigEndian?: boolean; compression?: number; strips?: number; xResolution?: number; photometric?: number } = {}): Uint8Array {
  const le = !opts.bigEndian;
  const strips = opts.strips ?? 1;
  const rowsPerStrip = Math.ceil(height / strips);
  const entries: [number, number, number, number][] = []; // tag, type, count, value
  const header = 8;
  const dataStart = 1024;
  const stripOffsets: number[] = [];
  const stripCounts: number[] = [];
  for (let s = 0; s < strips; s++) {
    const rows = Math.min(rowsPerStrip, height - s * rowsPerStrip);
    stripOffsets.push(dataStart + s * rowsPerStrip * width);
    stripCounts.push(rows * width);
  }
  const extra = 600; // out-of-line arrays live here
  entries.push([256, 3, 1, width], [257, 3, 1, height], [258, 3, 1, 8], [259, 3, 1, opts.compression ?? 1], [262, 3, 1, opts.photometric ?? 1]);
  entries.push([273, 4, strips, strips === 1 ? stripOffsets[0] : extra], [277, 3, 1, 1], [278, 3, 1, rowsPerStrip]);
  entries.push([279, 4, strips, strips === 1 ? stripCounts[0] : extra + 4 * strips]);
  if (opts.xResolution) entries.push([282, 5, 1, extra + 8 * strips], [296, 3, 1, 2]);
  const out = new Uint8Array(dataStart + width * height);
  const dv = new DataView(out.buffer);
  out[0] = out[1] = le ? 0x49 : 0x4d;
  dv.setUint16(2, 42, le);
  dv.setUint32(4, header, le);
  dv.setUint16(header, entries.length, le);
  entries.forEach(([tag, type, count, value], k) => {
    const at = header + 2 + 12 * k;
    dv.setUint16(at, tag, le);
    dv.setUint16(at + 2, type, le);
    dv.setUint32(at + 4, count, le);
    if (type === 3 && count === 1) dv.setUint16(at + 8, value, le);
    else dv.setUint32(at + 8, value, le);
  });
  if (strips > 1) stripOffsets.forEach((o, s) => { dv.setUint32(extra + 4 * s, o, le); dv.setUint32(extra + 4 * strips + 4 * s, stripCounts[s], le); });
  if (opts.xResolution) { dv.setUint32(extra + 8 * strips, opts.xResolution, le); dv.setUint32(extra + 8 * strips + 4, 1, le); }
  out.set(pixels, dataStart);
  return out;
}

const CRC = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; t[n] = c >>> 0; }
  return t;
})();

function pngChunk(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + body.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, body.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(body, 8);
  let c = 0xffffffff;
  for (let i = 4; i < 8 + body.length; i++) c = CRC[(c ^ out[i]) & 0xff] ^ (c >>> 8);
  dv.setUint32(8 + body.length, (c ^ 0xffffffff) >>> 0);
  return out;
}

/** PNG with every row filtered by a different filter type (0..4 in turn) to exercise the unfilter. */
export function png(width: number, height: number, samples: Uint8Array, opts: { colorType?: number; channels?: number; palette?: Uint8Array; interlace?: number; dpi?: number } = {}): Uint8Array {
  const channels = opts.channels ?? 1;
  const stride = width * channels;
  const raw = new Uint8Array(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    const f = y % 5;
    raw[y * (stride + 1)] = f;
    for (let x = 0; x < stride; x++) {
      const cur = samples[y * stride + x];
      const a = x >= channels ? samples[y * stride + x - channels] : 0;
      const b = y > 0 ? samples[(y - 1) * stride + x] : 0;
      const c = y > 0 && x >= channels ? samples[(y - 1) * stride + x - channels] : 0;
      const p = a + b - c;
      const pred = [0, a, b, (a + b) >> 1, Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c][f];
      raw[y * (stride + 1) + 1 + x] = (cur - pred) & 0xff;
    }
  }
  const ihdr = new Uint8Array(13);
  const dv = new DataView(ihdr.buffer);
  dv.setUint32(0, width);
  dv.setUint32(4, height);
  ihdr[8] = 8;
  ihdr[9] = opts.colorType ?? 0;
  ihdr[12] = opts.interlace ?? 0;
  const parts = [Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr)];
  if (opts.palette) parts.push(pngChunk('PLTE', opts.palette));
  if (opts.dpi) {
    const phys = new Uint8Array(9);
    const ppm = Math.round(opts.dpi / 0.0254);
    new DataView(phys.buffer).setUint32(0, ppm);
    new DataView(phys.buffer).setUint32(4, ppm);
    phys[8] = 1;
    parts.push(pngChunk('pHYs', phys));
  }
  parts.push(pngChunk('IDAT', deflateSync(raw)), pngChunk('IEND', new Uint8Array(0)));
  return Uint8Array.from(Buffer.concat(parts));
}

/** BMP: 8-bit with a gray palette or 24-bit BGR; bottom-up unless topDown. */
export function bmp(width: number, height: number, gray: Uint8Array, opts: { bpp?: 8 | 24; topDown?: boolean; compression?: number } = {}): Uint8Array {
  const bpp = opts.bpp ?? 8;
  const bytesPP = bpp / 8;
  const stride = (width * bytesPP + 3) & ~3;
  const paletteSize = bpp === 8 ? 1024 : 0;
  const offset = 14 + 40 + paletteSize;
  const out = new Uint8Array(offset + stride * height);
  const dv = new DataView(out.buffer);
  out[0] = 0x42; out[1] = 0x4d;
  dv.setUint32(2, out.length, true);
  dv.setUint32(10, offset, true);
  dv.setUint32(14, 40, true);
  dv.setInt32(18, width, true);
  dv.setInt32(22, opts.topDown ? -height : height, true);
  dv.setUint16(26, 1, true);
  dv.setUint16(28, bpp, true);
  dv.setUint32(30, opts.compression ?? 0, true);
  dv.setInt32(38, 19685, true); // 500 dpi in pixels per metre
  if (bpp === 8) for (let i = 0; i < 256; i++) out.set([i, i, i, 0], 54 + 4 * i);
  for (let y = 0; y < height; y++) {
    const row = offset + (opts.topDown ? y : height - 1 - y) * stride;
    for (let x = 0; x < width; x++) {
      const v = gray[y * width + x];
      if (bpp === 8) out[row + x] = v;
      else out.set([v, v, v], row + 3 * x);
    }
  }
  return out;
}

export function pgm(width: number, height: number, gray: Uint8Array, plain = false): Uint8Array {
  const header = `${plain ? 'P2' : 'P5'}\n# made by a test\n${width} ${height}\n255\n`;
  if (plain) return Uint8Array.from(Buffer.from(header + Array.from(gray).join(' ') + '\n', 'latin1'));
  return Uint8Array.from(Buffer.concat([Buffer.from(header, 'latin1'), gray]));
}
