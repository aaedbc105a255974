/**
 * Faults a test or trainer can inject into a simulated scanner. Each is one-shot: it fires on the next
 * transfer it matches and is then used up.
 */
export type FrameSelector = 'final' | 'preview' | 'any';

export type SimFault =
  /** The device vanishes after `afterChunks` chunks of the next matching frame: reads fail, it leaves the device list. */
  | { kind: 'unplug'; frame?: FrameSelector; afterChunks?: number }
  /** One chunk's data has a flipped bit (the CRC stays that of the true image). */
  | { kind: 'corrupt-chunk'; frame?: FrameSelector; chunk?: number }
  /** One chunk is never sent. */
  | { kind: 'drop-chunk'; frame?: FrameSelector; chunk?: number }
  /** Two neighbouring chunks are sent in swapped order. */
  | { kind: 'swap-chunks'; frame?: FrameSelector; chunk?: number }
  /** The firmware hangs after `afterChunks` chunks: silent, still plugged in, until CANCEL or reopen. */
  | { kind: 'timeout'; frame?: FrameSelector; afterChunks?: number };

export function faultMatches(f: SimFault, kind: 'PREVIEW' | 'FINAL'): boolean {
  const sel = f.frame ?? 'final';
  return sel === 'any' || (sel === 'final') === (kind === 'FINAL');
}
