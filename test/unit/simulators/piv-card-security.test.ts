import { describe, expect, it, vi } from 'vitest';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { vectors } from '../piv/helpers/vectors';
import { VirtualPivCard } from '../../../electron/simulators/piv-card/card';
import { factoryState } from '../../../electron/simulators/piv-card/state';
import { fromHex, toHex } from '../../../electron/piv/bytes';
import { decodeTlvAt, decodeTlvs, encodeTlv } from '../../../electron/piv/tlv';

const tx = (card: VirtualPivCard, hex: string) => toHex(card.process(fromHex(hex)));
const sw = (card: VirtualPivCard, hex: string) => tx(card, hex).slice(-4);
const ga = vectors.generalAuthenticate9B;

/** Card whose "random" source yields `bytes` (the witness/challenge of a vector). */
function cardWithRandom(hex: string, algorithm?: number): VirtualPivCard {
  const state = factoryState();
  if (algorithm !== undefined) state.managementKey.algorithm = algorithm;
  return new VirtualPivCard({ state, random: () => fromHex(hex) });
}

describe('virtual PIV card: GENERAL AUTHENTICATE 9B (reference §3.4 vectors)', () => {
  it.each([
    ['3TDEA', ga['3des_defaultKey'], undefined],
    ['AES-192', ga['aes192_defaultKey_YubiKey5.7'], 0x0a],
  ])('%s mutual authentication answers the published bytes and grants admin status', (_n, v, alg) => {
    const card = cardWithRandom(v.witnessPlain, alg);
    expect(tx(card, v.mutual.cmd1)).toBe(v.mutual.rsp1);
    expect(tx(card, v.mutual.cmd2)).toBe(v.mutual.rsp2);
    expect(card.securityStatus.adminAuthenticated).toBe(true);
  });

  it.each([
    ['3TDEA', ga['3des_defaultKey'], undefined],
    ['AES-192', ga['aes192_defaultKey_YubiKey5.7'], 0x0a],
  ])('%s external authentication answers the published bytes', (_n, v, alg) => {
    const card = cardWithRandom(v.witnessPlain, alg);
    expect(tx(card, v.external.cmd1)).toBe(v.external.rsp1);
    expect(tx(card, v.external.cmd2)).toBe(v.external.rsp2);
    expect(card.securityStatus.adminAuthenticated).toBe(true);
  });

  it('accepts the NIST form with an empty 82 and OpenSC\'s trailing Le', () => {
    const v = ga['3des_defaultKey'];
    const card = cardWithRandom(v.witnessPlain);
    expect(tx(card, `${v.mutual.cmd1}00`)).toBe(v.mutual.rsp1);
    expect(tx(card, '0087039B187C16800800112233445566778108' + v.hostChallenge + '820000').slice(-4)).toBe('9000');
  });

  it('refuses a wrong witness (6982), a step 2 without step 1, and the wrong algorithm (6A86)', () => {
    const v = ga['3des_defaultKey'];
    const card = cardWithRandom(v.witnessPlain);
    expect(tx(card, v.mutual.cmd1)).toBe(v.mutual.rsp1);
    expect(sw(card, v.mutual.cmd2.replace('0011223344556677', '0011223344556678'))).toBe('6982');
    expect(sw(card, v.mutual.cmd2)).toBe('6982'); // the witness was consumed by the failed attempt
    expect(sw(card, '00870A9B047C028000')).toBe('6A86');
    expect(card.securityStatus.adminAuthenticated).toBe(false);
  });

  it('forgets admin status on reset (what a PC/SC disconnect with reset does)', () => {
    const v = ga['3des_defaultKey'];
    const card = cardWithRandom(v.witnessPlain);
    tx(card, v.mutual.cmd1);
    tx(card, v.mutual.cmd2);
    card.reset();
    expect(card.securityStatus.adminAuthenticated).toBe(false);
  });
});

function adminCard(options: { onStateChange?: () => void } = {}): VirtualPivCard {
  const v = ga['3des_defaultKey'];
  // The 3TDEA vector's witness, repeated to fill a 16-byte AES block when a test switches to AES.
  const random = (n: number) => fromHex(v.witnessPlain.repeat(2)).slice(0, n);
  const card = new VirtualPivCard({ random, onStateChange: options.onStateChange });
  expect(tx(card, v.mutual.cmd1)).toBe(v.mutual.rsp1);
  expect(tx(card, v.mutual.cmd2)).toBe(v.mutual.rsp2);
  return card;
}

/** PUT DATA APDUs for `content` in 255-byte chained blocks, as both reference tools send them. */
function chainedPut(tag: string, content: Uint8Array): Uint8Array[] {
  const data = new Uint8Array([...fromHex(`5C03${tag}`), ...encodeTlv(0x53, content)]);
  const apdus: Uint8Array[] = [];
  for (let off = 0; off < data.length; off += 255) {
    const block = data.subarray(off, off + 255);
    const last = off + 255 >= data.length;
    apdus.push(new Uint8Array([last ? 0x00 : 0x10, 0xdb, 0x3f, 0xff, block.length, ...block]));
  }
  return apdus;
}

