import { afterEach, describe, expect, it } from 'vitest';
import { generateKeyPairSync, createPublicKey } from 'node:crypto';
import { PivSession } from '../../../electron/piv/session';
import { fromHex, toHex } from '../../../electron/piv/bytes';
import { AID, ALGORITHM, KEY_REF, OBJECT_TAG, YUBICO_DEFAULT } from '../../../electron/piv/constants';
import { Chuid } from '../../../electron/piv/chuid';
import { publicKeyToSpki } from '../../../electron/piv/public-key';
import { forceDesFallbackForTests } from '../../../electron/piv/management-key';
import {
  AuthenticationBlockedError,
  CardAuthenticationFailedError,
  InvalidPinError,
  ManagementKeyRejectedError,
  NotFoundError,
  SecurityStatusNotSatisfiedError,
} from '../../../electron/piv/errors';
import { encodeTlv } from '../../../electron/piv/tlv';
import { scripted } from './helpers/scripted-transport';
import { vectors } from './helpers/vectors';

const A = vectors.apdus;
const GA = vectors.generalAuthenticate9B;
const tdes = GA['3des_defaultKey'];
const aes = GA['aes192_defaultKey_YubiKey5.7'];

function session(script: Array<[string, string]>, challenge?: string) {
  const card = scripted(script);
  const s = new PivSession(card.transmit, challenge ? { random: () => fromHex(challenge) } : {});
  return { s, card };
}

afterEach(() => forceDesFallbackForTests(undefined));

describe('PivSession: select and data objects', () => {
  it('SELECTs with the full AID and parses the application property template', async () => {
    const { s, card } = session([[A.selectPivFull, A.selectResponseYubiKeyExample]]);
    const r = await s.select();
    expect(toHex(r.applicationIdentifier!)).toBe('000010000100');
    expect(card.done()).toBe(true);
  });
  it('SELECTs with the 5-byte RID and no Le, like yubico-piv-tool', async () => {
    const { s, card } = session([[A.selectPivRid5_yubicoPivTool, '9000']]);
    await s.select(AID.PIV_RID, false);
    expect(card.done()).toBe(true);
  });
  it('reports a missing PIV application as NotFoundError', async () => {
    const { s } = session([[A.selectPivFull, '6A82']]);
    await expect(s.select()).rejects.toBeInstanceOf(NotFoundError);
  });
  it('GET DATA CHUID returns the content inside 53 and PUT DATA sends the ykman bytes', async () => {
    const yk = vectors.chuid.ykmanTestChuid;
    const { s, card } = session([
      [A.getDataChuid_OpenSC, yk.getDataResponseHex],
      [yk.putDataApduHex, '9000'],
    ]);
    const content = await s.getData(OBJECT_TAG.CHUID);
    expect(toHex(content)).toBe(yk.contentHex);
    expect(Chuid.parse(content).expirationDate).toBe('2030-01-01');
    await s.putData(OBJECT_TAG.CHUID, content);
    expect(card.done()).toBe(true);
  });
  it('GET DATA Discovery keeps the 7E TLV', async () => {
    const { s } = session([[A.getDataDiscovery, `${vectors.discoveryObject.pivPinOnly}9000`]]);
    expect(toHex(await s.getData(OBJECT_TAG.DISCOVERY))).toBe(vectors.discoveryObject.pivPinOnly.slice(4));
  });
  it('writes a 2 KB object with command chaining and reads it back through 61xx', async () => {
    const content = encodeTlv(0xbc, new Uint8Array(2040).fill(0x5a));
    const body = fromHex(`5C035FC10353820${(content.length).toString(16).toUpperCase().padStart(3, '0')}${toHex(content)}`);
    const script: Array<[string, string]> = [];
    for (let o = 0; o < body.length; o += 255) {
      const block = body.subarray(o, o + 255);
      const last = o + 255 >= body.length;
      script.push([`${last ? '00' : '10'}DB3FFF${block.length.toString(16).toUpperCase().padStart(2, '0')}${toHex(block)}`, '9000']);
    }
    const wrapped = fromHex(`53820${content.length.toString(16).toUpperCase().padStart(3, '0')}${toHex(content)}`);
    script.push(['00CB3FFF055C035FC10300', `${toHex(wrapped.subarray(0, 256))}6100`]);
    let off = 256;
    while (off < wrapped.length) {
      const n = Math.min(256, wrapped.length - off);
      const left = wrapped.length - off - n;
      script.push([`00C00000${left + n >= 256 ? '00' : n.toString(16).toUpperCase().padStart(2, '0')}`, `${toHex(wrapped.subarray(off, off + n))}${left > 0 ? `61${Math.min(left, 256) === 256 ? '00' : left.toString(16).toUpperCase().padStart(2, '0')}` : '9000'}`]);
      off += n;
    }
    const { s, card } = session(script);
    await s.putData(OBJECT_TAG.CARDHOLDER_FINGERPRINTS, content);
    expect(toHex(await s.getData(OBJECT_TAG.CARDHOLDER_FINGERPRINTS))).toBe(toHex(content));
    expect(card.done()).toBe(true);
  });
  it('refuses a GET DATA response whose 53 does not span it exactly', async () => {
    const { s } = session([[A.getDataChuid_OpenSC, '5303010203FF9000']]);
    await expect(s.getData(OBJECT_TAG.CHUID)).rejects.toThrow(/trailing/);
  });
});

