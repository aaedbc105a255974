import type { DeviceIssuance } from './model';

/**
 * The credential type and policy seeded on first run so a fresh station works out of the box.
 * TEST VALUES: agency code 0032 / system code 0001 are the worked example of the TIG (piv-reference
 * §1.2), not your agency's SP 800-87 code. A System Manager sets the real ones before issuing.
 * (0000 is not usable: the agency and system codes must be non-zero.)
 */
export const DEFAULT_CREDENTIAL_TYPE = {
  name: 'PIV Employee',
  description: 'Seeded on first run with TEST agency/system codes (0032/0001, the TIG example). Set your SP 800-87 codes before issuing real cards.',
};

export const DEFAULT_POLICY_NAME = 'PIV Standard';

export const DEFAULT_DEVICE_ISSUANCE: DeviceIssuance = {
  cmsServerKey: 'cms.station.test',
  cmsCardPolicy: 'PIV-Standard-Initial',
  cmsCardReplacementPolicy: ['PIV-Standard-Replacement', 'PIV-Auth-Only-Replacement'],
  defaultReplacementReason: 'damaged',
  cardValidityYears: 6,
  fascn: { agencyCode: '0032', systemCode: '0001' },
  verifyApplicantFingerprint: true,
  permittedDeviceTypes: { otp: false, fido: true, derived: false },
};