describe('virtual PIV card: PUT DATA and command chaining', () => {
  it('needs the management key (6982), then stores the ykman CHUID exactly', () => {
    const plain = new VirtualPivCard();
    expect(sw(plain, vectors.chuid.ykmanTestChuid.putDataApduHex)).toBe('6982');
    const card = adminCard();
    expect(sw(card, vectors.chuid.ykmanTestChuid.putDataApduHex)).toBe('9000');
    expect(tx(card, vectors.apdus.getDataChuid_yubico)).toBe(vectors.chuid.ykmanTestChuid.getDataResponseHex);
  });

  it('replaces a 2 KB object only when the last block arrives, with one state change', () => {
    const onStateChange = vi.fn();
    const card = adminCard({ onStateChange });
    const old = Uint8Array.of(1, 2, 3);
    const next = Uint8Array.from({ length: 2048 }, (_, i) => (i * 7) & 0xff);
    for (const apdu of chainedPut('5FC103', old)) card.process(apdu);
    onStateChange.mockClear();
    const blocks = chainedPut('5FC103', next);
    expect(blocks.length).toBe(9);
    for (const apdu of blocks.slice(0, -1)) {
      expect(toHex(card.process(apdu))).toBe('9000');
      expect(toHex(card.state.objects.get(0x5fc103)!)).toBe(toHex(encodeTlv(0x53, old)));
    }
    expect(onStateChange).not.toHaveBeenCalled();
    expect(toHex(card.process(blocks.at(-1)!))).toBe('9000');
    expect(onStateChange).toHaveBeenCalledTimes(1);
    expect(toHex(card.state.objects.get(0x5fc103)!)).toBe(toHex(encodeTlv(0x53, next)));
  });

  it.each([
    ['another command arrives', (card: VirtualPivCard) => card.process(fromHex(vectors.apdus.getDataDiscovery))],
    ['the card is reset', (card: VirtualPivCard) => card.reset()],
    ['the card is powered off', (card: VirtualPivCard) => card.powerOff()],
  ])('keeps the old object when a chain is abandoned because %s', (_n, interrupt) => {
    const card = adminCard();
    for (const apdu of chainedPut('5FC102', Uint8Array.of(9, 9))) card.process(apdu);
    const blocks = chainedPut('5FC102', new Uint8Array(1000).fill(0x42));
    for (const apdu of blocks.slice(0, 2)) card.process(apdu);
    interrupt(card);
    // The tail of the abandoned chain alone is not a valid PUT DATA and must not be stored either.
    expect(sw(card, toHex(blocks.at(-1)!))).not.toBe('9000');
    expect(toHex(card.state.objects.get(0x5fc102)!)).toBe('53020909');
  });

  it('deletes an object with 53 00 and refuses objects over the size limit with 6A84', () => {
    const card = adminCard();
    expect(sw(card, vectors.chuid.ykmanTestChuid.putDataApduHex)).toBe('9000');
    expect(sw(card, '00DB3FFF075C035FC1025300')).toBe('9000');
    expect(sw(card, vectors.apdus.getDataChuid_yubico)).toBe('6A82');
    const huge = chainedPut('5FC103', new Uint8Array(17_000));
    const answers = huge.map((a) => toHex(card.process(a)).slice(-4));
    expect(answers).toContain('6A84');
  });

  it('stores the Discovery Object sent bare (7E …)', () => {
    const card = adminCard();
    const discovery = vectors.discoveryObject.pivPinOnly;
    expect(sw(card, `00DB3FFF${(discovery.length / 2).toString(16).padStart(2, '0')}${discovery}`)).toBe('9000');
    expect(tx(card, vectors.apdus.getDataDiscovery)).toBe(`${discovery}9000`);
  });
});

describe('virtual PIV card: PIN and PUK', () => {
  it('counts down, blocks at zero, and unblocks with the PUK (RESET RETRY COUNTER)', () => {
    const card = new VirtualPivCard();
    expect(sw(card, '0020008000')).toBe('63C3');
    expect(sw(card, '0020008008313131313131FFFF')).toBe('63C2');
    expect(sw(card, '0020008008313131313131FFFF')).toBe('63C1');
    expect(sw(card, '0020008008313131313131FFFF')).toBe('63C0');
    expect(sw(card, vectors.apdus.verifyPin123456)).toBe('6983');
    expect(sw(card, '0020008000')).toBe('6983');
    expect(sw(card, '002C0080103132333435363738363534333231FFFF')).toBe('9000');
    expect(sw(card, '0020008008363534333231FFFF')).toBe('9000');
    expect(card.state.pin.retriesLeft).toBe(3);
  });

  it('answers 9000 to the status query once verified and forgets it with VERIFY P1=FF', () => {
    const card = new VirtualPivCard();
    expect(sw(card, vectors.apdus.verifyPin123456)).toBe('9000');
    expect(sw(card, '00200080')).toBe('9000');
    expect(sw(card, vectors.apdus.verifyResetSecurityStatus)).toBe('9000');
    expect(sw(card, '00200080')).toBe('63C3');
  });

  it('changes the PIN, refuses a badly formed new PIN without spending a try, and blocks the PUK', () => {
    const card = new VirtualPivCard();
    expect(sw(card, vectors.apdus.changePin123456to654321)).toBe('9000');
    expect(sw(card, '0020008008363534333231FFFF')).toBe('9000');
    expect(sw(card, '0024008010363534333231FFFF3132FFFFFFFFFFFF')).toBe('6A80');
    expect(sw(card, '0024008010363534333231FFFF41424344454647FF')).toBe('6A80');
    expect(card.state.pin.retriesLeft).toBe(3);
    for (const expected of ['63C2', '63C1', '63C0', '6983']) {
      expect(sw(card, '002C0080100000000000000000313233343536FFFF')).toBe(expected);
    }
    expect(sw(card, '0024008110313233343536373831323334353637FF')).toBe('6983');
  });

  it('rejects unknown key references (6A88) and wrong lengths (6700)', () => {
    const card = new VirtualPivCard();
    expect(sw(card, '0020000008313233343536FFFF')).toBe('6A88');
    expect(sw(card, '0020008004313233')).toBe('6700');
  });
});