describe('PivSession: management key (9B) vectors, byte-exact', () => {
  it.each([
    ['3TDEA', tdes, ALGORITHM.TDEA_3KEY],
    ['AES-192', aes, ALGORITHM.AES_192],
  ] as const)('mutual authentication with %s', async (_n, v, alg) => {
    const { s, card } = session([[v.mutual.cmd1, v.mutual.rsp1], [v.mutual.cmd2, v.mutual.rsp2]], v.hostChallenge);
    await s.authenticate(fromHex(v.keyHex), alg, 'mutual');
    expect(card.done()).toBe(true);
  });
  it.each([
    ['3TDEA', tdes, ALGORITHM.TDEA_3KEY],
    ['AES-192', aes, ALGORITHM.AES_192],
  ] as const)('external authentication with %s', async (_n, v, alg) => {
    const { s, card } = session([[v.external.cmd1, v.external.rsp1], [v.external.cmd2, v.external.rsp2]]);
    await s.authenticate(fromHex(v.keyHex), alg, 'external');
    expect(card.done()).toBe(true);
  });
  it('3TDEA still matches the vectors through the des-ede3-cbc zero-IV fallback', async () => {
    forceDesFallbackForTests(true);
    const { s, card } = session([[tdes.mutual.cmd1, tdes.mutual.rsp1], [tdes.mutual.cmd2, tdes.mutual.rsp2]], tdes.hostChallenge);
    await s.authenticate(fromHex(tdes.keyHex), ALGORITHM.TDEA_3KEY);
    expect(card.done()).toBe(true);
  });
  it('a card refusing our witness → ManagementKeyRejectedError; a wrong card answer → CardAuthenticationFailedError', async () => {
    const a = session([[tdes.mutual.cmd1, tdes.mutual.rsp1], [tdes.mutual.cmd2, '6982']], tdes.hostChallenge);
    await expect(a.s.authenticate(fromHex(tdes.keyHex))).rejects.toBeInstanceOf(ManagementKeyRejectedError);
    const b = session([[tdes.mutual.cmd1, tdes.mutual.rsp1], [tdes.mutual.cmd2, '7C0A820800000000000000009000']], tdes.hostChallenge);
    await expect(b.s.authenticate(fromHex(tdes.keyHex))).rejects.toBeInstanceOf(CardAuthenticationFailedError);
  });
  it('rejects a key of the wrong length before talking to the card', async () => {
    const { s, card } = session([]);
    await expect(s.authenticate(new Uint8Array(16), ALGORITHM.TDEA_3KEY)).rejects.toThrow(/24 bytes/);
    expect(card.sent).toEqual([]);
  });
});

