import { useEffect, useState } from 'react';
import type { IssuanceResult, Precheck, RunView } from './types';
import { ApiError, call, subscribe } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { GateStep } from './GateStep';
import { PinStep } from './PinStep';

type StepState = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

/** One open issuance: pre-check → identity gate → applicant's PIN → write with a step list → release. */
export function RunPanel({ initial, onClose }: { initial: RunView; onClose: () => void }) {
  const [run] = useState(initial);
  const [gate, setGate] = useState(initial.gate);
  const [precheck, setPrecheck] = useState<Precheck>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [steps, setSteps] = useState<Record<string, { state: StepState; note?: string }>>({});
  const [result, setResult] = useState<IssuanceResult>();
  const [failed, setFailed] = useState(false);

  useEffect(
    () =>
      subscribe('issuance.progress', (p) => {
        if (p.runId !== run.runId) return;
        setSteps((s) => ({ ...s, [p.step]: { state: p.state, ...(p.note ? { note: p.note } : {}) } }));
      }),
    [run.runId],
  );

  async function doPrecheck() {
    setBusy(true);
    setError(undefined);
    try {
      setPrecheck(await call('issuance.precheck', { runId: run.runId }));
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  }

  async function issue(pin: string) {
    setBusy(true);
    setError(undefined);
    setFailed(false);
    try {
      setResult(await call('issuance.issue', { runId: run.runId, pin }));
    } catch (e) {
      setFailed(true);
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  }

  async function cancel() {
    await call('issuance.cancel', { runId: run.runId }).catch(() => undefined);
    onClose();
  }

  const done = Object.values(steps).filter((s) => s.state === 'done' || s.state === 'skipped').length;
  const started = Object.keys(steps).length > 0;
  return (
    <div className="issuance-run" data-testid="issuance-run">
      <section className="panel" aria-labelledby="run-title">
        <h2 id="run-title">2. {run.replacement ? 'Replacement' : 'Issuance'} for applicant {run.applicantId}</h2>
        <p>
          Policy <strong>{run.policy.name}</strong> (version {run.policy.version}) · card profile <strong>{run.cardProfile}</strong> · agency {run.policy.agencyCode}, system {run.policy.systemCode} · valid {run.policy.cardValidityYears} years · reader {run.reader}
        </p>
        {run.replacement && (
          <ul className="muted">
            {run.replacement.summary.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        )}
        {!precheck ? (
          <div className="actions">
            <button type="button" className="primary" disabled={busy} onClick={() => void doPrecheck()}>
              Check the card
            </button>
          </div>
        ) : (
          <p className="ok" data-testid="precheck">
            Card checked: {precheck.blank ? 'blank card' : `already holds credential (expires ${precheck.chuid?.expirationDate ?? '?'})`}, management key {precheck.key.kind === 'factory' ? 'factory default' : 'this station’s'} works. Nothing was written.
          </p>
        )}
      </section>
      {precheck && <GateStep run={run} gate={gate} onGate={setGate} />}
      {precheck && gate.state === 'passed' && !result && <PinStep busy={busy} onPin={(pin) => void issue(pin)} />}
      {started && (
        <section className="panel" aria-labelledby="progress-title">
          <h2 id="progress-title">5. Writing the card</h2>
          <progress max={run.steps.length} value={done} aria-label="Issuance progress" />
          <ol className="step-list" data-testid="step-list">
            {run.steps.map((s) => {
              const st = steps[s.step]?.state ?? 'pending';
              return (
                <li key={s.step} className={`step-${st}`}>
                  {s.label} <span className="muted">— {st}</span>
                  {steps[s.step]?.note && <span className="muted"> ({steps[s.step]!.note})</span>}
                </li>
              );
            })}
          </ol>
        </section>
      )}
      {error && <ErrorMessage error={error} />}
      {failed && <p className="notice">Nothing was recorded as issued. The credential number stays used. Re-insert the card and start again from the card check.</p>}
      {result && (
        <section className="panel released" aria-labelledby="released-title" data-testid="released">
          <h2 id="released-title">Card released</h2>
          <dl className="facts">
            <dt>Credential number</dt>
            <dd className="mono">{result.credentialNumber}</dd>
            <dt>FASC-N</dt>
            <dd className="mono" data-testid="released-fascn">{result.fascnHex}</dd>
            <dt>Card UUID</dt>
            <dd className="mono">{result.guid}</dd>
            <dt>Expires</dt>
            <dd data-testid="released-expiry">{result.expirationDate}</dd>
          </dl>
        </section>
      )}
      <div className="actions">
        {!result && (
          <button type="button" onClick={() => void cancel()} disabled={busy}>
            Cancel issuance
          </button>
        )}
        {result && (
          <button type="button" onClick={onClose}>
            Next applicant
          </button>
        )}
      </div>
    </div>
  );
}
