import { useEffect, useRef, useState } from 'react';
import type { CaptureEventPayload, TestCaptureResult } from '../../../../electron/ipc/channels/scanners';
import { ApiError, call, subscribe } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { GrayImageCanvas } from '../../components/GrayImageCanvas';

type Preview = Extract<CaptureEventPayload, { type: 'capture-preview' }>;

const STATE_WORDS: Record<string, string> = {
  starting: 'Starting the scanner…',
  'waiting-for-finger': 'Place a finger on the scanner.',
  'finger-present': 'Finger detected — hold still.',
  'finger-lifted': 'Finger lifted — place it again.',
  capturing: 'Capturing…',
  done: 'Captured.',
  failed: 'The capture failed.',
  cancelled: 'Capture cancelled.',
};

/** A test capture on one scanner: live preview with plain-word feedback, then the image, quality and minutiae. */
export function TestCapture({ scannerId, scannerName, onClose }: { scannerId: string; scannerName: string; onClose: () => void }) {
  const [captureId, setCaptureId] = useState<string>();
  const [state, setState] = useState('starting');
  const [preview, setPreview] = useState<Preview>();
  const [result, setResult] = useState<TestCaptureResult>();
  const [error, setError] = useState<ApiError>();
  const idRef = useRef<string | undefined>(undefined);

  useEffect(() => {
    const off = subscribe('capture.event', (e) => {
      if (e.captureId !== idRef.current) return;
      if (e.type === 'capture-state') setState(e.state);
      else if (e.type === 'capture-preview') setPreview(e);
      else if (e.type === 'capture-finished') {
        if (e.result) setResult(e.result);
        if (e.error) {
          setState('failed');
          setError(new ApiError(e.error));
        }
        idRef.current = undefined;
        setCaptureId(undefined);
      }
    });
    return off;
  }, []);

  const start = async () => {
    setResult(undefined);
    setPreview(undefined);
    setError(undefined);
    setState('starting');
    try {
      const { captureId: id } = await call('scanners.testCapture', { scannerId, timeoutMs: 30_000 });
      idRef.current = id;
      setCaptureId(id);
    } catch (e) {
      setError(e as ApiError);
    }
  };

  const cancel = async () => {
    if (captureId) await call('scanners.cancelCapture', { captureId }).catch((e: ApiError) => setError(e));
  };

  // Start once when opened; the button restarts.
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void start();
  });

  const running = captureId !== undefined;
  return (
    <section className="panel" aria-label={`Test capture on ${scannerName}`} data-testid="test-capture">
      <h2>Test capture — {scannerName}</h2>
      <p data-testid="capture-state" aria-live="polite">{STATE_WORDS[state] ?? state}</p>
      {error && <ErrorMessage error={error} onRetry={running ? undefined : () => void start()} />}
      <div className="capture-grid">
        {running && preview && (
          <figure>
            <GrayImageCanvas width={preview.width} height={preview.height} pixelsBase64={preview.pixelsBase64} scale={2} label="Live preview" testId="capture-preview" />
            <figcaption data-testid="preview-feedback" className={preview.quality.ok ? 'ok' : 'warn'}>
              {preview.quality.feedback} · {preview.goodFrames}/{preview.goodFramesNeeded} good frames
            </figcaption>
          </figure>
        )}
        {result && (
          <figure>
            <GrayImageCanvas width={result.image.width} height={result.image.height} pixelsBase64={result.image.pixelsBase64} minutiae={result.minutiae} label="Captured fingerprint with minutiae" testId="capture-image" />
            <figcaption>
              <span data-testid="capture-quality">
                Image quality {Math.round(result.quality.engine ?? result.quality.local)} / 100
              </span>{' '}
              · {result.minutiae.length} minutiae · {result.quality.feedback}
              {result.simulated && <span className="badge badge-sim">Simulated scanner</span>}
            </figcaption>
          </figure>
        )}
      </div>
      <div className="actions">
        {running ? (
          <button type="button" onClick={() => void cancel()}>Cancel</button>
        ) : (
          <button type="button" onClick={() => void start()}>Capture again</button>
        )}
        <button type="button" onClick={onClose} disabled={running}>Close</button>
      </div>
    </section>
  );
}
