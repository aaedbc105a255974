import { describe, expect, it } from 'vitest';
import { checkCardPolicy, checkCardValidity, checkCode, checkReplacementPolicy, checkReplacementReason, validateDeviceIssuance, PIV_I_NOTE, NO_FINGERPRINT_NOTE, type DeviceIssuanceInput } from '../../../electron/policy/model/validators';
import { checkCmsServerKey, isHostName } from '../../../electron/policy/model/host-name';
import { DEFAULT_DEVICE_ISSUANCE } from '../../../electron/policy/model/defaults';
import { DEFAULT_CARD_PROFILES } from '../../../electron/policy/model/card-profiles';

const KNOWN = DEFAULT_CARD_PROFILES.map((p) => p.name);
const base = (): DeviceIssuanceInput => structuredClone(DEFAULT_DEVICE_ISSUANCE);

describe('CMS Server Key', () => {
  it.each([
    ['https://id.example.com/aims/enterprise/operator', 'id.example.com'],
    ['https://id.example.com:8443/aims/enterprise/operator', 'id.example.com'],
    ['http://CMS.Example.gov:80/', 'cms.example.gov'],
    ['id.example.com:8443', 'id.example.com'],
    ['id.example.com/aims', 'id.example.com'],
    ['https://user@id.example.com/x?y=1#z', 'id.example.com'],
  ])('a pasted URL %s offers just the host %s', (input, host) => {
    const r = checkCmsServerKey(input);
    expect(r.error).toBe(`Enter the host name only, without scheme, port or path. Did you mean ${host}?`);
    expect(r.suggestion).toBe(host);
  });

  it.each(['id.example.com', 'cms', 'a-b.c-d.example', `${'a'.repeat(63)}.gov`])('accepts the host name %s', (h) => {
    expect(checkCmsServerKey(h)).toEqual({});
  });

  it('refuses empty, IP addresses, bad labels, and offers the trimmed or dot-less form', () => {
    expect(checkCmsServerKey('').error).toMatch(/Enter the DNS name of the HID CMS server/);
    expect(checkCmsServerKey('10.1.2.3').error).toMatch(/not an IP address/);
    expect(checkCmsServerKey('-bad.example.com').error).toMatch(/Not a valid host name/);
    expect(checkCmsServerKey(`${'a'.repeat(64)}.gov`).error).toMatch(/Not a valid host name/);
    expect(checkCmsServerKey('under_score.example').error).toMatch(/Not a valid host name/);
    expect(checkCmsServerKey(' id.example.com ')).toEqual({ error: 'Remove the spaces before or after the host name.', suggestion: 'id.example.com' });
    expect(checkCmsServerKey('id.example.com.')).toEqual({ error: 'Remove the trailing dot.', suggestion: 'id.example.com' });
    expect(checkCmsServerKey('https://10.0.0.1:8443/x')).toEqual({ error: 'Enter a host name such as cms.example.gov, not a URL.' });
    expect(isHostName('example.123')).toBe(false);
  });
});

describe('Agency and System Code', () => {
  it.each(['0032', '1234', '9999', '0001'])('accepts four digits %s', (c) => {
    expect(checkCode('Agency Code', c)).toEqual({});
  });
  it('three digits: says so and offers the zero-padded code', () => {
    expect(checkCode('Agency Code', '032')).toEqual({
      error: 'Agency Code must be exactly 4 digits; you entered 3. If your code is shorter, pad it with leading zeros (0032).',
      suggestion: '0032',
    });
  });
  it('five digits is refused', () => {
    expect(checkCode('System Code', '12345').error).toBe('System Code must be exactly 4 digits; you entered 5.');
  });
  it('letters, empty and 0000 are refused', () => {
    expect(checkCode('Agency Code', '12a4').error).toBe('Agency Code must be exactly 4 digits (0–9 only).');
    expect(checkCode('Agency Code', '').error).toBe('Enter the Agency Code: exactly 4 digits.');
    expect(checkCode('System Code', '0000').error).toMatch(/^System Code cannot be 0000: FASC-N agency and system codes must be non-zero/);
  });
});

