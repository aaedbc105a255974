import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vectors } from '../piv/helpers/vectors';
import { VirtualPivCard } from '../../../electron/simulators/piv-card/card';
import { factoryState, stateFromJson, stateToJson } from '../../../electron/simulators/piv-card/state';
import { loadCardState, saveCardStateAtomic } from '../../../electron/simulators/piv-card/state-file';
import { fromHex, toHex } from '../../../electron/piv/bytes';
import { InvalidInputError } from '../../../electron/common/errors';

const ga = vectors.generalAuthenticate9B['3des_defaultKey'];

function usedCard(): VirtualPivCard {
  const card = new VirtualPivCard({ random: () => fromHex(ga.witnessPlain) });
  card.process(fromHex(ga.mutual.cmd1));
  card.process(fromHex(ga.mutual.cmd2));
  card.process(fromHex(vectors.chuid.ykmanTestChuid.putDataApduHex));
  card.process(fromHex(vectors.apdus.generateEcP256Slot9A));
  card.process(fromHex('0020008008393939393939FFFF')); // one wrong PIN
  card.process(fromHex('00FFFFFF13089B1000112233445566778899AABBCCDDEEFF'));
  return card;
}

describe('virtual PIV card state: JSON and --state file', () => {
  it('round-trips objects, counters, management key and generated keys through JSON', () => {
    const card = usedCard();
    const json = JSON.parse(JSON.stringify(stateToJson(card.state)));
    const again = new VirtualPivCard({ state: stateFromJson(json) });
    expect(toHex(again.process(fromHex(vectors.apdus.getDataChuid_yubico)))).toBe(vectors.chuid.ykmanTestChuid.getDataResponseHex);
    expect(toHex(again.process(fromHex('0020008000')))).toBe('63C2');
    expect(again.state.managementKey.algorithm).toBe(0x08);
    expect(toHex(again.state.keys.get(0x9a)!.privateKeyPkcs8)).toBe(toHex(card.state.keys.get(0x9a)!.privateKeyPkcs8));
    expect(stateToJson(again.state)).toEqual(json);
  });

  it('rejects a state document of another shape', () => {
    expect(() => stateFromJson({ ...stateToJson(factoryState()), format: 'other' })).toThrow();
    expect(() => stateFromJson({ ...stateToJson(factoryState()), pin: { value: 'zz', retriesLeft: 3, maxRetries: 3 } })).toThrow();
  });

  it('saves atomically with mode 0600, leaves no temp file, and loads back; a missing file is a factory card', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vcard-'));
    const path = join(dir, 'card.json');
    expect(loadCardState(path).pin.retriesLeft).toBe(3);
    const card = usedCard();
    saveCardStateAtomic(path, card.state);
    saveCardStateAtomic(path, card.state);
    expect(readdirSync(dir)).toEqual(['card.json']);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(stateToJson(loadCardState(path))).toEqual(stateToJson(card.state));
    expect(readFileSync(path, 'utf8')).toContain('issuance-station.virtual-piv-card/1');
  });

  it('reports a corrupt state file as bad input naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vcard-'));
    const path = join(dir, 'bad.json');
    writeFileSync(path, '{"format": 1');
    expect(() => loadCardState(path)).toThrow(InvalidInputError);
    expect(() => loadCardState(path)).toThrow(/bad\.json/);
  });

  it('answers 6F00 instead of throwing when a handler fails (random source of the wrong size)', () => {
    const card = new VirtualPivCard({ random: () => new Uint8Array(3) });
    expect(toHex(card.process(fromHex(ga.mutual.cmd1)))).toBe('6F00');
  });
});