describe('PivSession: PIN and PUK', () => {
  it('VERIFY, CHANGE REFERENCE DATA and RESET RETRY COUNTER match the tool traces', async () => {
    const { s, card } = session([
      [A.verifyPin123456, '9000'],
      [A.changePin123456to654321, '9000'],
      [A.resetRetryCounterPuk12345678newPin123456, '9000'],
      [A.verifyResetSecurityStatus, '9000'],
    ]);
    await s.verifyPin('123456');
    await s.changePin('123456', '654321');
    await s.unblockPin('12345678', '123456');
    await s.resetPinStatus();
    expect(card.done()).toBe(true);
  });
  it('reads retry counters and maps wrong/blocked credentials to typed errors', async () => {
    const { s } = session([
      ['00200080', '63C3'],
      ['00200080', '9000'],
      [A.verifyPin123456, '63C2'],
      [A.verifyPin123456, '6983'],
      ['0024008110' + '3132333435363738' + '3837363534333231', '63C1'],
    ]);
    expect(await s.pinRetries()).toBe(3);
    expect(await s.pinRetries()).toBe('verified');
    await expect(s.verifyPin('123456')).rejects.toMatchObject({ attemptsRemaining: 2, code: 'PIV_INVALID_PIN' });
    await expect(s.verifyPin('123456')).rejects.toBeInstanceOf(AuthenticationBlockedError);
    const e = await s.changePuk('12345678', '87654321').catch((x) => x);
    expect(e).toBeInstanceOf(InvalidPinError);
    expect(e.message).toMatch(/Wrong PUK: 1 attempt/);
    expect(JSON.stringify(e.toJSON())).not.toMatch(/1234|3132/);
  });
  it('reads PUK tries from YubiKey metadata, undefined on other cards', async () => {
    const { s } = session([
      ['00F7008100', '0101FF060205039000'],
      ['00F7008100', '6D00'],
    ]);
    expect(await s.pukRetries()).toBe(3);
    expect(await s.pukRetries()).toBeUndefined();
  });
  it('refuses badly formatted PINs without sending them', async () => {
    const { s, card } = session([]);
    await expect(s.verifyPin('12ab')).rejects.toThrow(/6 to 8 digits/);
    expect(card.sent).toEqual([]);
  });
});

describe('PivSession: key generation', () => {
  it('GENERATE P-256 in 9A sends the vector and returns a usable SPKI', async () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const point = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })).subarray(-65);
    const rsp = `${toHex(encodeTlv(0x7f49, encodeTlv(0x86, point)))}9000`;
    const { s } = session([[A.generateEcP256Slot9A, rsp]]);
    const key = await s.generateKey(KEY_REF.PIV_AUTHENTICATION, ALGORITHM.ECC_P256);
    expect(toHex(publicKeyToSpki(key))).toBe(toHex(new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }))));
  });
  it('GENERATE RSA 2048 reads the template over 61xx and P-384 checks the point length', async () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = publicKey.export({ format: 'jwk' });
    const tpl = encodeTlv(0x7f49, new Uint8Array([...encodeTlv(0x81, Buffer.from(jwk.n!, 'base64url')), ...encodeTlv(0x82, Buffer.from(jwk.e!, 'base64url'))]));
    const { s } = session([
      ['0047009C05AC03800107' + '00', `${toHex(tpl.subarray(0, 256))}6111`],
      ['00C0000011', `${toHex(tpl.subarray(256))}9000`],
      ['0047009D05AC03800114' + '00', `${toHex(encodeTlv(0x7f49, encodeTlv(0x86, new Uint8Array(65))))}9000`],
    ]);
    const key = await s.generateKey(KEY_REF.DIGITAL_SIGNATURE, ALGORITHM.RSA_2048);
    expect(createPublicKey({ key: Buffer.from(publicKeyToSpki(key)), format: 'der', type: 'spki' }).asymmetricKeyDetails?.modulusLength).toBe(2048);
    await expect(s.generateKey(KEY_REF.KEY_MANAGEMENT, ALGORITHM.ECC_P384)).rejects.toThrow(/97-byte/);
  });
  it('GENERATE without 9B authentication → SecurityStatusNotSatisfiedError', async () => {
    const { s } = session([[A.generateEcP256Slot9A, '6982']]);
    await expect(s.generateKey(KEY_REF.PIV_AUTHENTICATION, ALGORITHM.ECC_P256)).rejects.toBeInstanceOf(SecurityStatusNotSatisfiedError);
  });
});

