import { describe, expect, it } from 'vitest';
import { addYears, computeExpiration, lastWholeDayBefore } from '../../../electron/issuance/expiration';

const d = (iso: string) => new Date(iso);

describe('card expiration arithmetic (FIPS 201-3 §2.8, piv-reference §4)', () => {
  it('adds whole years; 29 February lands on 28 February in a non-leap year, stays 29 in a leap year', () => {
    expect(addYears('2024-02-29', 6)).toBe('2030-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2026-11-28', 6)).toBe('2032-11-28');
    expect(addYears('2025-12-31', 1)).toBe('2026-12-31');
  });

  it('issue date + policy years when the signer and biometrics allow it', () => {
    expect(computeExpiration({ issueDate: d('2024-02-29T10:00:00Z'), validityYears: 6, signerNotAfter: d('2035-01-01T00:00:00Z') })).toEqual({ expirationDate: '2030-02-28', limitedBy: 'policy' });
  });

  it('refuses validity above six years or below one', () => {
    for (const years of [7, 0, 2.5]) {
      expect(() => computeExpiration({ issueDate: d('2026-01-01T00:00:00Z'), validityYears: years, signerNotAfter: d('2040-01-01T00:00:00Z') })).toThrow(/1 to 6 whole years/);
    }
  });

  it('never beyond the content-signing certificate: the card must end before the signer does', () => {
    // Signer ends mid-day 2029-06-15: the last whole day covered is 2029-06-14.
    expect(computeExpiration({ issueDate: d('2026-01-01T00:00:00Z'), validityYears: 6, signerNotAfter: d('2029-06-15T12:00:00Z') })).toEqual({ expirationDate: '2029-06-14', limitedBy: 'content-signer' });
    // Signer valid through the end of 2029-06-15 (23:59:59Z) covers that day.
    expect(lastWholeDayBefore(d('2029-06-15T23:59:59.999Z'))).toBe('2029-06-15');
    expect(lastWholeDayBefore(d('2029-06-15T23:59:59.000Z'))).toBe('2029-06-14');
  });

  it('never more than 12 years after the enrolled biometrics were captured', () => {
    expect(computeExpiration({ issueDate: d('2026-01-01T00:00:00Z'), validityYears: 6, signerNotAfter: d('2040-01-01T00:00:00Z'), biometricCapturedAt: d('2016-03-01T00:00:00Z') })).toEqual({ expirationDate: '2028-03-01', limitedBy: 'biometric-age' });
  });

  it('refuses to issue when the content signer has expired', () => {
    expect(() => computeExpiration({ issueDate: d('2026-01-01T00:00:00Z'), validityYears: 6, signerNotAfter: d('2026-01-01T08:00:00Z') })).toThrow(/content-signing certificate/);
  });
});
