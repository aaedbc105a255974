import { useEffect, useState } from 'react';
import type { CaptureEventPayload } from '../../../../electron/ipc/channels/scanners';
import type { Gate, RunView } from './types';
import { ApiError, call, subscribe } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { GrayImageCanvas } from '../../components/GrayImageCanvas';
import { useOperator } from '../auth/operator-context';

type Preview = Extract<CaptureEventPayload, { type: 'capture-preview' }>;

/**
 * The release gate: a live 1:1 fingerprint match (up to 3 attempts per finger), or — when the policy says
 * No, or the match is locked — the FIPS 201-3 fallback attested by the operator, or a System Manager override.
 */
export function GateStep({ run, gate, onGate }: { run: RunView; gate: Gate; onGate: (g: Gate) => void }) {
  const operator = useOperator();
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<Preview>();
  const [last, setLast] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const [doc1, setDoc1] = useState('');
  const [doc2, setDoc2] = useState('');
  const [photo, setPhoto] = useState(false);
  const [reason, setReason] = useState('');

  useEffect(() => subscribe('capture.event', (e) => busy && e.type === 'capture-preview' && setPreview(e)), [busy]);

  async function capture(position?: number) {
    setBusy(true);
    setError(undefined);
    setPreview(undefined);
    try {
      const r = await call('issuance.fingerprint', { runId: run.runId, ...(position ? { position } : {}) });
      setLast(r.match ? `Finger ${r.position} matches (score ${r.score.toFixed(1)}, threshold ${r.threshold.toFixed(1)}).` : `Finger ${r.position} does not match (score ${r.score.toFixed(1)}, threshold ${r.threshold.toFixed(1)}). ${r.attemptsLeft[String(r.position)] ?? 0} attempt(s) left on this finger.`);
      onGate({ ...gate, state: r.state, attemptsLeft: r.attemptsLeft, ...(r.state === 'passed' ? { passedBy: 'fingerprint' as const } : {}) });
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  }

  async function attest() {
    setError(undefined);
    try {
      onGate(await call('issuance.attest', { runId: run.runId, documents: [doc1, doc2], photoCompared: true }));
    } catch (e) {
      setError(e as ApiError);
    }
  }

  async function override() {
    setError(undefined);
    try {
      onGate(await call('issuance.override', { runId: run.runId, reason }));
    } catch (e) {
      setError(e as ApiError);
    }
  }

  if (gate.state === 'passed') {
    const how = { fingerprint: 'the fingerprint matched', attestation: 'documents and photo attested by the operator', override: 'System Manager override' }[gate.passedBy ?? 'fingerprint'];
    return (
      <section className="panel" aria-labelledby="gate-title">
        <h2 id="gate-title">3. Identity check</h2>
        <p className="ok" data-testid="gate-state">Identity verified: {how}.</p>
      </section>
    );
  }

  const fallback = gate.mode === 'attestation' || gate.state === 'locked';
  return (
    <section className="panel" aria-labelledby="gate-title">
      <h2 id="gate-title">3. Identity check</h2>
      {gate.mode === 'fingerprint' && (
        <>
          <p>Ask the applicant to place the enrolled finger on the scanner. Up to 3 attempts per finger.</p>
          <div className="actions">
            {gate.positions.map((p) => (
              <button key={p} type="button" className="primary" disabled={busy || gate.state === 'locked' || (gate.attemptsLeft[String(p)] ?? 0) === 0} onClick={() => void capture(p)}>
                Capture finger {p} ({gate.attemptsLeft[String(p)] ?? 0} left)
              </button>
            ))}
          </div>
          {busy && preview && (
            <figure>
              <GrayImageCanvas width={preview.width} height={preview.height} pixelsBase64={preview.pixelsBase64} scale={2} label="Live preview" testId="gate-preview" />
              <figcaption>{preview.quality.feedback}</figcaption>
            </figure>
          )}
          {busy && !preview && <p className="muted">Waiting for the finger…</p>}
          {last && <p data-testid="gate-result" className={gate.state === 'locked' ? 'warn' : ''}>{last}</p>}
          {gate.state === 'locked' && <p className="notice" data-testid="gate-locked">Fingerprint verification is locked for this issuance. Use the document check below, or a System Manager override.</p>}
        </>
      )}
      {fallback && (
        <fieldset className="fallback">
          <legend>FIPS 201-3 fallback: two identity documents and the photo</legend>
          {gate.mode === 'attestation' && <p className="muted">This credential policy does not verify fingerprints, so the operator must check two identity source documents and compare the applicant with the enrollment photo.</p>}
          <label>
            First identity document
            <input value={doc1} onChange={(e) => setDoc1(e.target.value)} placeholder="e.g. Passport" />
          </label>
          <label>
            Second identity document
            <input value={doc2} onChange={(e) => setDoc2(e.target.value)} placeholder="e.g. Driver's license" />
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={photo} onChange={(e) => setPhoto(e.target.checked)} /> I compared the applicant with the enrollment photo and they match
          </label>
          <div className="actions">
            <button type="button" disabled={doc1.trim().length < 2 || doc2.trim().length < 2 || !photo} onClick={() => void attest()}>
              Attest and continue
            </button>
          </div>
        </fieldset>
      )}
      {gate.state === 'locked' && operator.role === 'system_manager' && (
        <fieldset className="fallback">
          <legend>System Manager override</legend>
          <label>
            Reason (recorded in the audit journal)
            <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
          </label>
          <div className="actions">
            <button type="button" disabled={reason.trim().length < 10} onClick={() => void override()}>
              Override and continue
            </button>
          </div>
        </fieldset>
      )}
      {error && <ErrorMessage error={error} />}
    </section>
  );
}