describe('PivSession: YubiKey extensions and factory key', () => {
  it('reads version, serial and metadata, and sets the management key with the tool bytes', async () => {
    const { s, card } = session([
      [A.yubicoGetVersion, '0507029000'],
      [A.yubicoGetSerial, '00BC614E9000'],
      ['00F7009B00', '01010A02020001030101050101060100' + '9000'],
      [A.yubicoSetMgmKey3desNoTouch, '9000'],
    ]);
    expect(await s.getVersion()).toEqual({ major: 5, minor: 7, patch: 2 });
    expect(await s.getSerial()).toBe(12345678);
    expect(await s.getMetadata(KEY_REF.CARD_MANAGEMENT)).toMatchObject({ algorithm: ALGORITHM.AES_192, isDefault: true, touchPolicy: 1 });
    await s.setManagementKey(YUBICO_DEFAULT.MANAGEMENT_KEY, ALGORITHM.TDEA_3KEY);
    expect(card.done()).toBe(true);
  });
  it('returns undefined for the extensions on a plain PIV card (6D00)', async () => {
    const { s } = session([
      [A.yubicoGetVersion, '6D00'],
      [A.yubicoGetSerial, '6D00'],
    ]);
    expect(await s.getVersion()).toBeUndefined();
    expect(await s.getSerial()).toBeUndefined();
  });
  it('detects the factory key from metadata when the card has it', async () => {
    const { s } = session([['00F7009B00', '0101030501009000']]);
    expect(await s.detectFactoryKey()).toEqual({ isDefault: false, algorithm: ALGORITHM.TDEA_3KEY });
  });
  it('detects a 3TDEA factory key by trying it (no metadata)', async () => {
    const { s, card } = session([['00F7009B00', '6D00'], [tdes.mutual.cmd1, tdes.mutual.rsp1], [tdes.mutual.cmd2, tdes.mutual.rsp2]], tdes.hostChallenge);
    expect(await s.detectFactoryKey()).toEqual({ isDefault: true, algorithm: ALGORITHM.TDEA_3KEY });
    expect(card.done()).toBe(true);
  });
  it('detects an AES-192 factory key after the card refuses 3TDEA (6A86)', async () => {
    const { s, card } = session([['00F7009B00', '6D00'], [tdes.mutual.cmd1, '6A86'], [aes.mutual.cmd1, aes.mutual.rsp1], [aes.mutual.cmd2, aes.mutual.rsp2]], aes.hostChallenge);
    expect(await s.detectFactoryKey()).toEqual({ isDefault: true, algorithm: ALGORITHM.AES_192 });
    expect(card.done()).toBe(true);
  });
  it('reports a changed key when both default forms are refused', async () => {
    const { s } = session([['00F7009B00', '6D00'], [tdes.mutual.cmd1, tdes.mutual.rsp1], [tdes.mutual.cmd2, '6982'], [aes.mutual.cmd1, '6A86']], tdes.hostChallenge);
    expect(await s.detectFactoryKey()).toEqual({ isDefault: false });
  });
});

describe('PivSession: messages', () => {
  it('names the object in errors', async () => {
    const { s } = session([[A.getDataChuid_OpenSC, '6A82']]);
    await expect(s.getData(OBJECT_TAG.CHUID)).rejects.toThrow(/^GET DATA 5FC102 \(CHUID\): the card has no such object/);
  });
});
