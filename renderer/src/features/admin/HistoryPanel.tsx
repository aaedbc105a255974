import { useState } from 'react';
import { ApiError, call } from '../../api/client';
import { useCall } from '../../api/useCall';
import { ErrorMessage } from '../../components/ErrorMessage';
import type { PolicyDetailDto } from '../../../../electron/ipc/channels/policy';
import { formatTime } from './format';

/** Every saved version, newest first; a revert saves an old version's settings as a new version. */
export function HistoryPanel({ policy, canEdit, onChanged }: { policy: PolicyDetailDto; canEdit: boolean; onChanged: () => void }) {
  const history = useCall('policy.history', { name: policy.name });
  const [error, setError] = useState<ApiError>();
  async function revert(toVersion: number) {
    setError(undefined);
    try {
      await call('policy.revert', { name: policy.name, toVersion, baseVersion: policy.version });
      onChanged();
    } catch (e) {
      setError(e as ApiError);
    }
  }
  if (history.error) return <ErrorMessage error={history.error} onRetry={history.reload} />;
  if (!history.data) return <p className="muted">Loading history…</p>;
  return (
    <>
      {error && <ErrorMessage error={error} />}
      <table className="table" aria-label="Version history">
        <thead>
          <tr>
            <th>Version</th>
            <th>Saved</th>
            <th>By</th>
            <th>How</th>
            <th>Note</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {history.data.versions.map((v) => (
            <tr key={v.version}>
              <td>
                {v.version}
                {v.version === policy.version && <span className="badge-current"> in force</span>}
              </td>
              <td>{formatTime(v.createdAt)}</td>
              <td>{v.createdBy}</td>
              <td>{v.source}</td>
              <td className="muted">{v.note}</td>
              <td>
                {canEdit && v.version !== policy.version && (
                  <button type="button" className="secondary" onClick={() => void revert(v.version)}>
                    Revert to version {v.version}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
