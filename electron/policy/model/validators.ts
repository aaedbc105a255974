import { checkCmsServerKey } from './host-name';
import { MAX_CARD_VALIDITY_YEARS, MIN_CARD_VALIDITY_YEARS, NON_FEDERAL_AGENCY_CODE, REPLACEMENT_REASONS, type DeviceIssuance, type ReplacementReason } from './model';

/** What the UI sends: form values, where numbers may still be text. */
export interface DeviceIssuanceInput {
  cmsServerKey: string;
  cmsCardPolicy: string;
  cmsCardReplacementPolicy: string[];
  defaultReplacementReason: string;
  cardValidityYears: number | string;
  fascn: { agencyCode: string; systemCode: string };
  verifyApplicantFingerprint: boolean;
  permittedDeviceTypes: { otp: boolean; fido: boolean; derived: boolean };
}

/** Keyed by field path (e.g. `fascn.agencyCode`), each message shown beside its field. */
export interface ValidationResult {
  ok: boolean;
  errors: Record<string, string>;
  /** Informational messages that do not block saving (e.g. PIV-I rules for agency 9999). */
  notes: Record<string, string>;
  /** A corrected value the UI can offer with one click. */
  suggestions: Record<string, string>;
  /** The normalized settings when `ok`. */
  value?: DeviceIssuance;
}

const knownList = (known: readonly string[]) => (known.length ? known.join(', ') : '(none defined)');

export function checkCode(label: 'Agency Code' | 'System Code', raw: unknown): { error?: string; suggestion?: string } {
  const value = typeof raw === 'string' ? raw.trim() : '';
  if (value === '') return { error: `Enter the ${label}: exactly 4 digits.` };
  if (!/^\d+$/.test(value)) return { error: `${label} must be exactly 4 digits (0–9 only).` };
  if (value.length < 4) {
    const padded = value.padStart(4, '0');
    return { error: `${label} must be exactly 4 digits; you entered ${value.length}. If your code is shorter, pad it with leading zeros (${padded}).`, suggestion: padded };
  }
  if (value.length > 4) return { error: `${label} must be exactly 4 digits; you entered ${value.length}.` };
  if (value === '0000') return { error: `${label} cannot be 0000: FASC-N agency and system codes must be non-zero (SP 800-73-4; agency codes per SP 800-87).` };
  return {};
}

export function checkCardValidity(raw: unknown): { error?: string; value?: number } {
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  if (text === '') return { error: `Enter how many years the card is valid (${MIN_CARD_VALIDITY_YEARS} to ${MAX_CARD_VALIDITY_YEARS}).` };
  const n = Number(text);
  if (!/^-?[\d.]+$/.test(text) || text.split('.').length > 2 || !Number.isFinite(n)) return { error: `Card Validity must be a whole number of years from ${MIN_CARD_VALIDITY_YEARS} to ${MAX_CARD_VALIDITY_YEARS}.` };
  if (!Number.isInteger(n)) return { error: `Card Validity must be a whole number of years (${MIN_CARD_VALIDITY_YEARS} to ${MAX_CARD_VALIDITY_YEARS}), not ${text}.` };
  if (n < MIN_CARD_VALIDITY_YEARS) return { error: `Card Validity must be at least ${MIN_CARD_VALIDITY_YEARS} year.` };
  if (n > MAX_CARD_VALIDITY_YEARS) return { error: `Card Validity cannot exceed ${MAX_CARD_VALIDITY_YEARS} years: FIPS 201-3 (§2.8) caps a PIV card at six years.` };
  return { value: n };
}

export function checkCardPolicy(raw: unknown, known: readonly string[]): { error?: string } {
  const value = typeof raw === 'string' ? raw.trim() : '';
  if (value === '') return { error: `Choose the card profile used to program new cards. Known profiles: ${knownList(known)}.` };
  if (!known.includes(value)) return { error: `Unknown card profile '${value}'. Known profiles: ${knownList(known)}.` };
  return {};
}

export function checkReplacementPolicy(raw: unknown, known: readonly string[]): { error?: string } {
  const list = Array.isArray(raw) ? raw.map((v) => (typeof v === 'string' ? v.trim() : '')) : [];
  if (list.length === 0 || list.every((v) => v === '')) return { error: `Choose at least one card profile for replacement cards. Known profiles: ${knownList(known)}.` };
  const unknown = list.filter((v) => !known.includes(v));
  if (unknown.length) return { error: `Unknown card profile${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `'${u}'`).join(', ')}. Known profiles: ${knownList(known)}.` };
  const dup = list.find((v, i) => list.indexOf(v) !== i);
  if (dup) return { error: `'${dup}' is listed twice; list each replacement profile once.` };
  return {};
}

