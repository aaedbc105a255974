import { useEffect, useState, type FormEvent } from 'react';
import { call, subscribe } from '../../api/client';
import type { ResponseOf } from '../../../../electron/ipc/contract';
import type { FidoCoachingDto } from '../../../../electron/ipc/channels/devices-issuance';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useAction } from './useAction';

type Probe = ResponseOf<'deviceIssuance.fido.probe'>;
type Enrolled = ResponseOf<'deviceIssuance.fido.enroll'>;

/** What the operator tells the applicant at each step of the key enrollment. */
function coachingText(c: FidoCoachingDto): string {
  switch (c.step) {
    case 'connecting':
      return 'Connecting to the key…';
    case 'replug':
      return `Unplug the key and plug it back in, then carry on within 10 seconds (attempt ${c.attempt ?? 1}).`;
    case 'touch-to-reset':
      return 'Touch the key now: this erases it so it is issued clean.';
    case 'reset-done':
      return 'The key was erased.';
    case 'setting-pin':
      return 'Setting the PIN…';
    case 'touch-to-attest':
      return 'Touch the key once more so the station can read its maker certificate.';
    case 'setting-pin-policy':
      return 'Storing the PIN rules on the key…';
    case 'pin-policy-unsupported':
      return 'This key cannot store PIN rules; enrollment continues without them.';
    case 'recording':
      return 'Recording the key for the applicant…';
    case 'done':
      return 'Done.';
  }
}

export function FidoSection({ applicantId }: { applicantId: string }) {
  const [probe, setProbe] = useState<Probe | null>(null);
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [coaching, setCoaching] = useState<FidoCoachingDto | null>(null);
  const [enrolled, setEnrolled] = useState<Enrolled | null>(null);
  const action = useAction();
  const training = useAction();

  useEffect(() => subscribe('deviceIssuance.fido.coaching', (c) => c.applicantId === applicantId && setCoaching(c)), [applicantId]);

  const min = probe?.minPinLength ?? 4;
  const pinProblem = pin.length > 0 && [...pin].length < min ? `At least ${min} characters.` : repeat.length > 0 && repeat !== pin ? 'The two PINs differ.' : null;

  const enroll = async (e: FormEvent) => {
    e.preventDefault();
    if (pinProblem || pin !== repeat) return;
    setEnrolled(null);
    const r = await action.run(() => call('deviceIssuance.fido.enroll', { applicantId, pin }));
    setPin('');
    setRepeat('');
    if (r) setEnrolled(r);
  };

  return (
    <section aria-labelledby="fido-title" className="device-section">
      <h3 id="fido-title">FIDO security key</h3>
      {!probe ? (
        <button type="button" disabled={action.busy} onClick={() => void action.run(async () => setProbe(await call('deviceIssuance.fido.probe', { applicantId })))}>
          Find the key
        </button>
      ) : (
        <>
          <p data-testid="fido-key">
            {probe.source === 'virtual' ? 'Training key (simulated)' : (probe.product ?? 'FIDO key')} — PIN of at least {probe.minPinLength} characters.
          </p>
          <form onSubmit={(e) => void enroll(e)}>
            <label>
              Applicant's new key PIN
              <input type="password" autoComplete="off" value={pin} minLength={min} maxLength={63} onChange={(e) => setPin(e.target.value)} />
            </label>
            <label>
              Repeat the PIN
              <input type="password" autoComplete="off" value={repeat} onChange={(e) => setRepeat(e.target.value)} />
            </label>
            {pinProblem && <p className="field-error">{pinProblem}</p>}
            <button type="submit" disabled={action.busy || !pin || pin !== repeat || !!pinProblem}>
              Erase the key and set the PIN
            </button>
          </form>
        </>
      )}
      {action.busy && coaching && (
        <p role="status" data-testid="fido-coaching">
          {coachingText(coaching)}
        </p>
      )}
      {probe?.source === 'virtual' && (
        <div className="training-buttons" aria-label="Training key">
          <button type="button" onClick={() => void training.run(() => call('deviceIssuance.fido.virtual', { action: 'touch' }))}>
            Touch the training key
          </button>
          <button type="button" onClick={() => void training.run(() => call('deviceIssuance.fido.virtual', { action: 'replug' }))}>
            Replug the training key
          </button>
        </div>
      )}
      {enrolled && (
        <p role="status" data-testid="fido-done">
          Issued key {enrolled.key.serial ?? enrolled.key.aaguid}
          {enrolled.key.attestationSubject ? ` (${enrolled.key.attestationSubject})` : ''}.
        </p>
      )}
      {action.error && <ErrorMessage error={action.error} />}
      {training.error && <ErrorMessage error={training.error} />}
    </section>
  );
}
