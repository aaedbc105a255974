import { useEffect, useState, type FormEvent } from 'react';
import { call } from '../../api/client';
import type { DevicePermissionsDto } from '../../../../electron/ipc/channels/devices-issuance';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useOperator } from '../auth/operator-context';
import { FidoSection } from './FidoSection';
import { OtpSection } from './OtpSection';
import { DerivedSection } from './DerivedSection';
import { useAction } from './useAction';
import './devices-issuance.css';

const ISSUER_ROLES = new Set(['badge_operator', 'system_manager']);
const LABELS = { fido: 'FIDO security key', otp: 'One-time passwords', derived: 'Derived PIV credential' } as const;

/**
 * The policy's Permitted Device Types for one applicant: only what the applicant's credential policy
 * permits is offered, read fresh from main each time an applicant is looked up. The card wizard can
 * pass the applicant it chose (`applicantId`); without it the operator types the applicant id.
 */
export function DeviceIssuancePanel({ applicantId: chosen }: { applicantId?: string } = {}) {
  const operator = useOperator();
  const [applicantId, setApplicantId] = useState(chosen ?? '');
  const [permissions, setPermissions] = useState<DevicePermissionsDto | null>(null);
  const action = useAction();
  const mayIssue = ISSUER_ROLES.has(operator.role);
  const { run } = action;

  useEffect(() => {
    if (!chosen || !mayIssue) return;
    setApplicantId(chosen);
    setPermissions(null);
    void run(() => call('deviceIssuance.permissions', { applicantId: chosen })).then((r) => r && setPermissions(r));
  }, [chosen, mayIssue]); // `run` is rebuilt every render; the chosen applicant is the trigger

  if (!mayIssue) {
    return (
      <section aria-labelledby="devices-issuance-title" className="devices-issuance">
        <h2 id="devices-issuance-title">Other devices</h2>
        <p className="notice">Badge Operators and System Managers issue FIDO keys, OTP credentials and derived credentials.</p>
      </section>
    );
  }

  const lookUp = async (e: FormEvent) => {
    e.preventDefault();
    setPermissions(null);
    const r = await action.run(() => call('deviceIssuance.permissions', { applicantId: applicantId.trim() }));
    if (r) setPermissions(r);
  };
  const offered = permissions ? (Object.keys(LABELS) as Array<keyof typeof LABELS>).filter((t) => permissions.permitted[t]) : [];

  return (
    <section aria-labelledby="devices-issuance-title" className="devices-issuance">
      <h2 id="devices-issuance-title">Other devices</h2>
      {!chosen && (
        <form onSubmit={(e) => void lookUp(e)}>
          <label>
            Applicant ID
            <input value={applicantId} maxLength={100} onChange={(e) => setApplicantId(e.target.value)} />
          </label>
          <button type="submit" disabled={action.busy || !applicantId.trim()}>
            Show permitted devices
          </button>
        </form>
      )}
      {action.error && <ErrorMessage error={action.error} />}
      {permissions && (
        <>
          <p data-testid="device-policy">
            {permissions.applicantName} — {permissions.credentialType}, policy {permissions.policy} version {permissions.policyVersion}.
          </p>
          {offered.length === 0 ? (
            <p className="notice" data-testid="no-devices">This credential policy permits no devices besides the PIV card.</p>
          ) : (
            <ul aria-label="Permitted devices" className="permitted-devices">
              {offered.map((t) => (
                <li key={t}>{LABELS[t]}</li>
              ))}
            </ul>
          )}
          {permissions.permitted.fido && <FidoSection key={`fido-${permissions.applicantId}`} applicantId={permissions.applicantId} />}
          {permissions.permitted.otp && <OtpSection key={`otp-${permissions.applicantId}`} applicantId={permissions.applicantId} />}
          {permissions.permitted.derived && <DerivedSection key={`derived-${permissions.applicantId}`} applicantId={permissions.applicantId} />}
        </>
      )}
    </section>
  );
}
