/**
 * The applicant's PIN (F201 §4.3.1: at least six digits and not easily guessable; 73-4 P2: 6–8 ASCII
 * digits). Refused: one repeated digit, ascending or descending runs (wrapping 9→0 too), short repeated
 * patterns (121212, 123123, 12341234), a handful of well-known PINs and any PIN that appears inside the
 * applicant's person identifier. The reason names the rule, never the PIN.
 */
import { InvalidInputError } from '../common/errors';

export const PIN_MIN_LENGTH = 6;
export const PIN_MAX_LENGTH = 8;
/** Widely used PINs that no rule below already catches (keypad patterns, years). */
const WELL_KNOWN = new Set(['147258', '258369', '159753', '753951', '142536', '112233', '11223344', '102030', '010203', '199001', '200000', '696969', '131313', '520520', '147852', '987456']);

export type WeakPinRule = 'format' | 'repeated' | 'sequential' | 'pattern' | 'well-known' | 'personal';

export interface PinCheck {
  ok: boolean;
  rule?: WeakPinRule;
  message?: string;
}

const MESSAGES: Record<WeakPinRule, string> = {
  format: `The PIN must be ${PIN_MIN_LENGTH} to ${PIN_MAX_LENGTH} digits.`,
  repeated: 'The PIN repeats one digit. Choose a PIN that is hard to guess.',
  sequential: 'The PIN is a run of consecutive digits (like 123456 or 987654). Choose a PIN that is hard to guess.',
  pattern: 'The PIN repeats a short pattern (like 121212 or 123123). Choose a PIN that is hard to guess.',
  'well-known': 'The PIN is one of the most common PINs. Choose a PIN that is hard to guess.',
  personal: 'The PIN is part of your person identifier. Choose a PIN that is not printed on your records.',
};

function isRun(pin: string, step: 1 | -1): boolean {
  for (let i = 1; i < pin.length; i++) {
    if ((Number(pin[i - 1]) + step + 10) % 10 !== Number(pin[i])) return false;
  }
  return true;
}

function hasShortPeriod(pin: string): boolean {
  for (let period = 2; period <= pin.length / 2; period++) {
    if (pin.length % period !== 0) continue;
    if (pin === pin.slice(0, period).repeat(pin.length / period)) return true;
  }
  return false;
}

export function checkPin(pin: string, personal: { personIdentifier?: string } = {}): PinCheck {
  const fail = (rule: WeakPinRule): PinCheck => ({ ok: false, rule, message: MESSAGES[rule] });
  if (typeof pin !== 'string' || pin.length < PIN_MIN_LENGTH || pin.length > PIN_MAX_LENGTH || !/^[0-9]+$/.test(pin)) return fail('format');
  if (/^(\d)\1*$/.test(pin)) return fail('repeated');
  if (isRun(pin, 1) || isRun(pin, -1)) return fail('sequential');
  if (hasShortPeriod(pin)) return fail('pattern');
  if (WELL_KNOWN.has(pin)) return fail('well-known');
  if (personal.personIdentifier && personal.personIdentifier.includes(pin)) return fail('personal');
  return { ok: true };
}

/** Throws InvalidInputError (code WEAK_PIN or PIN_FORMAT) with the rule in details. */
export function assertAcceptablePin(pin: string, personal: { personIdentifier?: string } = {}): void {
  const r = checkPin(pin, personal);
  if (!r.ok) throw new InvalidInputError(r.rule === 'format' ? 'PIN_FORMAT' : 'WEAK_PIN', r.message!, { rule: r.rule });
}
