import { describe, expect, it } from 'vitest';
import { nextIci, parseReplacementReason, planReplacement } from '../../../electron/issuance/replacement';

const old = { credentialNumber: '000042', ici: '1', expirationDate: '2030-01-01' };

describe('replacement rules (FIPS 201-3 §2.9.1 reissuance)', () => {
  it.each([
    ['lost', 'revoke', 'revoked', false],
    ['stolen', 'revoke', 'revoked', false],
    ['damaged', 'supersede', 'superseded', false],
    ['expired', 'supersede', 'superseded', false],
    ['forgotten', 'keep-active', 'active', true],
  ] as const)('%s → old card %s (%s), temporary new card: %s', (reason, action, status, temporary) => {
    const p = planReplacement(reason, old);
    expect(p).toMatchObject({ reason, oldCardAction: action, oldCardStatus: status, temporary, newIci: '2' });
    expect(p.summary.join(' ')).toContain('000042');
  });

  it('ICI goes up by one and wraps 9 → 0 (one digit)', () => {
    expect(nextIci('1')).toBe('2');
    expect(nextIci('9')).toBe('0');
    expect(() => nextIci('12')).toThrow();
  });

  it('takes the policy default when no reason is given, and refuses "none" or unknown reasons', () => {
    expect(parseReplacementReason(undefined, 'damaged')).toBe('damaged');
    expect(parseReplacementReason('', 'lost')).toBe('lost');
    expect(() => parseReplacementReason('none')).toThrow(/needs a reason/);
    expect(() => parseReplacementReason('misplaced')).toThrow(/needs a reason/);
    expect(() => parseReplacementReason(undefined, 'none')).toThrow(/needs a reason/);
  });
});
