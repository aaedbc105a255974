import { useState, type FormEvent } from 'react';
import { Page } from '../../components/Page';
import { useOperator } from '../auth/operator-context';
import { ApiError, call } from '../../api/client';
import { useCall } from '../../api/useCall';
import { ErrorMessage } from '../../components/ErrorMessage';
import { EntryDetails } from './EntryDetails';
import '../admin/admin.css';
import './audit.css';

export function AuditPage() {
  const operator = useOperator();
  return (
    <Page title="Audit" intro="The append-only, hash-chained journal of everything done at this station.">
      {operator.role === 'system_manager' ? <AuditJournalView /> : <p className="notice">Only a System Manager reads the audit journal.</p>}
    </Page>
  );
}

interface Filter {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  text?: string;
}

const clean = (f: Filter): Filter => Object.fromEntries(Object.entries(f).filter(([, v]) => typeof v === 'string' && v.trim() !== '')) as Filter;
/** Date inputs give YYYY-MM-DD; `to` is exclusive, so a "to" day includes that whole day. */
const toQuery = (f: Filter): Filter => {
  const c = clean(f);
  if (c.to && /^\d{4}-\d{2}-\d{2}$/.test(c.to)) c.to = new Date(Date.parse(`${c.to}T00:00:00Z`) + 86_400_000).toISOString();
  return c;
};

function AuditJournalView() {
  const [draft, setDraft] = useState<Filter>({});
  const [filter, setFilter] = useState<Filter>({});
  const [verify, setVerify] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const result = useCall('audit.query', { ...toQuery(filter), limit: 200 });

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilter(draft);
  };
  const exportCsv = async () => {
    setError(undefined);
    try {
      const r = await call('audit.exportCsv', toQuery(filter));
      const url = URL.createObjectURL(new Blob([r.csv], { type: 'text/csv' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = r.fileName;
      a.click();
      URL.revokeObjectURL(url);
      result.reload();
    } catch (e) {
      setError(e as ApiError);
    }
  };
  const runVerify = async () => {
    setError(undefined);
    try {
      const r = await call('audit.verify', {});
      setVerify(r.ok ? `Chain intact: ${r.entries} entries.` : `Chain BROKEN at entry ${r.firstBroken!.seq}: ${r.firstBroken!.reason}.`);
    } catch (e) {
      setError(e as ApiError);
    }
  };
  const field = (k: keyof Filter, label: string, type = 'text') => (
    <label>
      {label}
      <input type={type} name={`filter-${k}`} value={draft[k] ?? ''} onChange={(e) => setDraft({ ...draft, [k]: e.target.value })} />
    </label>
  );

  return (
    <>
      <form className="audit-filters" onSubmit={apply} aria-label="Filters">
        {field('from', 'From', 'date')}
        {field('to', 'To', 'date')}
        {field('actor', 'Actor')}
        {field('action', 'Action')}
        {field('text', 'Text')}
        <button type="submit" className="primary">
          Apply filters
        </button>
        <button type="button" className="secondary" onClick={() => void exportCsv()}>
          Export CSV
        </button>
        <button type="button" className="secondary" onClick={() => void runVerify()}>
          Verify chain
        </button>
      </form>
      <p className="muted small">Action: exact (policy.save) or a prefix ending in a dot (policy.). Text searches actor, action, subject and details.</p>
      {verify && (
        <p className={verify.startsWith('Chain intact') ? 'ok-message' : 'error-message'} role="status" data-testid="verify-result">
          {verify}
        </p>
      )}
      {error && <ErrorMessage error={error} />}
      {result.error && <ErrorMessage error={result.error} onRetry={result.reload} />}
      {result.data && (
        <>
          <p className="muted" data-testid="audit-count">
            {result.data.total} entr{result.data.total === 1 ? 'y' : 'ies'}
            {result.data.total > result.data.entries.length ? ` (newest ${result.data.entries.length} shown)` : ''}
          </p>
          <table className="table audit-table">
            <thead>
              <tr>
                <th>#</th>
                <th>Time (UTC)</th>
                <th>Actor</th>
                <th>Action</th>
                <th>Subject</th>
                <th>Details</th>
              </tr>
            </thead>
            <tbody>
              {result.data.entries.map((e) => (
                <tr key={e.seq} data-testid={`audit-entry-${e.seq}`}>
                  <td>{e.seq}</td>
                  <td className="nowrap">{e.time.replace('T', ' ').slice(0, 19)}</td>
                  <td>{e.actor}</td>
                  <td className="mono">{e.action}</td>
                  <td>{e.subject}</td>
                  <td>
                    <EntryDetails details={e.details} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
