import { z } from 'zod';
import { channel } from '../define';

const minutiaSchema = z.object({
  x: z.number(),
  y: z.number(),
  angle: z.number(),
  type: z.enum(['ending', 'bifurcation', 'other']),
  quality: z.number(),
});

const errorShape = z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() });

const captureState = z.enum(['starting', 'waiting-for-finger', 'finger-present', 'finger-lifted', 'capturing', 'done', 'failed', 'cancelled']);

export const testCaptureResultSchema = z.object({
  captureId: z.string(),
  capturedAt: z.string(),
  simulated: z.boolean(),
  autoCaptured: z.boolean(),
  quality: z.object({ local: z.number(), engine: z.number().optional(), feedback: z.string() }),
  image: z.object({ width: z.number().int(), height: z.number().int(), dpi: z.number(), pixelsBase64: z.string() }),
  minutiae: z.array(minutiaSchema).readonly(),
});
export type TestCaptureResult = z.infer<typeof testCaptureResultSchema>;

/** Everything a running capture tells the renderer; previews are small and throttled by the scanner layer. */
export const captureEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('capture-state'), captureId: z.string(), scannerId: z.string(), state: captureState }),
  z.object({
    type: z.literal('capture-preview'),
    captureId: z.string(),
    scannerId: z.string(),
    seq: z.number().int(),
    width: z.number().int(),
    height: z.number().int(),
    pixelsBase64: z.string(),
    quality: z.object({ score: z.number(), ok: z.boolean(), feedback: z.string(), issues: z.array(z.string()) }),
    goodFrames: z.number().int(),
    goodFramesNeeded: z.number().int(),
  }),
  z.object({ type: z.literal('capture-warning'), captureId: z.string(), scannerId: z.string(), code: z.string(), message: z.string() }),
  z.object({ type: z.literal('capture-finished'), captureId: z.string(), scannerId: z.string(), result: testCaptureResultSchema.optional(), error: errorShape.optional() }),
]);
export type CaptureEventPayload = z.infer<typeof captureEventSchema>;

export const scannerChannels = {
  'scanners.testCapture': channel({
    request: z.object({ scannerId: z.string().min(1).max(200), timeoutMs: z.number().int().min(1000).max(120_000).optional() }).strict(),
    response: z.object({ captureId: z.string() }),
    access: 'signedIn',
    summary: 'Start a test capture on a scanner; previews and the result arrive as capture events.',
  }),
  'scanners.cancelCapture': channel({
    request: z.object({ captureId: z.string().min(1).max(100) }).strict(),
    response: z.object({ cancelled: z.boolean() }),
    access: 'signedIn',
    summary: 'Cancel a running capture.',
  }),
} as const;
