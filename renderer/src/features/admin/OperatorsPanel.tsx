import { useState, type FormEvent } from 'react';
import { ApiError, call } from '../../api/client';
import { useCall } from '../../api/useCall';
import { ErrorMessage } from '../../components/ErrorMessage';
import { OPERATOR_ROLES, ROLE_NAMES } from '../../../../electron/ipc/channels/auth';
import type { SignedInOperator } from '../auth/RequireSignIn';
import { formatTime } from './format';

/** Operator accounts: list, add, unlock (System Manager only). */
export function OperatorsPanel({ operator }: { operator: SignedInOperator }) {
  if (operator.role !== 'system_manager') return <p className="notice">Only a System Manager manages operator accounts.</p>;
  return <OperatorsManager />;
}

function OperatorsManager() {
  const list = useCall('operators.list', {});
  const [name, setName] = useState('');
  const [role, setRole] = useState<(typeof OPERATOR_ROLES)[number]>('badge_operator');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState<string>();

  const act = async (fn: () => Promise<string>) => {
    setError(undefined);
    setDone(undefined);
    try {
      setDone(await fn());
      list.reload();
    } catch (e) {
      setError(e as ApiError);
    }
  };
  const add = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      const r = await call('operators.add', { name, role, password });
      setName('');
      setPassword('');
      return `Created ${ROLE_NAMES[r.operator.role]} ${r.operator.name}.`;
    });
  };

  return (
    <section aria-labelledby="operators-title">
      <h2 id="operators-title">Operators</h2>
      {error && <ErrorMessage error={error} />}
      {done && (
        <p className="ok-message" role="status">
          {done}
        </p>
      )}
      {list.error && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {list.data && (
        <table className="table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Role</th>
              <th>State</th>
              <th>Last sign-in</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {list.data.operators.map((o) => (
              <tr key={o.name}>
                <td>{o.name}</td>
                <td>{ROLE_NAMES[o.role]}</td>
                <td>{o.locked ? `Locked until ${formatTime(o.lockedUntil!)}` : o.failedAttempts ? `${o.failedAttempts} failed attempt(s)` : 'Active'}</td>
                <td>{o.lastSignInAt ? formatTime(o.lastSignInAt) : '—'}</td>
                <td>
                  {o.locked && (
                    <button type="button" className="secondary" onClick={() => void act(async () => (await call('operators.unlock', { name: o.name }), `Unlocked ${o.name}.`))}>
                      Unlock
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="add-operator" onSubmit={add} aria-label="Add operator">
        <h3>Add operator</h3>
        <label>
          Name
          <input name="new-name" value={name} onChange={(e) => setName(e.target.value)} required autoComplete="off" />
        </label>
        <label>
          Role
          <select name="new-role" value={role} onChange={(e) => setRole(e.target.value as typeof role)}>
            {OPERATOR_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_NAMES[r]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Initial password
          <input name="new-password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} required autoComplete="new-password" />
        </label>
        <button type="submit" className="primary">
          Add operator
        </button>
      </form>
    </section>
  );
}