describe('virtual PIV card: GENERATE ASYMMETRIC KEY PAIR', () => {
  it('needs the management key', () => {
    expect(sw(new VirtualPivCard(), vectors.apdus.generateEcP256Slot9A)).toBe('6982');
  });

  it.each([
    ['P-256', '11', 65],
    ['P-384', '14', 97],
  ])('generates %s and returns the uncompressed point of the stored key', (_n, alg, pointLength) => {
    const card = adminCard();
    const out = card.process(fromHex(`0047009A05AC038001${alg}00`));
    expect(toHex(out.slice(-2))).toBe('9000');
    const template = decodeTlvAt(out.slice(0, -2));
    expect(template.tag).toBe(0x7f49);
    const point = decodeTlvs(template.value)[0];
    expect(point.tag).toBe(0x86);
    expect(point.value.length).toBe(pointLength);
    const stored = card.state.keys.get(0x9a)!;
    const jwk = createPublicKey(createPrivateKey({ key: Buffer.from(stored.privateKeyPkcs8), format: 'der', type: 'pkcs8' })).export({ format: 'jwk' });
    expect(toHex(point.value.slice(1, 1 + (pointLength - 1) / 2))).toBe(toHex(new Uint8Array(Buffer.from(jwk.x!, 'base64url'))));
  });

  it('generates RSA 2048 and delivers the 7F49 template through GET RESPONSE', () => {
    const card = adminCard();
    const first = card.process(fromHex('0047009C05AC03800107'));
    expect(first[first.length - 2]).toBe(0x61);
    const rest = card.process(fromHex(`00C00000${toHex(first.slice(-1))}`));
    expect(toHex(rest.slice(-2))).toBe('9000');
    const template = decodeTlvAt(new Uint8Array([...first.slice(0, -2), ...rest.slice(0, -2)]));
    const [modulus, exponent] = decodeTlvs(template.value);
    expect(modulus.value.length).toBe(256);
    expect(toHex(exponent.value)).toBe('010001');
  });

  it('refuses an unknown algorithm and a non-key slot', () => {
    const card = adminCard();
    expect(sw(card, '0047009A05AC03800199')).toBe('6A86');
    expect(sw(card, '0047009B05AC03800111')).toBe('6A86');
  });
});

describe('virtual PIV card: YubiKey extensions', () => {
  it('sets an AES-128 management key (FF) and then only accepts AES-128 authentication', () => {
    const card = adminCard();
    const key = '00112233445566778899AABBCCDDEEFF';
    expect(sw(card, `00FFFFFF13089B10${key}`)).toBe('9000');
    card.reset();
    expect(sw(card, ga['3des_defaultKey'].mutual.cmd1)).toBe('6A86');
    expect(sw(card, '0087089B047C028000')).toBe('9000');
  });

  it('reports 9B metadata (algorithm, default flag) and PIN retries (F7)', () => {
    const card = adminCard();
    expect(tx(card, '00F7009B')).toBe('0101030202010105010190 00'.replace(/ /g, ''));
    expect(tx(card, '00F70080')).toBe('0101FF05010106020303' + '9000');
    expect(sw(card, '00FFFFFF1B039B18' + '0F'.repeat(24))).toBe('9000');
    expect(tx(card, '00F7009B')).toBe('010103020201010501009000');
    expect(sw(card, '00F7009A')).toBe('6A88');
  });

  it('resets the applet (FB) only when PIN and PUK are both blocked', () => {
    const card = adminCard();
    expect(sw(card, '00FB0000')).toBe('6985');
    card.state.pin.retriesLeft = 0;
    card.state.puk.retriesLeft = 0;
    card.state.objects.set(0x5fc102, Uint8Array.of(0x53, 0));
    expect(sw(card, '00FB0000')).toBe('9000');
    expect(card.state.objects.has(0x5fc102)).toBe(false);
    expect(card.state.pin.retriesLeft).toBe(3);
  });
});
