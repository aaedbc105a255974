import { REPLACEMENT_REASONS, REPLACEMENT_REASON_LABELS, type ValidationResult } from '../../../../electron/ipc/channels/policy';
import { Field } from './Field';
import { byField, type FormState } from './form-state';

interface Props {
  form: FormState;
  onChange: (patch: Partial<FormState>) => void;
  validation: ValidationResult;
  /** Messages from the station for fields (e.g. a save refused by main). */
  serverErrors: Partial<Record<keyof FormState, string>>;
  profiles: Array<{ name: string; purpose: string; description: string }>;
  readOnly: boolean;
}

/** The Device Issuance section with its Permitted Device Types sub-section. */
export function DeviceIssuanceForm({ form, onChange, validation, serverErrors, profiles, readOnly }: Props) {
  const errors = { ...serverErrors, ...byField(validation.errors) };
  const notes = byField(validation.notes);
  const suggestions = byField(validation.suggestions);
  const text = (id: keyof FormState, label: string, hint?: string, extra?: { list?: string; inputMode?: 'numeric' }) => (
    <Field id={id} label={label} hint={hint} error={errors[id]} note={notes[id]} suggestion={suggestions[id]} onSuggest={(v) => onChange({ [id]: v } as Partial<FormState>)} disabled={readOnly}>
      <input
        id={id}
        name={id}
        value={form[id] as string}
        onChange={(e) => onChange({ [id]: e.target.value } as Partial<FormState>)}
        disabled={readOnly}
        aria-invalid={errors[id] ? true : undefined}
        aria-describedby={errors[id] ? `${id}-error` : undefined}
        list={extra?.list}
        inputMode={extra?.inputMode}
        autoComplete="off"
      />
    </Field>
  );
  const yesNo = (id: 'verifyApplicantFingerprint' | 'otp' | 'fido' | 'derived', label: string) => (
    <Field id={id} label={label} error={errors[id]} note={notes[id]} disabled={readOnly}>
      <select id={id} name={id} value={form[id] ? 'yes' : 'no'} onChange={(e) => onChange({ [id]: e.target.value === 'yes' } as Partial<FormState>)} disabled={readOnly}>
        <option value="yes">Yes</option>
        <option value="no">No</option>
      </select>
    </Field>
  );
  const profileNames = profiles.map((p) => p.name).join(', ');
  return (
    <div className="form-grid">
      {text('cmsServerKey', 'CMS Server Key', 'DNS name of the HID CMS server, e.g. cms.example.gov')}
      <datalist id="card-profiles">
        {profiles.map((p) => (
          <option key={p.name} value={p.name}>
            {p.description}
          </option>
        ))}
      </datalist>
      {text('cmsCardPolicy', 'CMS Card Policy', `Card profile for new cards. Known: ${profileNames}`, { list: 'card-profiles' })}
      {text('cmsCardReplacementPolicy', 'CMS Card Replacement Policy', 'One or more card profiles, separated by commas; with several, the operator picks one at replacement')}
      <Field id="defaultReplacementReason" label="CMS Card Default Replacement Reason" error={errors.defaultReplacementReason} disabled={readOnly}>
        <select id="defaultReplacementReason" name="defaultReplacementReason" value={form.defaultReplacementReason} onChange={(e) => onChange({ defaultReplacementReason: e.target.value })} disabled={readOnly}>
          {REPLACEMENT_REASONS.map((r) => (
            <option key={r} value={r}>
              {REPLACEMENT_REASON_LABELS[r]}
            </option>
          ))}
        </select>
      </Field>
      {text('cardValidityYears', 'Card Validity', 'Years, 1 to 6 (FIPS 201-3)', { inputMode: 'numeric' })}
      <fieldset className="sub-section">
        <legend>FASC-N</legend>
        {text('agencyCode', 'Agency Code', '4 digits (SP 800-87)', { inputMode: 'numeric' })}
        {text('systemCode', 'System Code', '4 digits', { inputMode: 'numeric' })}
      </fieldset>
      {yesNo('verifyApplicantFingerprint', 'Verify Applicant Fingerprint')}
      <fieldset className="sub-section" aria-labelledby="permitted-title">
        <legend id="permitted-title">Permitted Device Types</legend>
        {yesNo('otp', 'OTP')}
        {yesNo('fido', 'FIDO Security Keys')}
        {yesNo('derived', 'Derived credentials')}
      </fieldset>
    </div>
  );
}
