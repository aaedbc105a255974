import { useState } from 'react';
import { ApiError, call } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import type { ImportPreviewDto, PolicyDetailDto } from '../../../../electron/ipc/channels/policy';
import { formatValue } from './format';
import { SignersPanel } from './SignersPanel';

function download(fileName: string, content: string, type: string) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  URL.revokeObjectURL(url);
}

/** Export this policy as a signed bundle; import a bundle after seeing what it changes. */
export function DistributionPanel({ policy, canEdit, onChanged }: { policy: PolicyDetailDto; canEdit: boolean; onChanged: () => void }) {
  const [error, setError] = useState<ApiError>();
  const [content, setContent] = useState<string>();
  const [preview, setPreview] = useState<ImportPreviewDto>();
  const [applied, setApplied] = useState<string>();

  const run = async (fn: () => Promise<void>) => {
    setError(undefined);
    try {
      await fn();
    } catch (e) {
      setError(e as ApiError);
    }
  };

  if (!canEdit) return <p className="notice">Export and import are for System Managers (and not while the form has unsaved changes).</p>;
  return (
    <div className="distribution">
      {error && <ErrorMessage error={error} />}
      <h3>Export</h3>
      <p className="muted">A JSON bundle of version {policy.version}, signed with this station's policy-signing key.</p>
      <button
        type="button"
        className="secondary"
        onClick={() =>
          void run(async () => {
            const r = await call('policy.export', { name: policy.name });
            download(r.fileName, r.content, 'application/json');
          })
        }
      >
        Export signed bundle
      </button>
      <h3>Import</h3>
      <label className="file-pick">
        Policy bundle file
        <input
          type="file"
          accept=".json,application/json"
          onChange={(e) => {
            const file = e.target.files?.[0];
            setPreview(undefined);
            setApplied(undefined);
            if (!file) return;
            void run(async () => {
              const text = await file.text();
              setContent(text);
              setPreview(await call('policy.previewImport', { content: text }));
            });
          }}
        />
      </label>
      {preview && (
        <div className="import-preview" data-testid="import-preview">
          <p>
            {preview.name} version {preview.bundleVersion}, exported by {preview.exportedBy}, signed by {preview.signer.label}
            {preview.signer.own ? ' (this station)' : ''}. {preview.exists ? `This station runs version ${preview.currentVersion}.` : 'This station does not have this policy yet.'}
          </p>
          <table className="table" aria-label="Differences">
            <thead>
              <tr>
                <th>Setting</th>
                <th>This station</th>
                <th>Bundle</th>
              </tr>
            </thead>
            <tbody>
              {preview.changes.length === 0 && (
                <tr>
                  <td colSpan={3}>No differences.</td>
                </tr>
              )}
              {preview.changes.map((c) => (
                <tr key={c.field}>
                  <td>{c.label}</td>
                  <td>{formatValue(c.from)}</td>
                  <td>{formatValue(c.to)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button
            type="button"
            className="primary"
            disabled={preview.changes.length === 0}
            onClick={() =>
              void run(async () => {
                const r = await call('policy.applyImport', { content: content!, baseVersion: preview.currentVersion });
                setPreview(undefined);
                setApplied(`Imported: ${r.policy.name} is now version ${r.policy.version}.`);
                onChanged();
              })
            }
          >
            Apply import
          </button>
        </div>
      )}
      {applied && (
        <p className="ok-message" role="status">
          {applied}
        </p>
      )}
      <SignersPanel />
    </div>
  );
}
