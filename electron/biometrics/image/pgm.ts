/** Netpbm PGM reader: binary (P5) and plain (P2), maxval up to 65535 (scaled to 8 bits). */
import type { DecodedRaster } from './raster';
import { checkDeclaredSize } from './limits';
import { corruptImage } from './errors';

const FORMAT = 'PGM';
const MAX_MAXVAL = 65535;

export function isPgm(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x50 /* P */ && (bytes[1] === 0x35 /* 5 */ || bytes[1] === 0x32 /* 2 */);
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0b || c === 0x0c;

/** Reads whitespace-separated decimal tokens, skipping `#` comments, as the Netpbm spec defines. */
class Tokens {
  pos = 2;
  constructor(private readonly bytes: Uint8Array) {}
  next(what: string): number {
    const b = this.bytes;
    for (;;) {
      while (this.pos < b.length && isSpace(b[this.pos])) this.pos++;
      if (b[this.pos] !== 0x23 /* # */) break;
      while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
    }
    const start = this.pos;
    let v = 0;
    while (this.pos < b.length && b[this.pos] >= 0x30 && b[this.pos] <= 0x39) v = v * 10 + (b[this.pos++] - 0x30);
    if (this.pos === start) throw corruptImage(FORMAT, `expected a number for ${what}`, { offset: start });
    return v;
  }
}

export function decodePgm(bytes: Uint8Array): DecodedRaster {
  const binary = bytes[1] === 0x35;
  const t = new Tokens(bytes);
  const width = t.next('width');
  const height = t.next('height');
  const maxval = t.next('maxval');
  if (width === 0 || height === 0) throw corruptImage(FORMAT, 'zero width or height');
  checkDeclaredSize(FORMAT, width, height);
  if (maxval === 0 || maxval > MAX_MAXVAL) throw corruptImage(FORMAT, `maxval ${maxval} is outside 1..65535`);
  const n = width * height;
  const pixels = new Uint8Array(n);
  const scale = (v: number) => Math.round((Math.min(v, maxval) * 255) / maxval);
  if (binary) {
    const start = t.pos + 1; // exactly one whitespace byte separates the header from the raster
    const wide = maxval > 255;
    const need = n * (wide ? 2 : 1);
    if (start + need > bytes.length) throw corruptImage(FORMAT, `pixel data is truncated (${bytes.length - start} of ${need} bytes)`);
    for (let i = 0; i < n; i++) {
      const v = wide ? (bytes[start + 2 * i] << 8) | bytes[start + 2 * i + 1] : bytes[start + i];
      pixels[i] = maxval === 255 ? v : scale(v);
    }
  } else {
    for (let i = 0; i < n; i++) pixels[i] = scale(t.next(`pixel ${i}`));
  }
  return { width, height, pixels };
}
