/**
 * The fingerprint gate's rules and the all-or-nothing applicant import, with synthetic minutiae
 * (templates given as base64 INCITS 378, so no image extraction is needed here).
 */
import { describe, expect, it } from 'vitest';
import { BiometricGate } from '../../../electron/issuance/biometric-gate';
import type { FingerprintFeatures, Minutia } from '../../../electron/biometrics/types';
import { encodeTemplate, featuresToRecord } from '../../../electron/biometrics/templates';
import { openDatabase } from '../../../electron/store/database';
import { ApplicantService } from '../../../electron/applicants/service';
import type { Actor } from '../../../electron/operators/roles';

function finger(seed: number): FingerprintFeatures {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const minutiae: Minutia[] = Array.from({ length: 40 }, () => ({ x: 20 + rnd() * 340, y: 20 + rnd() * 340, angle: rnd() * 2 * Math.PI, type: rnd() < 0.5 ? 'ending' : 'bifurcation', quality: 80 }));
  return { width: 388, height: 374, dpi: 500, minutiae, quality: 80 };
}
const alice = finger(1), bob = finger(2), carol = finger(3);

describe('BiometricGate', () => {
  it('passes on a 1:1 match of the named finger', () => {
    const g = new BiometricGate('fingerprint', [{ position: 2, features: alice }, { position: 7, features: carol }]);
    const r = g.attempt(alice, 2);
    expect(r).toMatchObject({ match: true, state: 'passed', position: 2 });
    expect(g.snapshot()).toMatchObject({ state: 'passed', passedBy: 'fingerprint' });
  });

  it('locks a finger after 3 misses, and the gate once every enrolled finger is locked', () => {
    const g = new BiometricGate('fingerprint', [{ position: 2, features: alice }, { position: 7, features: carol }]);
    for (let i = 0; i < 3; i++) expect(g.attempt(bob, 2).match).toBe(false);
    expect(g.snapshot().attemptsLeft).toEqual({ 2: 0, 7: 3 });
    expect(() => g.attempt(bob, 2)).toThrow(/Finger 2 is locked/);
    for (let i = 0; i < 2; i++) g.attempt(bob, 7);
    expect(g.attempt(bob, 7).state).toBe('locked');
    expect(() => g.attempt(alice)).toThrow(/locked/);
  });

  it('a probe without a finger position counts against every finger: 3 misses lock the gate', () => {
    const g = new BiometricGate('fingerprint', [{ position: 2, features: alice }, { position: 7, features: carol }]);
    g.attempt(bob);
    g.attempt(bob);
    expect(g.attempt(bob).state).toBe('locked');
  });

  it('fallbacks: the document+photo attestation or a System Manager override, only once locked', () => {
    const g = new BiometricGate('fingerprint', [{ position: 2, features: alice }]);
    expect(() => g.attest({ documents: ['passport', 'driver license'], photoCompared: true })).toThrow(/fallback once verification is locked/);
    expect(() => g.override('the scanner is broken today')).toThrow(/only for a locked/);
    for (let i = 0; i < 3; i++) g.attempt(bob);
    expect(() => g.attest({ documents: ['passport', 'Passport'], photoCompared: true })).toThrow(/two different/);
    expect(() => g.attest({ documents: ['passport', 'driver license'], photoCompared: false })).toThrow(/compared/);
    expect(() => g.override('short')).toThrow(/at least 10/);
    g.override('Worn fingerprints, identity confirmed by HR');
    expect(g.snapshot()).toMatchObject({ state: 'passed', passedBy: 'override' });
  });

  it('a policy without fingerprint verification requires the attestation and takes no finger', () => {
    const g = new BiometricGate('attestation', [{ position: 2, features: alice }]);
    expect(() => g.attempt(alice)).toThrow(/does not verify fingerprints/);
    g.attest({ documents: ['passport', 'PIV card of another agency'], photoCompared: true });
    expect(g.passed).toBe(true);
  });
});