describe('Card Validity', () => {
  it.each([1, 2, 5, 6, '6', ' 3 '])('accepts %s', (v) => {
    expect(checkCardValidity(v).error).toBeUndefined();
  });
  it('0 years is refused', () => expect(checkCardValidity(0).error).toBe('Card Validity must be at least 1 year.'));
  it('7 years is refused citing FIPS 201-3', () => expect(checkCardValidity(7).error).toBe('Card Validity cannot exceed 6 years: FIPS 201-3 (§2.8) caps a PIV card at six years.'));
  it('fractions, words, negatives and empty are refused', () => {
    expect(checkCardValidity(2.5).error).toBe('Card Validity must be a whole number of years (1 to 6), not 2.5.');
    expect(checkCardValidity('six').error).toBe('Card Validity must be a whole number of years from 1 to 6.');
    expect(checkCardValidity(-1).error).toBe('Card Validity must be at least 1 year.');
    expect(checkCardValidity('').error).toBe('Enter how many years the card is valid (1 to 6).');
  });
});

describe('card policies and replacement reason', () => {
  const list = KNOWN.join(', ');
  it('card policy must name a known profile, listing them', () => {
    expect(checkCardPolicy('PIV-Standard-Initial', KNOWN)).toEqual({});
    expect(checkCardPolicy('Gold', KNOWN).error).toBe(`Unknown card profile 'Gold'. Known profiles: ${list}.`);
    expect(checkCardPolicy('', KNOWN).error).toBe(`Choose the card profile used to program new cards. Known profiles: ${list}.`);
  });
  it('replacement policy may name several known profiles, none unknown or twice', () => {
    expect(checkReplacementPolicy(['PIV-Standard-Replacement', 'PIV-Auth-Only-Replacement'], KNOWN)).toEqual({});
    expect(checkReplacementPolicy([], KNOWN).error).toMatch(/^Choose at least one card profile for replacement cards/);
    expect(checkReplacementPolicy(['X', 'Y'], KNOWN).error).toBe(`Unknown card profiles 'X', 'Y'. Known profiles: ${list}.`);
    expect(checkReplacementPolicy(['PIV-Standard-Replacement', 'PIV-Standard-Replacement'], KNOWN).error).toMatch(/listed twice/);
  });
  it('replacement reason is one of the six', () => {
    for (const r of ['none', 'forgotten', 'damaged', 'expired', 'lost', 'stolen']) expect(checkReplacementReason(r)).toEqual({});
    expect(checkReplacementReason('misplaced').error).toBe('Choose one of: none, forgotten, damaged, expired, lost, stolen.');
  });
});

describe('validateDeviceIssuance', () => {
  it('the seeded defaults are valid', () => {
    const r = validateDeviceIssuance(base(), KNOWN);
    expect(r.ok).toBe(true);
    expect(r.value).toEqual(DEFAULT_DEVICE_ISSUANCE);
  });

  it('agency 9999 gives the PIV-I note and requires system code 9999', () => {
    const input = base();
    input.fascn = { agencyCode: '9999', systemCode: '0001' };
    const r = validateDeviceIssuance(input, KNOWN);
    expect(r.notes['fascn.agencyCode']).toBe(PIV_I_NOTE);
    expect(r.errors['fascn.systemCode']).toBe('With Agency Code 9999 (PIV-I, non-federal issuer) the System Code must be 9999.');
    input.fascn.systemCode = '9999';
    const ok = validateDeviceIssuance(input, KNOWN);
    expect(ok.ok).toBe(true);
    expect(ok.notes['fascn.agencyCode']).toBe(PIV_I_NOTE);
  });

  it('collects one message per bad field and normalizes a good form', () => {
    const bad = { ...base(), cmsServerKey: 'https://x.example:1/p', cardValidityYears: '7', fascn: { agencyCode: '123', systemCode: '12345' }, verifyApplicantFingerprint: 'yes' as unknown as boolean };
    const r = validateDeviceIssuance(bad, KNOWN);
    expect(r.ok).toBe(false);
    expect(Object.keys(r.errors).sort()).toEqual(['cardValidityYears', 'cmsServerKey', 'fascn.agencyCode', 'fascn.systemCode', 'verifyApplicantFingerprint']);
    expect(r.suggestions).toEqual({ cmsServerKey: 'x.example', 'fascn.agencyCode': '0123' });
    const good = validateDeviceIssuance({ ...base(), cmsServerKey: 'CMS.Example.GOV', cardValidityYears: '4', verifyApplicantFingerprint: false }, KNOWN);
    expect(good.value?.cmsServerKey).toBe('cms.example.gov');
    expect(good.value?.cardValidityYears).toBe(4);
    expect(good.notes.verifyApplicantFingerprint).toBe(NO_FINGERPRINT_NOTE);
  });

  it('permitted device types must each be Yes or No', () => {
    const input = base();
    (input.permittedDeviceTypes as Record<string, unknown>).otp = 'maybe';
    expect(validateDeviceIssuance(input, KNOWN).errors['permittedDeviceTypes.otp']).toBe('Choose Yes or No.');
  });
});
