import { describe, expect, it } from 'vitest';
import { dynamicTruncate, hmacOtp, hotp } from '../../../electron/otp/hotp';
import { totp, totpCounter } from '../../../electron/otp/totp';

/* Source: RFC 4226 Appendix D "HOTP Algorithm: Test Values" (secret ASCII "12345678901234567890"). */
const RFC4226_SECRET = new TextEncoder().encode('12345678901234567890');
const RFC4226_ROWS: [number, string, number, string][] = [
  [0, 'cc93cf18508d94934c64b65d8ba7667fb7cde4b0', 1284755224, '755224'],
  [1, '75a48a19d4cbe100644e8ac1397eea747a2d33ab', 1094287082, '287082'],
  [2, '0bacb7fa082fef30782211938bc1c5e70416ff44', 137359152, '359152'],
  [3, '66c28227d03a2d5529262ff016a1e6ef76557ece', 1726969429, '969429'],
  [4, 'a904c900a64b35909874b33e61c5938a8e15ed1c', 1640338314, '338314'],
  [5, 'a37e783d7b7233c083d4f62926c7a25f238d0316', 868254676, '254676'],
  [6, 'bc9cd28561042c83f219324d3c607256c03272ae', 1918287922, '287922'],
  [7, 'a4fb960c0bc06e1eabb804e5b397cdc4b45596fa', 82162583, '162583'],
  [8, '1b3c89f65e6c9e883012052823443f048b4332db', 673399871, '399871'],
  [9, '1637409809a679dc698207310c8c7fc07290d9e5', 645520489, '520489'],
];

describe('RFC 4226 Appendix D (all rows)', () => {
  for (const [count, hmacHex, truncated, code] of RFC4226_ROWS) {
    it(`count ${count}: HMAC, truncation, HOTP ${code}`, () => {
      const mac = hmacOtp(RFC4226_SECRET, count);
      expect(Buffer.from(mac).toString('hex')).toBe(hmacHex);
      expect(dynamicTruncate(mac)).toBe(truncated);
      expect(hotp(RFC4226_SECRET, count)).toBe(code);
    });
  }
});

/*
 * Source: RFC 6238 Appendix B "Test Vectors" (8 digits; seeds are the ASCII strings of 20, 32 and 64
 * bytes the reference code uses for HMAC-SHA1, -SHA256 and -SHA512; X = 30, T0 = 0).
 */
const SEED = {
  SHA1: new TextEncoder().encode('12345678901234567890'),
  SHA256: new TextEncoder().encode('12345678901234567890123456789012'),
  SHA512: new TextEncoder().encode('1234567890123456789012345678901234567890123456789012345678901234'),
} as const;
const RFC6238_ROWS: [number, string, string, 'SHA1' | 'SHA256' | 'SHA512'][] = [
  [59, '0000000000000001', '94287082', 'SHA1'],
  [59, '0000000000000001', '46119246', 'SHA256'],
  [59, '0000000000000001', '90693936', 'SHA512'],
  [1111111109, '00000000023523EC', '07081804', 'SHA1'],
  [1111111109, '00000000023523EC', '68084774', 'SHA256'],
  [1111111109, '00000000023523EC', '25091201', 'SHA512'],
  [1111111111, '00000000023523ED', '14050471', 'SHA1'],
  [1111111111, '00000000023523ED', '67062674', 'SHA256'],
  [1111111111, '00000000023523ED', '99943326', 'SHA512'],
  [1234567890, '000000000273EF07', '89005924', 'SHA1'],
  [1234567890, '000000000273EF07', '91819424', 'SHA256'],
  [1234567890, '000000000273EF07', '93441116', 'SHA512'],
  [2000000000, '0000000003F940AA', '69279037', 'SHA1'],
  [2000000000, '0000000003F940AA', '90698825', 'SHA256'],
  [2000000000, '0000000003F940AA', '38618901', 'SHA512'],
  [20000000000, '0000000027BC86AA', '65353130', 'SHA1'],
  [20000000000, '0000000027BC86AA', '77737706', 'SHA256'],
  [20000000000, '0000000027BC86AA', '47863826', 'SHA512'],
];

describe('RFC 6238 Appendix B (all rows)', () => {
  for (const [time, stepHex, code, algorithm] of RFC6238_ROWS) {
    it(`${time} s, ${algorithm}: T = ${stepHex}, TOTP ${code}`, () => {
      expect(totpCounter(time).toString(16).toUpperCase().padStart(16, '0')).toBe(stepHex);
      expect(totp(SEED[algorithm], time, { algorithm, digits: 8 })).toBe(code);
    });
  }

  it('6-digit codes are the last six digits of the 8-digit ones', () => {
    expect(totp(SEED.SHA1, 1111111109, { digits: 6 })).toBe('081804');
  });
});
