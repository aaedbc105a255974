/**
 * Progress of one issuance for the wizard's step list and progress bar. The renderer gets these over
 * an event channel; nothing in them is secret (no PIN, no key, no APDU data).
 */
export const STEP_LABELS = {
  precheck: 'Check the card',
  'verify-applicant': 'Verify the applicant',
  'reserve-number': 'Reserve a credential number',
  compose: 'Compose the FASC-N and sign the card objects',
  'connect-card': 'Connect to the card',
  'write-chuid': 'Write the CHUID',
  'write-printed-information': 'Write the Printed Information',
  'write-ccc': 'Write the Card Capability Container',
  'write-discovery': 'Write the Discovery Object',
  'write-fingerprints': 'Write the cardholder fingerprints',
  'write-security-object': 'Write the Security Object',
  'set-pin': 'Set the PIN and PUK',
  'rotate-management-key': 'Change the card management key',
  'verify-readback': 'Read back and verify every object',
  record: 'Record the issuance',
} as const;

export type IssuanceStep = keyof typeof STEP_LABELS;
export type StepState = 'running' | 'done' | 'failed' | 'skipped';

export interface IssuanceProgress {
  runId: string;
  step: IssuanceStep;
  label: string;
  state: StepState;
  /** 1-based position of the step in this run's list, and the list length (for the progress bar). */
  index: number;
  total: number;
  /** Short non-secret note ("credential number 000042", "3 objects verified", an error code). */
  note?: string;
}

export type ProgressListener = (e: IssuanceProgress) => void;
