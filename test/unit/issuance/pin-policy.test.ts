import { describe, expect, it } from 'vitest';
import { assertAcceptablePin, checkPin } from '../../../electron/issuance/pin-policy';

describe('applicant PIN rules (6–8 digits, weak PINs refused)', () => {
  it.each([
    ['12345', 'format'],
    ['123456789', 'format'],
    ['12a456', 'format'],
    ['111111', 'repeated'],
    ['00000000', 'repeated'],
    ['123456', 'sequential'],
    ['12345678', 'sequential'],
    ['654321', 'sequential'],
    ['890123', 'sequential'],
    ['121212', 'pattern'],
    ['123123', 'pattern'],
    ['12341234', 'pattern'],
    ['147258', 'well-known'],
    ['112233', 'well-known'],
  ])('%s is refused (%s)', (pin, rule) => {
    expect(checkPin(pin)).toMatchObject({ ok: false, rule });
  });

  it('refuses a PIN that is part of the person identifier', () => {
    expect(checkPin('917406', { personIdentifier: '2345917406' })).toMatchObject({ ok: false, rule: 'personal' });
    expect(checkPin('917406')).toEqual({ ok: true });
  });

  it.each(['470219', '83920514', '2719364'])('%s is accepted', (pin) => {
    expect(checkPin(pin, { personIdentifier: '1234567890' })).toEqual({ ok: true });
  });

  it('throws a typed error whose message and details never contain the PIN', () => {
    try {
      assertAcceptablePin('345678');
      expect.unreachable();
    } catch (e) {
      const err = e as { code: string; message: string; details: unknown };
      expect(err.code).toBe('WEAK_PIN');
      expect(err.message + JSON.stringify(err.details)).not.toContain('345678');
    }
  });
});
