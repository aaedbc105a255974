import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { vectors } from '../piv/helpers/vectors';
import { VirtualPivCard } from '../../../electron/simulators/piv-card/card';
import { factoryState } from '../../../electron/simulators/piv-card/state';
import { fromHex, toHex } from '../../../electron/piv/bytes';
import { encodeTlv } from '../../../electron/piv/tlv';

const tx = (card: VirtualPivCard, hex: string) => toHex(card.process(fromHex(hex)));
const sw = (card: VirtualPivCard, hex: string) => tx(card, hex).slice(-4);

function cardWithObject(tag: number, content: Uint8Array): VirtualPivCard {
  const state = factoryState();
  state.objects.set(tag, encodeTlv(0x53, content));
  return new VirtualPivCard({ state });
}

describe('virtual PIV card: SELECT and the probes OpenSC / yubico-piv-tool send (reference §5)', () => {
  const card = new VirtualPivCard();
  it.each([
    ['11-byte full AID', vectors.apdus.selectPivFull],
    ['9-byte truncated AID (OpenSC)', vectors.apdus.selectPivTruncated9_OpenSC],
    ['5-byte RID without Le (yubico-piv-tool)', vectors.apdus.selectPivRid5_yubicoPivTool],
  ])('selects PIV by the %s and answers the APT', (_name, apdu) => {
    expect(tx(card, apdu)).toBe(vectors.apdus.selectResponseYubiKeyExample);
  });

  it.each([
    ['CoolKey', '00A404000762760 1FF000000'.replace(/ /g, '')],
    ['MUSCLE', '00A4040006A00000000101'],
    ['SmartCard-HSM', '00A404000BE82B0601040181C31F020100'],
    ['EstEID (P2 0C)', '00A4040C0FD23300000045737445494420763335'],
    ['YubiKey OTP', '00A4040008A000000527200101'],
    ['a 4-byte prefix of the PIV RID', '00A4040004A0000003'],
  ])('answers 6A82 to the %s AID and keeps PIV selected', (_name, apdu) => {
    expect(sw(card, apdu)).toBe('6A82');
    expect(tx(card, vectors.apdus.getDataDiscovery)).toBe(`${vectors.discoveryObject.pivPinOnly}9000`);
  });

  it('answers 6D00 to unknown instructions (SetCOS probe 00 CA) and 6E00 to a foreign class', () => {
    expect(sw(card, '00CADF3005')).toBe('6D00');
    expect(sw(card, '00CB3FFF')).not.toBe('6D00');
    expect(sw(card, '80CB3FFF035C017E00')).toBe('6E00');
  });

  it('answers 6700 to bytes that are not an APDU', () => {
    expect(sw(card, '00A4')).toBe('6700');
    expect(sw(card, '00A4040009A000')).toBe('6700');
  });

  it('reports YubiKey firmware 5.4.3 (FD) and its serial (F8)', () => {
    expect(tx(card, vectors.apdus.yubicoGetVersion)).toBe('0504039000');
    expect(tx(card, vectors.apdus.yubicoGetSerial)).toBe(`${(10_000_001).toString(16).toUpperCase().padStart(8, '0')}9000`);
  });

  it('never throws and always answers at least a status word, whatever the bytes (property)', () => {
    const fuzz = new VirtualPivCard();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const out = fuzz.process(bytes);
        return out.length >= 2;
      }),
      { numRuns: 500 },
    );
  });
});

describe('virtual PIV card: GET DATA with Le, 61xx and GET RESPONSE', () => {
  const content = Uint8Array.from({ length: 600 }, (_, i) => i & 0xff);
  const wrapped = encodeTlv(0x53, content);

  it('returns the ykman CHUID vector byte for byte (case-3 GET DATA as yubico-piv-tool sends it)', () => {
    const card = cardWithObject(0x5fc102, fromHex(vectors.chuid.ykmanTestChuid.contentHex));
    expect(tx(card, vectors.apdus.getDataChuid_yubico)).toBe(vectors.chuid.ykmanTestChuid.getDataResponseHex);
  });

  it('splits a 604-byte answer into ≤256-byte responses with 61xx and GET RESPONSE', () => {
    const card = cardWithObject(0x5fc102, content);
    const first = card.process(fromHex('00CB3FFF055C035FC102'));
    expect(first.length).toBe(258);
    expect(toHex(first.slice(-2))).toBe('6100');
    const second = card.process(fromHex('00C0000000'));
    expect(toHex(second.slice(-2))).toBe(`61${(wrapped.length - 512).toString(16).toUpperCase()}`);
    const third = card.process(fromHex(`00C00000${(wrapped.length - 512).toString(16)}`));
    expect(toHex(third.slice(-2))).toBe('9000');
    const all = new Uint8Array([...first.slice(0, -2), ...second.slice(0, -2), ...third.slice(0, -2)]);
    expect(toHex(all)).toBe(toHex(wrapped));
  });

  it('honours OpenSC\'s Le 08 length probe, then a fresh GET DATA starts over', () => {
    const card = cardWithObject(0x5fc102, content);
    const probe = card.process(fromHex(vectors.apdus.getDataChuid_OpenSC_probe));
    expect(toHex(probe.slice(0, 8))).toBe(toHex(wrapped.slice(0, 8)));
    expect(probe[8]).toBe(0x61);
    const again = card.process(fromHex(vectors.apdus.getDataChuid_OpenSC));
    expect(toHex(again.slice(0, 256))).toBe(toHex(wrapped.slice(0, 256)));
  });

  it('answers GET RESPONSE without pending data with 6985, and 6A82 for a missing object', () => {
    const card = new VirtualPivCard();
    expect(sw(card, vectors.apdus.getResponse)).toBe('6985');
    expect(sw(card, vectors.apdus.getDataChuid_yubico)).toBe('6A82');
    expect(sw(card, '00CB3FFF055C03123456')).toBe('6A80');
    expect(sw(card, '00CB3FFE055C035FC102')).toBe('6A86');
  });

  it('returns PIN-protected Printed Information only after VERIFY PIN', () => {
    const card = cardWithObject(0x5fc109, fromHex(vectors.printedInformation.gsaCard46ContentHex));
    expect(sw(card, '00CB3FFF055C035FC109')).toBe('6982');
    expect(sw(card, vectors.apdus.verifyPin123456)).toBe('9000');
    expect(tx(card, '00CB3FFF055C035FC109')).toBe(`53${(vectors.printedInformation.gsaCard46ContentHex.length / 2).toString(16).toUpperCase()}${vectors.printedInformation.gsaCard46ContentHex}9000`);
  });
});