export function checkReplacementReason(raw: unknown): { error?: string } {
  return typeof raw === 'string' && (REPLACEMENT_REASONS as readonly string[]).includes(raw) ? {} : { error: `Choose one of: ${REPLACEMENT_REASONS.join(', ')}.` };
}

const yesNo = (raw: unknown) => (typeof raw === 'boolean' ? {} : { error: 'Choose Yes or No.' });

export const PIV_I_NOTE =
  'Agency Code 9999 marks a non-federal issuer: PIV-I rules apply. The System Code must be 9999 and the credential number 999999 (the "14 nines"), and the card is identified by its card UUID (GUID) instead of the FASC-N.';
export const NO_FINGERPRINT_NOTE =
  'With No, every release needs the FIPS 201-3 fallback instead: two identity documents and a comparison with the printed photo, attested by the operator.';

/** Checks every Device Issuance field against the card profiles this station knows. */
export function validateDeviceIssuance(input: DeviceIssuanceInput, knownProfiles: readonly string[]): ValidationResult {
  const errors: Record<string, string> = {};
  const notes: Record<string, string> = {};
  const suggestions: Record<string, string> = {};
  const put = (field: string, r: { error?: string; suggestion?: string }) => {
    if (r.error) errors[field] = r.error;
    if (r.suggestion) suggestions[field] = r.suggestion;
  };
  put('cmsServerKey', checkCmsServerKey(input?.cmsServerKey));
  put('cmsCardPolicy', checkCardPolicy(input?.cmsCardPolicy, knownProfiles));
  put('cmsCardReplacementPolicy', checkReplacementPolicy(input?.cmsCardReplacementPolicy, knownProfiles));
  put('defaultReplacementReason', checkReplacementReason(input?.defaultReplacementReason));
  const validity = checkCardValidity(input?.cardValidityYears);
  put('cardValidityYears', validity);
  const agency = typeof input?.fascn?.agencyCode === 'string' ? input.fascn.agencyCode.trim() : '';
  put('fascn.agencyCode', checkCode('Agency Code', input?.fascn?.agencyCode));
  put('fascn.systemCode', checkCode('System Code', input?.fascn?.systemCode));
  if (agency === NON_FEDERAL_AGENCY_CODE) {
    notes['fascn.agencyCode'] = PIV_I_NOTE;
    const system = typeof input?.fascn?.systemCode === 'string' ? input.fascn.systemCode.trim() : '';
    if (!errors['fascn.systemCode'] && system !== NON_FEDERAL_AGENCY_CODE) {
      errors['fascn.systemCode'] = 'With Agency Code 9999 (PIV-I, non-federal issuer) the System Code must be 9999.';
      suggestions['fascn.systemCode'] = NON_FEDERAL_AGENCY_CODE;
    }
  }
  put('verifyApplicantFingerprint', yesNo(input?.verifyApplicantFingerprint));
  if (input?.verifyApplicantFingerprint === false) notes.verifyApplicantFingerprint = NO_FINGERPRINT_NOTE;
  for (const k of ['otp', 'fido', 'derived'] as const) put(`permittedDeviceTypes.${k}`, yesNo(input?.permittedDeviceTypes?.[k]));

  const ok = Object.keys(errors).length === 0;
  const result: ValidationResult = { ok, errors, notes, suggestions };
  if (ok) {
    result.value = {
      cmsServerKey: input.cmsServerKey.trim().toLowerCase(),
      cmsCardPolicy: input.cmsCardPolicy.trim(),
      cmsCardReplacementPolicy: input.cmsCardReplacementPolicy.map((v) => v.trim()),
      defaultReplacementReason: input.defaultReplacementReason as ReplacementReason,
      cardValidityYears: validity.value!,
      fascn: { agencyCode: input.fascn.agencyCode.trim(), systemCode: input.fascn.systemCode.trim() },
      verifyApplicantFingerprint: input.verifyApplicantFingerprint,
      permittedDeviceTypes: { otp: input.permittedDeviceTypes.otp, fido: input.permittedDeviceTypes.fido, derived: input.permittedDeviceTypes.derived },
    };
  }
  return result;
}
