import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, call } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { validateDeviceIssuance, type PolicyDetailDto, type CardProfile } from '../../../../electron/ipc/channels/policy';
import type { SignedInOperator } from '../auth/RequireSignIn';
import { DeviceIssuanceForm } from './DeviceIssuanceForm';
import { HistoryPanel } from './HistoryPanel';
import { DistributionPanel } from './DistributionPanel';
import { byField, fromPolicy, toInput, type FormState } from './form-state';
import { useUnsavedGuard } from './useUnsavedGuard';
import { hrefFor } from './routes';
import { formatTime, formatValue } from './format';

type Tab = 'device' | 'history' | 'distribution';
interface Loaded {
  policy: PolicyDetailDto;
  profiles: CardProfile[];
  canEdit: boolean;
}

/** Configure Policy: the Device Issuance section, version history with revert, export/import. */
export function PolicyEditor({ name, operator }: { name: string; operator: SignedInOperator }) {
  const [loaded, setLoaded] = useState<Loaded>();
  const [loadError, setLoadError] = useState<ApiError>();
  const [form, setForm] = useState<FormState>();
  const [tab, setTab] = useState<Tab>('device');
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ApiError>();
  const [saved, setSaved] = useState<string>();

  const load = useCallback(async () => {
    try {
      const r = await call('policy.get', { name });
      setLoaded({ policy: r.policy, profiles: r.cardProfiles, canEdit: r.canEdit });
      setForm(fromPolicy(r.policy.deviceIssuance));
      setLoadError(undefined);
      setSaveError(undefined);
    } catch (e) {
      setLoadError(e as ApiError);
    }
  }, [name]);
  useEffect(() => void load(), [load]);

  const profileNames = useMemo(() => (loaded ? loaded.profiles.map((p) => p.name) : []), [loaded]);
  const validation = useMemo(() => (form ? validateDeviceIssuance(toInput(form), profileNames) : undefined), [form, profileNames]);
  const dirty = !!(form && loaded && JSON.stringify(toInput(form)) !== JSON.stringify(toInput(fromPolicy(loaded.policy.deviceIssuance))));
  const guard = useUnsavedGuard(dirty);

  if (loadError) return <ErrorMessage error={loadError} onRetry={() => void load()} />;
  if (!loaded || !form || !validation) return <p className="muted">Loading policy…</p>;
  const { policy, canEdit } = loaded;
  const readOnly = !canEdit;
  const serverErrors = saveError?.code === 'POLICY_INVALID' ? byField((saveError.details?.fieldErrors as Record<string, string>) ?? {}) : {};

  async function save() {
    if (!form || !validation?.ok) return;
    setSaving(true);
    setSaveError(undefined);
    setSaved(undefined);
    try {
      const r = await call('policy.save', { name: policy.name, baseVersion: policy.version, deviceIssuance: toInput(form) });
      setLoaded((l) => l && { ...l, policy: r.policy });
      setForm(fromPolicy(r.policy.deviceIssuance));
      setSaved(r.changes.length ? `Saved as version ${r.policy.version}: ${r.changes.map((c) => `${c.label} ${formatValue(c.from)} → ${formatValue(c.to)}`).join('; ')}.` : 'Nothing changed.');
    } catch (e) {
      setSaveError(e as ApiError);
    } finally {
      setSaving(false);
    }
  }

  return (
    <section aria-labelledby="policy-title" className="policy-editor">
      <p>
        <a href={hrefFor({ view: 'types' })}>← Credential Types</a>
      </p>
      <h2 id="policy-title">Configure Policy: {policy.name}</h2>
      <p className="muted" data-testid="policy-version">
        Credential type {policy.credentialType}. This station runs version {policy.version} ({policy.source} by {policy.updatedBy}, {formatTime(policy.updatedAt)}).
      </p>
      {readOnly && (
        <p className="notice" data-testid="read-only-notice">
          Read-only: only a System Manager can change policy. You are signed in as {operator.name}.
        </p>
      )}
      <div role="tablist" className="tabs" aria-label="Policy sections">
        {(
          [
            ['device', 'Device Issuance'],
            ['history', 'Version History'],
            ['distribution', 'Export / Import'],
          ] as Array<[Tab, string]>
        ).map(([id, label]) => (
          <button key={id} type="button" role="tab" id={`tab-${id}`} aria-selected={tab === id} aria-controls={`panel-${id}`} onClick={() => setTab(id)}>
            {label}
          </button>
        ))}
      </div>

      {tab === 'device' && (
        <div role="tabpanel" id="panel-device" aria-labelledby="tab-device">
          {saveError?.code === 'POLICY_CHANGED' ? (
            <div className="error-message" role="alert" data-testid="conflict">
              <p>{saveError.message}</p>
              <button type="button" className="secondary" onClick={() => void load()}>
                Reload
              </button>
            </div>
          ) : (
            saveError && <ErrorMessage error={saveError} />
          )}
          {saved && (
            <p className="ok-message" role="status">
              {saved}
            </p>
          )}
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <DeviceIssuanceForm
              form={form}
              onChange={(patch) => {
                setSaved(undefined);
                setForm((f) => f && { ...f, ...patch });
              }}
              validation={validation}
              serverErrors={serverErrors}
              profiles={loaded.profiles}
              readOnly={readOnly}
            />
            <div className="form-actions">
              <button type="submit" className="primary" disabled={readOnly || saving || !dirty || !validation.ok} title={readOnly ? 'Only a System Manager can save policy' : undefined}>
                Save Changes
              </button>
              {dirty && !readOnly && (
                <button type="button" className="secondary" onClick={() => setForm(fromPolicy(policy.deviceIssuance))}>
                  Discard changes
                </button>
              )}
              {dirty && <span className="muted">Unsaved changes</span>}
            </div>
          </form>
        </div>
      )}
      {tab === 'history' && (
        <div role="tabpanel" id="panel-history" aria-labelledby="tab-history">
          <HistoryPanel key={policy.version} policy={policy} canEdit={canEdit && !dirty} onChanged={() => void load()} />
        </div>
      )}
      {tab === 'distribution' && (
        <div role="tabpanel" id="panel-distribution" aria-labelledby="tab-distribution">
          <DistributionPanel policy={policy} canEdit={canEdit && !dirty} onChanged={() => void load()} />
        </div>
      )}

      {guard.pending !== null && (
        <div className="modal-backdrop">
          <div role="alertdialog" aria-modal="true" aria-labelledby="unsaved-title" className="modal">
            <h3 id="unsaved-title">Unsaved changes</h3>
            <p>You changed this policy and did not save. Leave and discard the changes?</p>
            <div className="form-actions">
              <button type="button" className="secondary" onClick={guard.stay} autoFocus>
                Keep editing
              </button>
              <button type="button" className="danger" onClick={guard.leave}>
                Discard and leave
              </button>
            </div>
          </div>
        </div>
      )}
    </section>
  );
}
