import { describe, expect, it } from 'vitest';
import { hotp } from '../../../electron/otp/hotp';
import { totp } from '../../../electron/otp/totp';
import { credentialName, OathSession, shapeKey } from '../../../electron/otp/ykoath';
import { VirtualOathApplet } from '../../../electron/simulators/otp/virtual-oath-applet';

const text = (s: string) => new TextEncoder().encode(s);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const RFC_SECRET = text('12345678901234567890');

describe('YKOATH session against the virtual OATH applet', () => {
  it('selects the applet with AID A0 00 00 05 27 21 01 and reads its version', async () => {
    const applet = new VirtualOathApplet();
    const session = await OathSession.select(applet.transmit);
    expect(hex(applet.log[0])).toBe('00a4040007a0000005272101');
    expect(session.version).toBe('5.4.3');
    expect(session.deviceId).toHaveLength(8);
  });

  it('writes PUT as NAME and KEY TLVs with the type/algorithm and digits bytes', async () => {
    const applet = new VirtualOathApplet();
    const session = await OathSession.select(applet.transmit);
    await session.put({ name: 'Ag:jd', type: 'totp', algorithm: 'SHA256', digits: 8, secret: RFC_SECRET, requireTouch: true });
    // 00 01 00 00 Lc | 71 05 "Ag:jd" | 73 16 22 08 <20-byte key> | 78 02
    expect(hex(applet.log[1])).toBe('00010000' + '21' + '7105' + hex(text('Ag:jd')) + '7316' + '2208' + hex(RFC_SECRET) + '7802');
  });

  it('computes TOTP codes on the token that match RFC 6238 Appendix B', async () => {
    const applet = new VirtualOathApplet();
    const session = await OathSession.select(applet.transmit);
    await session.put({ name: 'RFC:6238', type: 'totp', algorithm: 'SHA1', digits: 8, secret: RFC_SECRET });
    expect(await session.calculate('RFC:6238', { type: 'totp', unixSeconds: 59 })).toBe('94287082');
    expect(await session.calculate('RFC:6238', { type: 'totp', unixSeconds: 1111111109 })).toBe('07081804');
    // The challenge on the wire is the 8-byte time step T.
    expect(hex(applet.log.at(-1)!).endsWith('7408' + '00000000023523ec')).toBe(true);
  });

  it('computes HOTP codes from the token counter (RFC 4226 Appendix D), starting at the IMF', async () => {
    const applet = new VirtualOathApplet();
    const session = await OathSession.select(applet.transmit);
    await session.put({ name: 'RFC:4226', type: 'hotp', algorithm: 'SHA1', digits: 6, secret: RFC_SECRET, counter: 3 });
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push(await session.calculate('RFC:4226', { type: 'hotp' }));
    expect(codes).toEqual(['969429', '338314', '254676']);
  });

  it('lists, deletes, and reports a missing credential in words', async () => {
    const applet = new VirtualOathApplet();
    const session = await OathSession.select(applet.transmit);
    await session.put({ name: 'A:1', type: 'totp', algorithm: 'SHA512', digits: 6, secret: new Uint8Array(64).fill(1) });
    await session.put({ name: 'B:2', type: 'hotp', algorithm: 'SHA1', digits: 6, secret: RFC_SECRET });
    expect(await session.list()).toEqual([
      { name: 'A:1', type: 'totp', algorithm: 'SHA512' },
      { name: 'B:2', type: 'hotp', algorithm: 'SHA1' },
    ]);
    await session.delete('A:1');
    expect(applet.count).toBe(1);
    await expect(session.delete('A:1')).rejects.toMatchObject({ code: 'OATH_NO_SUCH_CREDENTIAL' });
  });

  it('follows 61xx with SEND REMAINING for long LIST answers', async () => {
    const applet = new VirtualOathApplet({ chunkSize: 16 });
    const session = await OathSession.select(applet.transmit);
    for (let i = 0; i < 6; i++) await session.put({ name: `Issuer:user${i}`, type: 'totp', algorithm: 'SHA1', digits: 6, secret: RFC_SECRET });
    const list = await session.list();
    expect(list.map((e) => e.name)).toEqual([0, 1, 2, 3, 4, 5].map((i) => `Issuer:user${i}`));
    expect(applet.log.filter((a) => a[1] === 0xa5).length).toBeGreaterThan(3);
  });

  it('explains a full token, a password-protected token, a missing applet and a touch credential', async () => {
    const full = new VirtualOathApplet({ capacity: 1 });
    const s = await OathSession.select(full.transmit);
    await s.put({ name: 'x', type: 'totp', algorithm: 'SHA1', digits: 6, secret: RFC_SECRET });
    await expect(s.put({ name: 'y', type: 'totp', algorithm: 'SHA1', digits: 6, secret: RFC_SECRET })).rejects.toMatchObject({ code: 'OATH_NO_SPACE' });
    await expect(OathSession.select(new VirtualOathApplet({ passwordProtected: true }).transmit)).rejects.toMatchObject({ code: 'OATH_PASSWORD_SET' });
    await expect(OathSession.select(async () => Uint8Array.of(0x6a, 0x82))).rejects.toMatchObject({ code: 'OATH_NOT_PRESENT' });
    const touch = new VirtualOathApplet();
    const t = await OathSession.select(touch.transmit);
    await t.put({ name: 't', type: 'totp', algorithm: 'SHA1', digits: 6, secret: RFC_SECRET, requireTouch: true });
    await expect(t.calculate('t', { type: 'totp', unixSeconds: 59 })).rejects.toMatchObject({ code: 'OATH_TOUCH_REQUIRED' });
    touch.touchNext = true;
    expect(await t.calculate('t', { type: 'totp', unixSeconds: 59 })).toBe(totp(RFC_SECRET, 59));
  });

  it('names credentials as YKOATH does and shapes keys (hash long, pad short)', () => {
    expect(credentialName('Agency', 'jd', 'totp')).toBe('Agency:jd');
    expect(credentialName('Agency', 'jd', 'totp', 60)).toBe('60/Agency:jd');
    expect(credentialName('Agency', 'jd', 'hotp', 60)).toBe('Agency:jd');
    expect(() => credentialName('A'.repeat(40), 'b'.repeat(30), 'totp')).toThrow(/64-byte/);
    expect(shapeKey(new Uint8Array(10).fill(1), 'SHA1')).toHaveLength(14);
    expect(shapeKey(new Uint8Array(100), 'SHA1')).toHaveLength(20);
    expect(shapeKey(new Uint8Array(100), 'SHA512')).toHaveLength(100);
  });

  it('a padded short key still gives the same codes as the unpadded secret', async () => {
    const short = text('0123456789');
    const applet = new VirtualOathApplet();
    const session = await OathSession.select(applet.transmit);
    await session.put({ name: 's', type: 'hotp', algorithm: 'SHA1', digits: 6, secret: short });
    expect(await session.calculate('s', { type: 'hotp' })).toBe(hotp(short, 0));
  });
});
