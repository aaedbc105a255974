/**
 * Credential types and their policies (pure data). Each credential type has exactly one credential
 * policy; the policy's Device Issuance section holds exactly the settings of issue 6.
 */
export const REPLACEMENT_REASONS = ['none', 'forgotten', 'damaged', 'expired', 'lost', 'stolen'] as const;
export type ReplacementReason = (typeof REPLACEMENT_REASONS)[number];

export const REPLACEMENT_REASON_LABELS: Readonly<Record<ReplacementReason, string>> = {
  none: 'None',
  forgotten: 'Forgotten',
  damaged: 'Damaged',
  expired: 'Expired',
  lost: 'Lost',
  stolen: 'Stolen',
};

/** FIPS 201-3 §2.8: a PIV card is valid for no more than six years. */
export const MAX_CARD_VALIDITY_YEARS = 6;
export const MIN_CARD_VALIDITY_YEARS = 1;

/** Agency code of non-federal issuers (PIV-I); piv-reference §1.5. */
export const NON_FEDERAL_AGENCY_CODE = '9999';

export interface DeviceIssuance {
  /** DNS name of the HID CMS server. */
  cmsServerKey: string;
  /** Card profile used when programming a new card. */
  cmsCardPolicy: string;
  /** Card profile(s) a replacement may use; the operator picks one when there are several. */
  cmsCardReplacementPolicy: string[];
  defaultReplacementReason: ReplacementReason;
  cardValidityYears: number;
  fascn: { agencyCode: string; systemCode: string };
  verifyApplicantFingerprint: boolean;
  permittedDeviceTypes: { otp: boolean; fido: boolean; derived: boolean };
}

export interface CredentialPolicy {
  name: string;
  credentialType: string;
  version: number;
  deviceIssuance: DeviceIssuance;
}

/** Settings labels the way the UI and the audit diff name them. */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  cmsServerKey: 'CMS Server Key',
  cmsCardPolicy: 'CMS Card Policy',
  cmsCardReplacementPolicy: 'CMS Card Replacement Policy',
  defaultReplacementReason: 'CMS Card Default Replacement Reason',
  cardValidityYears: 'Card Validity',
  'fascn.agencyCode': 'Agency Code',
  'fascn.systemCode': 'System Code',
  verifyApplicantFingerprint: 'Verify Applicant Fingerprint',
  'permittedDeviceTypes.otp': 'OTP',
  'permittedDeviceTypes.fido': 'FIDO Security Keys',
  'permittedDeviceTypes.derived': 'Derived credentials',
};
