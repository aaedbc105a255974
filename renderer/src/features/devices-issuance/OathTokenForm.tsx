import { useState, type FormEvent } from 'react';
import { call } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useAction } from './useAction';

/** OATH hardware token in a reader (or the training token): the secret goes straight into the token. */
export function OathTokenForm({ applicantId }: { applicantId: string }) {
  const [account, setAccount] = useState(applicantId);
  const [type, setType] = useState<'totp' | 'hotp'>('totp');
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();

  const write = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const r = await action.run(() => call('deviceIssuance.otp.token', { applicantId, account: account.trim(), type }));
    if (r) setDone(`Written to ${r.source === 'virtual' ? 'the training token' : 'the token'} ${r.tokenDeviceId ?? ''}: ${r.issuer} — ${r.account} (${r.type.toUpperCase()}, ${r.digits} digits).`);
  };

  return (
    <form onSubmit={(e) => void write(e)} aria-label="OATH token">
      <h4>Or an OATH hardware token</h4>
      <label>
        Account name on the token
        <input value={account} maxLength={100} onChange={(e) => setAccount(e.target.value)} />
      </label>
      <label>
        Kind
        <select value={type} onChange={(e) => setType(e.target.value === 'hotp' ? 'hotp' : 'totp')}>
          <option value="totp">Time-based (TOTP)</option>
          <option value="hotp">Counter-based (HOTP)</option>
        </select>
      </label>
      <button type="submit" disabled={action.busy || !account.trim()}>
        Write to the token
      </button>
      {done && (
        <p role="status" data-testid="oath-done">
          {done}
        </p>
      )}
      {action.error && <ErrorMessage error={action.error} />}
    </form>
  );
}
