/**
 * Card expiration (F201 §2.8, App. E; piv-reference §4 "Date arithmetic"): issue date + the policy's
 * validity years, never more than six years, never later than the content-signing certificate allows
 * (the card is valid through the whole expiration day, so the signer must still be valid at its end),
 * and never more than 12 years after the enrolled biometrics were captured. Adding years to 29 February
 * lands on 28 February so the limit is never exceeded. Days are ISO `YYYY-MM-DD` in UTC.
 */
import { InvalidInputError, StationError } from '../common/errors';
import { MAX_CARD_VALIDITY_YEARS } from '../policy/model/model';

/** F201 §2.6: enrollment biometrics may back a card for at most 12 years after capture. */
export const BIOMETRIC_MAX_AGE_YEARS = 12;
const DAY_MS = 86_400_000;

export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function parts(day: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new InvalidInputError('INVALID_DATE', `"${day}" is not a YYYY-MM-DD date.`, { value: day });
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Same month and day `years` later; 29 February becomes 28 February in a non-leap year. */
export function addYears(day: string, years: number): string {
  const [y, m, d] = parts(day);
  const ty = y + years;
  const last = new Date(Date.UTC(ty, m, 0)).getUTCDate();
  return `${String(ty).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The last whole UTC day that ends at or before `instant`. */
export function lastWholeDayBefore(instant: Date): string {
  return isoDay(new Date(Math.floor((instant.getTime() + 1) / DAY_MS) * DAY_MS - DAY_MS));
}

export type ExpirationLimit = 'policy' | 'content-signer' | 'biometric-age';

export interface ExpirationInput {
  issueDate: Date;
  validityYears: number;
  /** notAfter of the content-signing certificate. */
  signerNotAfter: Date;
  /** When the enrolled fingerprints were captured, if known. */
  biometricCapturedAt?: Date;
}

export interface Expiration {
  expirationDate: string;
  /** Which rule set the date. */
  limitedBy: ExpirationLimit;
}

export function computeExpiration(input: ExpirationInput): Expiration {
  const years = input.validityYears;
  if (!Number.isInteger(years) || years < 1 || years > MAX_CARD_VALIDITY_YEARS) {
    throw new InvalidInputError('CARD_VALIDITY_INVALID', `Card validity must be 1 to ${MAX_CARD_VALIDITY_YEARS} whole years (FIPS 201-3 §2.8); the policy says ${String(years)}.`, { validityYears: years });
  }
  const issue = isoDay(input.issueDate);
  const candidates: Array<{ day: string; limitedBy: ExpirationLimit }> = [
    { day: addYears(issue, years), limitedBy: 'policy' },
    { day: lastWholeDayBefore(input.signerNotAfter), limitedBy: 'content-signer' },
  ];
  if (input.biometricCapturedAt) candidates.push({ day: addYears(isoDay(input.biometricCapturedAt), BIOMETRIC_MAX_AGE_YEARS), limitedBy: 'biometric-age' });
  const chosen = candidates.reduce((a, b) => (b.day < a.day ? b : a));
  if (chosen.day <= issue) {
    const what = chosen.limitedBy === 'content-signer' ? 'the content-signing certificate has expired or expires today' : 'the enrolled fingerprints are older than 12 years';
    throw new StationError('CARD_EXPIRATION_IMPOSSIBLE', `No card can be issued: ${what}. ${chosen.limitedBy === 'content-signer' ? 'Import a new content-signing certificate.' : 'Re-enrol the applicant.'}`, { limitedBy: chosen.limitedBy });
  }
  return { expirationDate: chosen.day, limitedBy: chosen.limitedBy };
}
