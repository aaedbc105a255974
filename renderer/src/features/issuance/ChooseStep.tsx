import { useState } from 'react';
import type { RunView } from './types';
import { ApiError, call } from '../../api/client';
import { useCall } from '../../api/useCall';
import { ErrorMessage } from '../../components/ErrorMessage';

const REASONS = [
  ['', 'Policy default'],
  ['lost', 'Lost'],
  ['stolen', 'Stolen'],
  ['damaged', 'Damaged'],
  ['expired', 'Expired'],
  ['forgotten', 'Forgotten (temporary card)'],
] as const;

type Reason = Exclude<(typeof REASONS)[number][0], ''>;

/** Pick the applicant, the reader with the card, and (for a replacement) the reason — then open the run. */
export function ChooseStep({ onBegun }: { onBegun: (run: RunView) => void }) {
  const applicants = useCall('applicants.list', { limit: 500 });
  const devices = useCall('devices.status', {});
  const [applicantId, setApplicantId] = useState('');
  const [reader, setReader] = useState('');
  const [reason, setReason] = useState<'' | Reason>('');
  const [error, setError] = useState<ApiError>();
  const applicant = applicants.data?.applicants.find((a) => a.id === applicantId);
  const replacing = applicant?.currentCard != null;
  const readers = devices.data?.readers ?? [];

  async function begin() {
    setError(undefined);
    try {
      const run = await call('issuance.begin', { applicantId, reader, ...(replacing ? { replace: reason ? { reason } : {} } : {}) });
      onBegun(run);
    } catch (e) {
      setError(e as ApiError);
    }
  }

  return (
    <section className="panel" aria-labelledby="choose-title">
      <h2 id="choose-title">1. Applicant and card</h2>
      {applicants.error && <ErrorMessage error={applicants.error} onRetry={applicants.reload} />}
      <div className="form-grid">
        <label>
          Applicant
          <select aria-label="Applicant" value={applicantId} onChange={(e) => setApplicantId(e.target.value)}>
            <option value="">Choose an applicant…</option>
            {applicants.data?.applicants.map((a) => (
              <option key={a.id} value={a.id}>
                {a.surname}, {a.givenName} ({a.id}){a.currentCard ? ' — has a card' : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          Card reader
          <select aria-label="Card reader" value={reader} onChange={(e) => setReader(e.target.value)}>
            <option value="">Choose the reader with the card…</option>
            {readers.map((r) => (
              <option key={r.name} value={r.name}>
                {r.name} — {r.cardPresent ? 'card inserted' : 'empty'}
              </option>
            ))}
          </select>
        </label>
        {replacing && (
          <label>
            Replacement reason
            <select aria-label="Replacement reason" value={reason} onChange={(e) => setReason(e.target.value as '' | Reason)}>
              {REASONS.map(([v, label]) => (
                <option key={v} value={v}>{label}</option>
              ))}
            </select>
          </label>
        )}
      </div>
      {devices.data && devices.data.pcsc.state !== 'running' && <p className="notice">{devices.data.pcsc.message}</p>}
      {replacing && <ReplacementPreview applicantId={applicantId} reason={reason || undefined} />}
      {error && <ErrorMessage error={error} />}
      <div className="actions">
        <button type="button" className="primary" disabled={!applicantId || !reader} onClick={() => void begin()}>
          {replacing ? 'Begin replacement' : 'Begin issuance'}
        </button>
      </div>
    </section>
  );
}

/** What the replacement will do to the old card, shown before the operator confirms. */
function ReplacementPreview({ applicantId, reason }: { applicantId: string; reason?: Reason }) {
  const preview = useCall('issuance.previewReplacement', reason ? { applicantId, reason } : { applicantId });
  if (preview.error) return <ErrorMessage error={preview.error} />;
  if (!preview.data) return null;
  return (
    <div className="notice" data-testid="replacement-preview">
      <strong>This is a replacement ({preview.data.reasonLabel}).</strong>
      <ul>
        {preview.data.summary.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </div>
  );
}
