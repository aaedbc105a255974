import { useState, type FormEvent } from 'react';
import { ApiError, call } from '../../api/client';
import { useCall } from '../../api/useCall';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatTime } from './format';

/** This station's policy-signing key (to give to other stations) and the signers it trusts. */
export function SignersPanel() {
  const signers = useCall('policy.signers', {});
  const [pem, setPem] = useState('');
  const [label, setLabel] = useState('');
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState<string>();

  const trust = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setDone(undefined);
    try {
      const r = await call('policy.trustSigner', { publicKey: pem, label });
      setDone(`Trusted signer ${r.fingerprint.slice(0, 16)}…`);
      setPem('');
      setLabel('');
      signers.reload();
    } catch (err) {
      setError(err as ApiError);
    }
  };

  if (signers.error) return <ErrorMessage error={signers.error} onRetry={signers.reload} />;
  if (!signers.data) return null;
  return (
    <div className="signers">
      <h3>Signing keys</h3>
      {signers.data.station ? (
        <>
          <p className="muted">
            Bundles are imported only when signed by a trusted key. This station's key (fingerprint <span className="mono">{signers.data.station.fingerprint.slice(0, 16)}…</span>) — give
            it to the stations that should accept this station's bundles:
          </p>
          <textarea className="mono pem" readOnly rows={5} value={signers.data.station.publicKey} aria-label="This station's public key" />
        </>
      ) : (
        <p role="note" className="muted">
          Bundles are imported only when signed by a trusted key. This station's own signing key is not available here: {signers.data.stationKeyProblem}
        </p>
      )}
      <table className="table" aria-label="Trusted signers">
        <thead>
          <tr>
            <th>Signer</th>
            <th>Fingerprint</th>
            <th>Added</th>
          </tr>
        </thead>
        <tbody>
          {signers.data.trusted.map((s) => (
            <tr key={s.fingerprint}>
              <td>{s.own ? `${s.label} (this station)` : s.label}</td>
              <td className="mono">{s.fingerprint.slice(0, 16)}…</td>
              <td>
                {formatTime(s.addedAt)} by {s.addedBy}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="trust-form" onSubmit={(e) => void trust(e)} aria-label="Trust a signer">
        {error && <ErrorMessage error={error} />}
        {done && (
          <p className="ok-message" role="status">
            {done}
          </p>
        )}
        <label>
          Public key of another station (PEM)
          <textarea className="mono pem" rows={5} value={pem} onChange={(e) => setPem(e.target.value)} required />
        </label>
        <label>
          Label
          <input value={label} onChange={(e) => setLabel(e.target.value)} placeholder="e.g. HQ issuance station" />
        </label>
        <button type="submit" className="secondary">
          Trust this signer
        </button>
      </form>
    </div>
  );
}
