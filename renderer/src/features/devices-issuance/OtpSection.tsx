import { useState, type FormEvent } from 'react';
import { ApiError, call } from '../../api/client';
import type { ResponseOf } from '../../../../electron/ipc/contract';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useAction } from './useAction';
import { OathTokenForm } from './OathTokenForm';

type Started = ResponseOf<'deviceIssuance.otp.start'>;

/** Authenticator app: the QR code is shown once; the applicant confirms with the code the app shows. */
export function OtpSection({ applicantId }: { applicantId: string }) {
  const [account, setAccount] = useState(applicantId);
  const [started, setStarted] = useState<Started | null>(null);
  const [code, setCode] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();

  const start = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const r = await action.run(() => call('deviceIssuance.otp.start', { applicantId, account }));
    if (r) setStarted(r);
  };
  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    if (!started) return;
    const r = await action.run(() => call('deviceIssuance.otp.confirm', { enrollmentId: started.enrollmentId, code: code.trim() }));
    setCode('');
    if (r) {
      setStarted(null); // the QR code is never shown again
      setDone(`Issued: ${r.issuer} — ${r.account} (${r.digits} digits).`);
    }
  };
  const gone = action.error instanceof ApiError && action.error.code === 'OTP_ENROLLMENT_GONE';

  return (
    <section aria-labelledby="otp-title" className="device-section">
      <h3 id="otp-title">One-time passwords (authenticator app)</h3>
      {!started ? (
        <form onSubmit={(e) => void start(e)}>
          <label>
            Account name in the app
            <input value={account} maxLength={100} onChange={(e) => setAccount(e.target.value)} />
          </label>
          <button type="submit" disabled={action.busy || !account.trim()}>
            Show the QR code
          </button>
        </form>
      ) : (
        <>
          <p>Let the applicant scan this code with the authenticator app. It is shown only now (until {new Date(started.expiresAt).toLocaleTimeString()}).</p>
          <img className="otp-qr" alt="QR code for the authenticator app" src={`data:image/svg+xml;utf8,${encodeURIComponent(started.qrSvg)}`} />
          <form onSubmit={(e) => void confirm(e)}>
            <label>
              Code the app shows
              <input inputMode="numeric" autoComplete="off" maxLength={started.digits} value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))} />
            </label>
            <button type="submit" disabled={action.busy || code.length !== started.digits}>
              Check the code
            </button>
            <button
              type="button"
              onClick={() => {
                void call('deviceIssuance.otp.cancel', { enrollmentId: started.enrollmentId }).catch(() => undefined);
                setStarted(null);
              }}
            >
              Cancel
            </button>
          </form>
        </>
      )}
      {done && (
        <p role="status" data-testid="otp-done">
          {done}
        </p>
      )}
      {action.error && <ErrorMessage error={action.error} />}
      {gone && started && (
        <button type="button" onClick={() => setStarted(null)}>
          Start again
        </button>
      )}
      {!started && <OathTokenForm applicantId={applicantId} />}
    </section>
  );
}
