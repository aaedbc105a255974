/** What every format decoder yields before the common checks: gray pixels and the file's own dpi, if any. */
export interface DecodedRaster {
  width: number;
  height: number;
  /** One byte per pixel, row-major, 0 = black. */
  pixels: Uint8Array;
  /** Resolution recorded in the file, pixels per inch; undefined when the file carries none. */
  fileDpi?: number;
}

/**
 * Largest side the station will allocate for. A 1000-dpi full-palm scan is about 5000 px; a finger
 * image is far smaller, so anything beyond this is a wrong file or a hostile header.
 */
export const MAX_IMAGE_SIDE_PX = 8192;
