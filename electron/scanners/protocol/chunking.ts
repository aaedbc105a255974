import { CHUNK_DATA_MAX } from './constants';
import type { ImageBeginReport, ImageChunkReport, ImageEndReport, ImageFrame } from './codec';
import { crc32 } from './crc32';

export type FrameToSend = ImageFrame;

/** Splits one image into IMAGE_BEGIN, IMAGE_CHUNK… and IMAGE_END reports (what a device sends). */
export function frameToReports(f: FrameToSend): [ImageBeginReport, ...ImageChunkReport[], ImageEndReport] {
  const totalLength = f.width * f.height;
  if (f.pixels.length !== totalLength) throw new RangeError(`frame has ${f.pixels.length} bytes, expected ${totalLength}`);
  const chunkCount = Math.ceil(totalLength / CHUNK_DATA_MAX);
  const begin: ImageBeginReport = { type: 'IMAGE_BEGIN', tag: f.tag, frame: f.frame, kind: f.kind, width: f.width, height: f.height, dpi: f.dpi, totalLength, chunkCount };
  const chunks: ImageChunkReport[] = [];
  for (let seq = 0; seq < chunkCount; seq++) {
    chunks.push({ type: 'IMAGE_CHUNK', frame: f.frame, seq, data: f.pixels.subarray(seq * CHUNK_DATA_MAX, Math.min(totalLength, (seq + 1) * CHUNK_DATA_MAX)) });
  }
  const end: ImageEndReport = { type: 'IMAGE_END', frame: f.frame, chunkCount, totalLength, crc32: crc32(f.pixels) };
  return [begin, ...chunks, end];
}
