/**
 * The fingerprint worker thread: decodes and extracts what the main thread sends, one request at a
 * time, with the same code the main thread would run (electron/biometrics). The native addon is a
 * Node-API module, so it loads in this thread as in the main one; its scratch buffers are thread_local.
 */
import { parentPort } from 'node:worker_threads';
import { extractFeatures } from '../biometrics/extract';
import { decodeImage } from '../biometrics/image/decode';
import type { FingerprintFeatures } from '../biometrics/types';
import { StationError } from '../common/errors';
import { toWireError, type WorkerReply, type WorkerRequest } from './protocol';

function handle(req: WorkerRequest): FingerprintFeatures {
  switch (req.kind) {
    case 'image':
      return extractFeatures({ width: req.width, height: req.height, dpi: req.dpi, pixels: new Uint8Array(req.pixels) }, { engine: req.engine });
    case 'bytes':
      return extractFeatures(decodeImage(new Uint8Array(req.bytes), req.dpi === undefined ? {} : { dpi: req.dpi }), { engine: req.engine });
  }
}

function reply(port: NonNullable<typeof parentPort>, message: WorkerReply): void {
  try {
    port.postMessage(message);
  } catch (e) {
    // Details that cannot be cloned must not take the thread down: send the error without them.
    if (message.type !== 'error') throw e;
    port.postMessage({ ...message, error: { name: message.error.name, message: message.error.message, code: message.error.code } } satisfies WorkerReply);
  }
}

const port = parentPort;
if (!port) {
  throw new StationError('FINGERPRINT_WORKER_NOT_A_THREAD', 'worker-main runs only as a worker thread (see electron/fingerprints/fingerprint-worker.ts).');
}
port.on('message', (req: WorkerRequest) => {
  try {
    reply(port, { type: 'result', id: req.id, features: handle(req) });
  } catch (e) {
    reply(port, { type: 'error', id: req.id, error: toWireError(e) });
  }
});
reply(port, { type: 'ready' });
