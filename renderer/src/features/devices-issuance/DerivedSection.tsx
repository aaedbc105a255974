import { useState, type FormEvent } from 'react';
import { call } from '../../api/client';
import type { ResponseOf } from '../../../../electron/ipc/contract';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useAction } from './useAction';

type Issued = ResponseOf<'deviceIssuance.derived.issue'>;

/** Derived PIV credential: the applicant's card proves itself, then a one-time activation code is shown once. */
export function DerivedSection({ applicantId }: { applicantId: string }) {
  const [pin, setPin] = useState('');
  const [issued, setIssued] = useState<Issued | null>(null);
  const action = useAction();

  const issue = async (e: FormEvent) => {
    e.preventDefault();
    setIssued(null);
    const r = await action.run(() => call('deviceIssuance.derived.issue', { applicantId, pin }));
    setPin('');
    if (r) setIssued(r);
  };

  return (
    <section aria-labelledby="derived-title" className="device-section">
      <h3 id="derived-title">Derived PIV credential</h3>
      <p>Put the applicant's PIV card in the reader. The applicant enters the card PIN; the station checks the card's PIV Authentication key.</p>
      <form onSubmit={(e) => void issue(e)}>
        <label>
          Card PIN (applicant)
          <input type="password" autoComplete="off" inputMode="numeric" minLength={6} maxLength={8} value={pin} onChange={(e) => setPin(e.target.value)} />
        </label>
        <button type="submit" disabled={action.busy || pin.length < 6}>
          Check the card and issue an activation code
        </button>
      </form>
      {issued && (
        <div role="status" data-testid="derived-code">
          <p>
            Activation code (shown once): <strong className="mono">{issued.code}</strong>
          </p>
          <p>Valid until {new Date(issued.activation.expiresAt).toLocaleString()}. It works once, on the applicant's derived-credential device.</p>
        </div>
      )}
      {action.error && <ErrorMessage error={action.error} />}
    </section>
  );
}
