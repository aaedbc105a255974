import type { DeviceIssuance, DeviceIssuanceInput } from '../../../../electron/ipc/channels/policy';

/** The Device Issuance form as typed: text where the person types, booleans for Yes/No. */
export interface FormState {
  cmsServerKey: string;
  cmsCardPolicy: string;
  /** Comma-separated profile names. */
  cmsCardReplacementPolicy: string;
  defaultReplacementReason: string;
  cardValidityYears: string;
  agencyCode: string;
  systemCode: string;
  verifyApplicantFingerprint: boolean;
  otp: boolean;
  fido: boolean;
  derived: boolean;
}

export const fromPolicy = (d: DeviceIssuance): FormState => ({
  cmsServerKey: d.cmsServerKey,
  cmsCardPolicy: d.cmsCardPolicy,
  cmsCardReplacementPolicy: d.cmsCardReplacementPolicy.join(', '),
  defaultReplacementReason: d.defaultReplacementReason,
  cardValidityYears: String(d.cardValidityYears),
  agencyCode: d.fascn.agencyCode,
  systemCode: d.fascn.systemCode,
  verifyApplicantFingerprint: d.verifyApplicantFingerprint,
  otp: d.permittedDeviceTypes.otp,
  fido: d.permittedDeviceTypes.fido,
  derived: d.permittedDeviceTypes.derived,
});

export const toInput = (f: FormState): DeviceIssuanceInput => ({
  cmsServerKey: f.cmsServerKey,
  cmsCardPolicy: f.cmsCardPolicy,
  cmsCardReplacementPolicy: f.cmsCardReplacementPolicy
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
  defaultReplacementReason: f.defaultReplacementReason,
  cardValidityYears: f.cardValidityYears,
  fascn: { agencyCode: f.agencyCode, systemCode: f.systemCode },
  verifyApplicantFingerprint: f.verifyApplicantFingerprint,
  permittedDeviceTypes: { otp: f.otp, fido: f.fido, derived: f.derived },
});

/** Validation keys (dotted paths) → form field ids. */
export const FIELD_IDS: Record<string, keyof FormState> = {
  cmsServerKey: 'cmsServerKey',
  cmsCardPolicy: 'cmsCardPolicy',
  cmsCardReplacementPolicy: 'cmsCardReplacementPolicy',
  defaultReplacementReason: 'defaultReplacementReason',
  cardValidityYears: 'cardValidityYears',
  'fascn.agencyCode': 'agencyCode',
  'fascn.systemCode': 'systemCode',
  verifyApplicantFingerprint: 'verifyApplicantFingerprint',
  'permittedDeviceTypes.otp': 'otp',
  'permittedDeviceTypes.fido': 'fido',
  'permittedDeviceTypes.derived': 'derived',
};

export const byField = (m: Record<string, string>): Partial<Record<keyof FormState, string>> =>
  Object.fromEntries(Object.entries(m).map(([k, v]) => [FIELD_IDS[k] ?? k, v]));
