import { useState, type FormEvent } from 'react';
import { Page } from '../../components/Page';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ApiError, call } from '../../api/client';
import { useCall } from '../../api/useCall';
import { useOperator } from '../auth/operator-context';

const STATUS_WORDS = { enrolled: 'Enrolled — no card yet', issued: 'Card issued', 'card-inactive': 'Card revoked or superseded' } as const;

/** Enrollment records: search, status and current card; enrollment officers import new ones. */
export function ApplicantsPage() {
  const operator = useOperator();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const list = useCall('applicants.list', query ? { text: query, limit: 200 } : { limit: 200 });
  const [path, setPath] = useState('');
  const [imported, setImported] = useState<string>();
  const [importError, setImportError] = useState<ApiError>();
  const canImport = operator.role === 'enrollment_officer' || operator.role === 'system_manager';

  async function doImport(e: FormEvent) {
    e.preventDefault();
    setImportError(undefined);
    setImported(undefined);
    try {
      const r = await call('applicants.import', { path });
      setImported(`Imported ${r.imported} record${r.imported === 1 ? '' : 's'}.`);
      list.reload();
    } catch (err) {
      setImportError(err as ApiError);
    }
  }

  return (
    <Page title="Applicants" intro="Enrollment records imported from the enrollment system: identity, fingerprints and card status.">
      <form className="toolbar" role="search" onSubmit={(e) => (e.preventDefault(), setQuery(text.trim()))}>
        <label>
          Search
          <input value={text} onChange={(e) => setText(e.target.value)} placeholder="Name, ID or person identifier" />
        </label>
        <button type="submit">Search</button>
      </form>
      {list.error && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {list.data && (
        <>
          <p className="muted" data-testid="applicant-count">
            {list.data.total} applicant{list.data.total === 1 ? '' : 's'}
            {query ? ` matching “${query}”` : ''}
          </p>
          {list.data.applicants.length > 0 && (
            <table className="table" aria-label="Applicants">
              <thead>
                <tr><th>ID</th><th>Name</th><th>Person identifier</th><th>Credential type</th><th>Fingerprints</th><th>Status</th><th>Card</th></tr>
              </thead>
              <tbody>
                {list.data.applicants.map((a) => (
                  <tr key={a.id}>
                    <td className="mono">{a.id}</td>
                    <td>{a.surname}, {a.givenName}</td>
                    <td className="mono">{a.personIdentifier}</td>
                    <td>{a.credentialType ?? 'Station default'}</td>
                    <td>{a.fingerprints.map((f) => `#${f.position} (q${Math.round(f.quality)})`).join(', ') || 'none'}</td>
                    <td>{STATUS_WORDS[a.status]}</td>
                    <td className="mono">{a.currentCard ? `${a.currentCard.credentialNumber} · expires ${a.currentCard.expirationDate}${a.currentCard.temporary ? ' · temporary' : ''}` : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      {canImport && (
        <form className="panel" onSubmit={(e) => void doImport(e)} aria-labelledby="import-title">
          <h2 id="import-title">Import enrollment records</h2>
          <p className="muted">A JSON array of records as the enrollment system exports them; fingerprint image paths are relative to the file. The import is all or nothing.</p>
          <label>
            File on this station
            <input value={path} onChange={(e) => setPath(e.target.value)} placeholder="/path/to/enrollment.json" required />
          </label>
          <div className="actions">
            <button type="submit" className="primary">Import</button>
          </div>
          {imported && <p role="status" className="ok">{imported}</p>}
          {importError && <ErrorMessage error={importError} />}
        </form>
      )}
    </Page>
  );
}
