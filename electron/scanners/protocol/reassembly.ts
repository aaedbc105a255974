import { chunkMissing, chunkOutOfOrder, imageCorrupt, malformedReport } from '../errors';
import { CHUNK_DATA_MAX } from './constants';
import type { ImageBeginReport, ImageChunkReport, ImageEndReport, ImageFrame } from './codec';
import { crc32 } from './crc32';

export type AssembledFrame = ImageFrame;

/**
 * Rebuilds one image from IMAGE_BEGIN / IMAGE_CHUNK / IMAGE_END. HID interrupt transfers arrive in order,
 * so anything else means loss or a device bug: the frame is rejected with a typed error, never repaired.
 * - a chunk below the next expected sequence number (repeat, reordering, or filling a gap late) → OUT_OF_ORDER
 * - a chunk for a frame that was not begun → OUT_OF_ORDER
 * - IMAGE_END (or a new IMAGE_BEGIN) while sequence numbers are missing → MISSING
 * - CRC-32 or length mismatch → CORRUPT
 * After an error the reassembler is idle again; the caller decides whether the next frame is worth waiting for.
 */
export class ImageReassembler {
  private current?: { begin: ImageBeginReport; buf: Uint8Array; next: number; received: Uint8Array; bytes: number; gaps: number };

  get inFlight(): boolean {
    return this.current !== undefined;
  }

  /** Starts a frame. Throws MISSING when the previous frame never ended (its end was lost). */
  begin(b: ImageBeginReport): void {
    const previous = this.current;
    this.current = undefined;
    if (b.totalLength !== b.width * b.height) throw malformedReport(`IMAGE_BEGIN length ${b.totalLength} is not ${b.width}×${b.height}`, { frame: b.frame });
    if (b.chunkCount !== Math.ceil(b.totalLength / CHUNK_DATA_MAX)) throw malformedReport(`IMAGE_BEGIN chunk count ${b.chunkCount} does not match length ${b.totalLength}`, { frame: b.frame });
    this.current = { begin: b, buf: new Uint8Array(b.totalLength), next: 0, received: new Uint8Array(b.chunkCount), bytes: 0, gaps: 0 };
    if (previous) throw chunkMissing({ frame: previous.begin.frame, reason: 'next frame began before IMAGE_END', received: countReceived(previous.received), chunkCount: previous.begin.chunkCount });
  }

  chunk(c: ImageChunkReport): void {
    const cur = this.current;
    if (!cur || c.frame !== cur.begin.frame) {
      this.current = undefined;
      throw chunkOutOfOrder({ frame: c.frame, seq: c.seq, reason: cur ? `chunk for frame ${c.frame} during frame ${cur.begin.frame}` : 'chunk before IMAGE_BEGIN' });
    }
    if (c.seq >= cur.begin.chunkCount) {
      this.current = undefined;
      throw chunkOutOfOrder({ frame: c.frame, seq: c.seq, reason: `sequence ${c.seq} beyond chunk count ${cur.begin.chunkCount}` });
    }
    if (c.seq < cur.next) {
      this.current = undefined;
      throw chunkOutOfOrder({ frame: c.frame, seq: c.seq, expected: cur.next, reason: cur.received[c.seq] ? 'repeated chunk' : 'chunk arrived after later ones' });
    }
    // A jump ahead leaves a gap: the skipped chunks may still come (→ out of order) or never (→ missing at IMAGE_END).
    const offset = c.seq * CHUNK_DATA_MAX;
    const expectedLen = Math.min(CHUNK_DATA_MAX, cur.begin.totalLength - offset);
    if (c.data.length !== expectedLen) {
      this.current = undefined;
      throw imageCorrupt({ frame: c.frame, seq: c.seq, reason: `chunk carries ${c.data.length} bytes, expected ${expectedLen}` });
    }
    cur.buf.set(c.data, offset);
    cur.received[c.seq] = 1;
    cur.bytes += c.data.length;
    cur.next = c.seq + 1;
  }

  /** Ends the frame and returns it, or throws MISSING / CORRUPT. */
  end(e: ImageEndReport): AssembledFrame {
    const cur = this.current;
    this.current = undefined;
    if (!cur || e.frame !== cur.begin.frame) throw chunkOutOfOrder({ frame: e.frame, reason: 'IMAGE_END for a frame that was not begun' });
    const { begin } = cur;
    if (e.chunkCount !== begin.chunkCount || e.totalLength !== begin.totalLength) {
      throw chunkMissing({ frame: e.frame, reason: 'IMAGE_END disagrees with IMAGE_BEGIN', begin: { chunkCount: begin.chunkCount, totalLength: begin.totalLength }, end: { chunkCount: e.chunkCount, totalLength: e.totalLength } });
    }
    const missing: number[] = [];
    for (let s = 0; s < begin.chunkCount; s++) if (!cur.received[s]) missing.push(s);
    if (missing.length > 0) throw chunkMissing({ frame: e.frame, missing: missing.slice(0, 16), missingCount: missing.length, chunkCount: begin.chunkCount });
    const actual = crc32(cur.buf);
    if (actual !== e.crc32 || cur.bytes !== begin.totalLength) throw imageCorrupt({ frame: e.frame, expectedCrc32: e.crc32, actualCrc32: actual });
    return { tag: begin.tag, frame: begin.frame, kind: begin.kind, width: begin.width, height: begin.height, dpi: begin.dpi, pixels: cur.buf };
  }

  reset(): void {
    this.current = undefined;
  }
}

function countReceived(received: Uint8Array): number {
  let n = 0;
  for (const r of received) n += r;
  return n;
}