describe('ApplicantService import (all or nothing, per-record errors)', () => {
  const actor: Actor = { id: 1, name: 'eo', role: 'enrollment_officer' };
  const badge: Actor = { id: 2, name: 'bo', role: 'badge_operator' };
  const tpl = (f: FingerprintFeatures, position: number) => Buffer.from(encodeTemplate(featuresToRecord(f, { format: 'incits378', fingerPosition: position }))).toString('base64');
  const record = (id: string, extra: Record<string, unknown> = {}) => ({ id, givenName: 'Grace', surname: 'Hopper', personIdentifier: '1234567890', organizationalCategory: '1', organizationalIdentifier: '0032', poaCategory: '1', fingerprints: [{ position: 2, template: tpl(alice, 2) }], ...extra });
  const noFiles = () => {
    throw new Error('no files in this test');
  };

  it('imports valid records, lists and searches them with their status', async () => {
    const store = openDatabase(':memory:');
    const svc = new ApplicantService(store.db);
    expect(await svc.importRecords(actor, [record('G-1'), record('G-2', { surname: 'Lamarr', organizationalCategory: 3, poaCategory: 5 })], noFiles, 'file.json')).toEqual({ imported: 2, ids: ['G-1', 'G-2'] });
    expect(svc.list(badge).total).toBe(2);
    const found = svc.list(badge, { text: 'lamarr' });
    expect(found.applicants.map((a) => a.id)).toEqual(['G-2']);
    expect(found.applicants[0]).toMatchObject({ status: 'enrolled', organizationalCategory: '3', poaCategory: '5', currentCard: null, fingerprints: [{ position: 2, origin: 'template' }] });
  });

  it.each([
    [{ personIdentifier: '12345' }, /personIdentifier must be exactly 10 digits/],
    [{ organizationalCategory: '5' }, /organizationalCategory is 1 federal/],
    [{ poaCategory: '8' }, /poaCategory is 1–7/],
    [{ fingerprints: [] }, /at least one fingerprint/],
    [{ fingerprints: [{ position: 2, template: Buffer.from('not a template').toString('base64') }] }, /fingerprint template \(position 2\)/],
  ])('one bad record (%o) imports nothing and names record 2', async (bad, message) => {
    const store = openDatabase(':memory:');
    const svc = new ApplicantService(store.db);
    const failure = svc.importRecords(actor, [record('G-1'), record('G-2', bad)], noFiles, 'f.json');
    await expect(failure).rejects.toThrow(message);
    const e = await failure.catch((x: unknown) => x);
    expect((e as Error).message).toMatch(/^Record 2 \(G-2\)/);
    expect((e as Error).message).toContain('Nothing was imported');
    expect(svc.list(badge).total).toBe(0);
  });

  it('refuses duplicate ids in the file and ids already enrolled; only officers and System Managers import', async () => {
    const store = openDatabase(':memory:');
    const svc = new ApplicantService(store.db);
    await expect(svc.importRecords(actor, [record('G-1'), record('G-1')], noFiles, 'f')).rejects.toThrow(/appears twice/);
    await svc.importRecords(actor, [record('G-1')], noFiles, 'f');
    await expect(svc.importRecords(actor, [record('G-1')], noFiles, 'f')).rejects.toThrow(/already enrolled/);
    await expect(svc.importRecords(badge, [record('G-9')], noFiles, 'f')).rejects.toThrow();
  });

  it('two imports of the same id at once: the one that finishes second is refused, nothing is half-written', async () => {
    const store = openDatabase(':memory:');
    const svc = new ApplicantService(store.db);
    const results = await Promise.allSettled([svc.importRecords(actor, [record('G-1')], noFiles, 'a'), svc.importRecords(actor, [record('G-1'), record('G-2')], noFiles, 'b')]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((refused.reason as Error).message).toMatch(/already enrolled/);
    expect(svc.list(badge).total).toBe(results[0]!.status === 'fulfilled' ? 1 : 2);
  });
});
