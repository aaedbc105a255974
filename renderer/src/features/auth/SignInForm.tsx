import { useState, type FormEvent } from 'react';
import { ApiError, call } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';

/** Sign-in, or on a new station the creation of the first System Manager. */
export function SignInForm({ firstRun, notice, onSignedIn }: { firstRun: boolean; notice?: string; onSignedIn: () => void }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const mismatch = firstRun && repeat !== '' && repeat !== password;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (mismatch) return;
    setBusy(true);
    setError(undefined);
    try {
      await call(firstRun ? 'auth.setup' : 'auth.signIn', { name, password });
      setPassword('');
      setRepeat('');
      onSignedIn();
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="sign-in" onSubmit={(e) => void submit(e)} aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">{firstRun ? 'First run: create the System Manager' : 'Sign in'}</h2>
      {firstRun && <p className="muted">This station has no operators yet. The first account is a System Manager, who then adds the other operators.</p>}
      {notice && <p className="notice" role="status">{notice}</p>}
      {error && <ErrorMessage error={error} />}
      <label>
        Operator name
        <input name="name" autoComplete="username" value={name} onChange={(e) => setName(e.target.value)} required />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete={firstRun ? 'new-password' : 'current-password'} value={password} onChange={(e) => setPassword(e.target.value)} required />
      </label>
      {firstRun && (
        <label>
          Repeat password
          <input name="repeat" type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} required aria-describedby="repeat-error" />
          {mismatch && (
            <span className="field-error" id="repeat-error">
              The two passwords differ.
            </span>
          )}
        </label>
      )}
      {firstRun && <p className="muted small">At least 10 characters.</p>}
      <button type="submit" className="primary" disabled={busy || mismatch}>
        {firstRun ? 'Create System Manager' : 'Sign in'}
      </button>
    </form>
  );
}
