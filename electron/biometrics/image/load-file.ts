/** File adapter: the only place the image layer touches the disk. */
import { readFileSync } from 'node:fs';
import { StationError } from '../../common/errors';
import type { GrayImage } from '../types';
import { decodeImage, type DecodeOptions } from './decode';

export function loadImageFile(path: string, opts: DecodeOptions = {}): GrayImage {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new StationError('IMAGE_FILE_UNREADABLE', `Cannot read the image file ${path} (${code ?? 'error'}). Check the path and permissions.`, { path, errno: code }, { cause });
  }
  return decodeImage(bytes, opts);
}
