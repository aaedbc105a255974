import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode } from '../../../electron/otp/base32';
import { hotp, verifyHotp } from '../../../electron/otp/hotp';
import { buildOtpauthUri, parseOtpauthUri } from '../../../electron/otp/otpauth-uri';
import { otpauthQrPngDataUrl, otpauthQrSvg } from '../../../electron/otp/qr-code';
import { generateOtpSecret, SECRET_BYTES } from '../../../electron/otp/secret';
import { totp, verifyTotp } from '../../../electron/otp/totp';

const text = (s: string) => new TextEncoder().encode(s);

describe('base32 (RFC 4648 §10 test vectors)', () => {
  const vectors: [string, string][] = [
    ['', ''],
    ['f', 'MY======'],
    ['fo', 'MZXQ===='],
    ['foo', 'MZXW6==='],
    ['foob', 'MZXW6YQ='],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI======'],
  ];
  for (const [plain, encoded] of vectors) {
    it(`"${plain}" ⇄ "${encoded}"`, () => {
      expect(base32Encode(text(plain), { pad: true })).toBe(encoded);
      expect(base32Encode(text(plain))).toBe(encoded.replace(/=+$/, ''));
      expect(Buffer.from(base32Decode(encoded)).toString()).toBe(plain);
      expect(Buffer.from(base32Decode(encoded.toLowerCase().replace(/=/g, ''))).toString()).toBe(plain);
    });
  }

  it('round-trips any bytes (fast-check)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (b) => {
        expect(Buffer.from(base32Decode(base32Encode(b))).equals(Buffer.from(b))).toBe(true);
      }),
    );
  });

  it('accepts spaces and dashes as typed, refuses other characters and impossible lengths', () => {
    expect(base32Encode(base32Decode('mzxw 6ytb-oi'))).toBe('MZXW6YTBOI');
    expect(() => base32Decode('MZXW1')).toThrow(/character 5/);
    expect(() => base32Decode('MZX')).toThrow(/wrong length/);
  });
});

describe('secret generation and verification windows', () => {
  it('generates hash-sized secrets from the CSPRNG', () => {
    expect(generateOtpSecret('SHA1')).toHaveLength(SECRET_BYTES.SHA1);
    expect(generateOtpSecret('SHA512')).toHaveLength(64);
    expect(Buffer.from(generateOtpSecret()).equals(Buffer.from(generateOtpSecret()))).toBe(false);
  });

  it('accepts a TOTP code one step early or late with window 1, not two steps off', () => {
    const secret = generateOtpSecret();
    const now = 1_700_000_000;
    expect(verifyTotp(secret, totp(secret, now), now)).toBe(0);
    expect(verifyTotp(secret, totp(secret, now - 30), now)).toBe(-1);
    expect(verifyTotp(secret, totp(secret, now + 30), now)).toBe(1);
    expect(verifyTotp(secret, totp(secret, now - 60), now)).toBeUndefined();
    expect(verifyTotp(secret, totp(secret, now - 60), now, { window: 2 })).toBe(-2);
    expect(verifyTotp(secret, '12345', now)).toBeUndefined();
  });

  it('finds an HOTP code within the look-ahead window and reports its counter', () => {
    const secret = text('12345678901234567890');
    expect(verifyHotp(secret, hotp(secret, 7), 5, { lookAhead: 3 })).toBe(7);
    expect(verifyHotp(secret, hotp(secret, 9), 5, { lookAhead: 3 })).toBeUndefined();
  });
});

describe('otpauth:// URI and QR code', () => {
  const secret = text('12345678901234567890');
  it('builds the Key Uri Format and parses it back', () => {
    const uri = buildOtpauthUri({ type: 'totp', issuer: 'Agency PIV', account: 'jane.doe@agency.gov', secret, algorithm: 'SHA256', digits: 8, period: 30 });
    expect(uri).toBe(
      'otpauth://totp/Agency%20PIV:jane.doe%40agency.gov?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Agency%20PIV&algorithm=SHA256&digits=8&period=30',
    );
    const back = parseOtpauthUri(uri);
    expect(back).toMatchObject({ type: 'totp', issuer: 'Agency PIV', account: 'jane.doe@agency.gov', algorithm: 'SHA256', digits: 8, period: 30 });
    expect(Buffer.from(back.secret).equals(Buffer.from(secret))).toBe(true);
  });

  it('requires the HOTP counter and refuses colons in label parts', () => {
    expect(buildOtpauthUri({ type: 'hotp', issuer: 'I', account: 'a', secret, algorithm: 'SHA1', digits: 6, counter: 5 })).toMatch(/counter=5$/);
    expect(() => buildOtpauthUri({ type: 'hotp', issuer: 'I', account: 'a', secret, algorithm: 'SHA1', digits: 6 })).toThrow(/counter/);
    expect(() => buildOtpauthUri({ type: 'totp', issuer: 'A:B', account: 'a', secret, algorithm: 'SHA1', digits: 6 })).toThrow(/colon/);
    expect(() => parseOtpauthUri('otpauth://totp/X:y?secret=MZXW6&digits=7')).toThrow(/6 or 8/);
  });

  it('renders the URI as an SVG and a PNG data URL', async () => {
    const uri = buildOtpauthUri({ type: 'totp', issuer: 'Station', account: 'a', secret, algorithm: 'SHA1', digits: 6 });
    const svg = await otpauthQrSvg(uri);
    expect(svg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    const png = await otpauthQrPngDataUrl(uri);
    expect(png.startsWith('data:image/png;base64,')).toBe(true);
    expect(Buffer.from(png.split(',')[1], 'base64').subarray(1, 4).toString()).toBe('PNG');
  });
});
