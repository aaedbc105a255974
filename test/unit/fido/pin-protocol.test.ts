import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { COSE } from '../../../electron/fido/ctap2-constants';
import { KeyAgreementKey, padPin, pinHash, pinProtocolOne, pinProtocolTwo } from '../../../electron/fido/pin-protocol';

/*
 * Known-answer values for PIN/UV auth protocol one, from an independent implementation: Yubico
 * python-fido2, tests/test_ctap2.py (TestClientPin: EC_PRIV, DEV_PUB_X/Y, SHARED, PIN_HASH_ENC for
 * PIN "1234", set_pin and change_pin expected newPinEnc and pinUvAuthParam). The algorithms are CTAP
 * 2.1 PS §6.5.6 (protocol one) and §6.5.7 (protocol two).
 */
const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const EC_PRIV = hex('7452E599FEE739D8A653F6A507343D12D382249108A651402520B72F24FE7684');
const EC_PUB_X = '44d78d7989b97e62ea993496c9ef6e8fd58b8b00715f9a89153ddd9c4657e47f';
const EC_PUB_Y = 'ec802ee7d22bd4e100f12e48537eb4e7e96ed3a47a0a3bd5f5eeab65001664f9';
const DEV_PUB = new Map<number, number | Uint8Array>([
  [COSE.KTY, COSE.KTY_EC2],
  [COSE.ALG, COSE.ALG_ECDH_ES_HKDF_256],
  [COSE.CRV, COSE.CRV_P256],
  [COSE.X, hex('0501D5BC78DA9252560A26CB08FCC60CBE0B6D3B8E1D1FCEE514FAC0AF675168')],
  [COSE.Y, hex('D551B3ED46F665731F95B4532939C25D91DB7EB844BD96D4ABD4083785F8DF47')],
]);
const SHARED = hex('c42a039d548100dfba521e487debcbbb8b66bb7496f8b1862a7a395ed83e1a1c');
const pin = (s: string) => new TextEncoder().encode(s);

describe('PIN/UV auth protocol one (known answers)', () => {
  it('derives the shared secret SHA-256(Z) and publishes the platform key as COSE', () => {
    const own = new KeyAgreementKey(EC_PRIV);
    const cose = own.coseKey();
    expect(toHex(cose.get(COSE.X) as Uint8Array)).toBe(EC_PUB_X);
    expect(toHex(cose.get(COSE.Y) as Uint8Array)).toBe(EC_PUB_Y);
    expect(cose.get(COSE.ALG)).toBe(-25);
    expect(toHex(pinProtocolOne.kdf(own.sharedPoint(DEV_PUB)))).toBe(toHex(SHARED));
  });

  it('encrypts LEFT(SHA-256("1234"), 16) to the expected pinHashEnc', () => {
    expect(toHex(pinProtocolOne.encrypt(SHARED, pinHash(pin('1234'))))).toBe('afe8327ce416da8ee3d057589c2ce1a9');
  });

  it('builds setPIN newPinEnc and pinUvAuthParam', () => {
    const newPinEnc = pinProtocolOne.encrypt(SHARED, padPin(pin('1234')));
    expect(toHex(newPinEnc)).toBe(
      '0222fc42c6dd76a274a7057858b9b29d98e8a722ec2dc6668476168c5320473cec9907b4cd76ce7943c96ba5683943211d84471e64d9c51e54763488cd66526a',
    );
    expect(toHex(pinProtocolOne.authenticate(SHARED, newPinEnc))).toBe('7b40c084ccc5794194189ab57836475f');
  });

  it('builds changePIN pinUvAuthParam over newPinEnc || pinHashEnc', () => {
    const newPinEnc = pinProtocolOne.encrypt(SHARED, padPin(pin('4321')));
    const pinHashEnc = pinProtocolOne.encrypt(SHARED, pinHash(pin('1234')));
    expect(toHex(newPinEnc)).toBe(
      '4280e14aac4fcbf02dd079985f0c0ffc9ea7d5f9c173fd1a4c843826f7590cb3c2d080c6923e2fe6d7a52c31ea1309d3fcca3dedae8a2ef14b6330cafc79339e',
    );
    const auth = pinProtocolOne.authenticate(SHARED, Buffer.concat([newPinEnc, pinHashEnc]));
    expect(toHex(auth)).toBe('fb97e92f3724d7c85e001d7f93e6490a');
    expect(pinProtocolOne.verify(SHARED, Buffer.concat([newPinEnc, pinHashEnc]), auth)).toBe(true);
  });

  it('rejects a malformed or off-curve peer key', () => {
    const own = new KeyAgreementKey(EC_PRIV);
    const bad = new Map(DEV_PUB);
    bad.set(COSE.Y, new Uint8Array(32).fill(1));
    expect(() => own.sharedPoint(bad)).toThrow(/not a point on P-256/);
    bad.set(COSE.CRV, 2);
    expect(() => own.sharedPoint(bad)).toThrow(/not a P-256 COSE key/);
  });
});

describe('PIN/UV auth protocol two', () => {
  it('derives HMAC and AES keys with HKDF-SHA-256 (salt 32 zero bytes, the two CTAP2 info strings)', () => {
    const z = new Uint8Array(32).fill(7);
    const secret = pinProtocolTwo.kdf(z);
    expect(secret).toHaveLength(64);
    expect(toHex(secret.subarray(0, 32))).not.toBe(toHex(secret.subarray(32)));
    // HKDF by hand for the first half: PRK = HMAC(salt, Z); T1 = HMAC(PRK, info || 0x01)
    const prk = createHmac('sha256', new Uint8Array(32)).update(z).digest();
    const t1 = createHmac('sha256', prk).update(Buffer.concat([Buffer.from('CTAP2 HMAC key'), Buffer.of(1)])).digest();
    expect(toHex(secret.subarray(0, 32))).toBe(t1.toString('hex'));
  });

  it('prepends a fresh IV, round-trips, and uses the full 32-byte HMAC with the HMAC half of the secret', () => {
    const secret = pinProtocolTwo.kdf(createHash('sha256').update('z').digest());
    const a = pinProtocolTwo.encrypt(secret, padPin(pin('123456')));
    const b = pinProtocolTwo.encrypt(secret, padPin(pin('123456')));
    expect(a).toHaveLength(80);
    expect(toHex(a)).not.toBe(toHex(b));
    expect(toHex(pinProtocolTwo.decrypt(secret, a))).toBe(toHex(padPin(pin('123456'))));
    const mac = pinProtocolTwo.authenticate(secret, a);
    expect(mac).toHaveLength(32);
    expect(toHex(pinProtocolTwo.authenticate(secret.subarray(0, 32), a))).toBe(toHex(mac));
    expect(pinProtocolTwo.verify(secret, a, mac)).toBe(true);
    expect(pinProtocolTwo.verify(secret, b, mac)).toBe(false);
  });
});
