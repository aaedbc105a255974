/** Windows BMP reader: BITMAPINFOHEADER or later, uncompressed (BI_RGB), 8-bit palette, 24- or 32-bit. */
import type { DecodedRaster } from './raster';
import { checkDeclaredSize } from './limits';
import { ByteReader, luma } from './bytes';
import { corruptImage, unsupportedImage } from './errors';

const FORMAT = 'BMP';
const MAGIC_B = 0x42;
const MAGIC_M = 0x4d;
const FILE_HEADER_SIZE = 14;
const BITMAPINFOHEADER_SIZE = 40;
const BI_RGB = 0;
const BI_BITFIELDS = 3;
const METRES_PER_INCH = 0.0254;

export function isBmp(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === MAGIC_B && bytes[1] === MAGIC_M;
}

export function decodeBmp(bytes: Uint8Array): DecodedRaster {
  const r = new ByteReader(bytes, FORMAT, true);
  const dataOffset = r.u32(10, 'pixel data offset');
  const dibSize = r.u32(FILE_HEADER_SIZE, 'DIB header size');
  if (dibSize < BITMAPINFOHEADER_SIZE) throw unsupportedImage(FORMAT, `old DIB header of ${dibSize} bytes`);
  const width = r.i32(18, 'width');
  const rawHeight = r.i32(22, 'height');
  const bpp = r.u16(28, 'bits per pixel');
  const compression = r.u32(30, 'compression');
  const xPelsPerMetre = r.i32(38, 'horizontal resolution');
  let colorsUsed = r.u32(46, 'palette size');
  const topDown = rawHeight < 0;
  const height = Math.abs(rawHeight);
  if (width <= 0 || height === 0) throw corruptImage(FORMAT, 'zero or negative width or height', { width, height: rawHeight });
  checkDeclaredSize(FORMAT, width, height);
  const is32Bitfields = bpp === 32 && compression === BI_BITFIELDS;
  if (compression !== BI_RGB && !is32Bitfields) throw unsupportedImage(FORMAT, `compression ${compression}; only uncompressed is read`);
  if (bpp !== 8 && bpp !== 24 && bpp !== 32) throw unsupportedImage(FORMAT, `${bpp} bits per pixel; 8, 24 and 32 are read`, { bpp });

  let grayOfIndex: Uint8Array | undefined;
  if (bpp === 8) {
    if (colorsUsed === 0) colorsUsed = 256;
    const pal = FILE_HEADER_SIZE + dibSize;
    grayOfIndex = new Uint8Array(256);
    for (let i = 0; i < Math.min(colorsUsed, 256); i++) {
      // Palette entries are B, G, R, reserved.
      grayOfIndex[i] = luma(r.u8(pal + 4 * i + 2, 'palette'), r.u8(pal + 4 * i + 1, 'palette'), r.u8(pal + 4 * i, 'palette'));
    }
  }
  const bytesPerPixel = bpp >> 3;
  const stride = (width * bytesPerPixel + 3) & ~3; // rows are padded to 4 bytes
  const data = r.slice(dataOffset, stride * (height - 1) + width * bytesPerPixel, 'pixel data');
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const srcRow = (topDown ? y : height - 1 - y) * stride;
    for (let x = 0; x < width; x++) {
      const at = srcRow + x * bytesPerPixel;
      pixels[y * width + x] = grayOfIndex ? grayOfIndex[data[at]] : luma(data[at + 2], data[at + 1], data[at]);
    }
  }
  const fileDpi = xPelsPerMetre > 0 ? xPelsPerMetre * METRES_PER_INCH : undefined;
  if (grayOfIndex === undefined && bpp === 8) throw corruptImage(FORMAT, 'missing palette');
  return { width, height, pixels, fileDpi };
}
