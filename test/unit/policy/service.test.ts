import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type OpenedDatabase } from '../../../electron/store/database';
import { PolicyService } from '../../../electron/policy/service';
import { AuditJournal } from '../../../electron/audit/journal';
import { DEFAULT_DEVICE_ISSUANCE, DEFAULT_POLICY_NAME } from '../../../electron/policy/model/defaults';
import type { Actor } from '../../../electron/operators/roles';
import { PassphraseKeyProtector } from '../../../electron/keys/key-protector';

/** scrypt cost 2^10 instead of 2^15: the format is the same, the test just runs faster. */
const keys = new PassphraseKeyProtector('policy unit-test passphrase', 10);

const alice: Actor = { id: 1, name: 'alice', role: 'system_manager' };
const carol: Actor = { id: 2, name: 'carol', role: 'system_manager' };
const bob: Actor = { id: 3, name: 'bob', role: 'badge_operator' };
const edit = (patch: Partial<typeof DEFAULT_DEVICE_ISSUANCE>) => ({ ...structuredClone(DEFAULT_DEVICE_ISSUANCE), ...patch });

describe('PolicyService (real SQLite file)', () => {
  let dir: string;
  let store: OpenedDatabase;
  let clock: number;
  let svc: PolicyService;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'station-policy-'));
    store = openDatabase(join(dir, 'station.db'));
    clock = Date.parse('2026-11-28T10:00:00Z');
    svc = new PolicyService(store.db, () => new Date((clock += 1000)), keys);
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('first run seeds a credential type, its policy at version 1, card profiles and a signing key', () => {
    expect(svc.list()).toMatchObject([{ name: DEFAULT_POLICY_NAME, credentialType: 'PIV Employee', version: 1, source: 'seed' }]);
    expect(svc.get(DEFAULT_POLICY_NAME).deviceIssuance).toEqual(DEFAULT_DEVICE_ISSUANCE);
    expect(svc.cardProfiles().map((p) => p.name)).toEqual(['PIV-Standard-Initial', 'PIV-Auth-Only-Replacement', 'PIV-Standard-Replacement']);
    expect(svc.stationSigner().fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(new PolicyService(store.db, undefined, keys).stationSigner().fingerprint).toBe(svc.stationSigner().fingerprint);
  });

  it('resolves the policy from a credential type (case-insensitive) and names the known types otherwise', () => {
    expect(svc.forCredentialType('piv employee')).toMatchObject({ name: DEFAULT_POLICY_NAME, version: 1 });
    expect(() => svc.forCredentialType('Visitor')).toThrowError(expect.objectContaining({ code: 'CREDENTIAL_TYPE_UNKNOWN', message: expect.stringMatching(/Known types: PIV Employee/) }));
    expect(svc.cardProfile('PIV-Auth-Only-Replacement')?.keySlots.map((k) => k.slot)).toEqual(['9A', '9E']);
  });

  it('a save is a new version with a field-level diff in the audit journal', () => {
    const r = svc.save(alice, { name: DEFAULT_POLICY_NAME, baseVersion: 1, deviceIssuance: edit({ cardValidityYears: 5, fascn: { agencyCode: '1234', systemCode: '0001' } }) });
    expect(r.policy.version).toBe(2);
    expect(r.changes).toEqual([
      { field: 'cardValidityYears', label: 'Card Validity', from: 6, to: 5 },
      { field: 'fascn.agencyCode', label: 'Agency Code', from: '0032', to: '1234' },
    ]);
    const [entry] = new AuditJournal(store.db).query({ action: 'policy.save' }).entries;
    expect(entry).toMatchObject({ actor: 'alice', subject: DEFAULT_POLICY_NAME, details: { fromVersion: 1, toVersion: 2, changes: r.changes } });
    // no change → no new version
    expect(svc.save(alice, { name: DEFAULT_POLICY_NAME, baseVersion: 2, deviceIssuance: edit({ cardValidityYears: 5, fascn: { agencyCode: '1234', systemCode: '0001' } }) }).policy.version).toBe(2);
  });

  it('only a System Manager may save, revert or import (enforced in the service)', () => {
    expect(() => svc.save(bob, { name: DEFAULT_POLICY_NAME, baseVersion: 1, deviceIssuance: edit({ cardValidityYears: 3 }) })).toThrowError(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => svc.revert(bob, { name: DEFAULT_POLICY_NAME, toVersion: 1, baseVersion: 1 })).toThrowError(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => svc.applyImport(bob, JSON.stringify(svc.exportBundle('x', DEFAULT_POLICY_NAME)))).toThrowError(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(svc.get(DEFAULT_POLICY_NAME).version).toBe(1);
  });

  it('invalid fields are refused with one message per field', () => {
    expect(() => svc.save(alice, { name: DEFAULT_POLICY_NAME, baseVersion: 1, deviceIssuance: edit({ cardValidityYears: 7, cmsCardPolicy: 'Gold' }) })).toThrowError(
      expect.objectContaining({ code: 'POLICY_INVALID', details: { fieldErrors: { cardValidityYears: expect.stringMatching(/FIPS 201-3/), cmsCardPolicy: expect.stringMatching(/Unknown card profile 'Gold'/) } } }),
    );
  });

  it('two editors on the same version: the second save gets "changed by X at T — reload", nothing overwritten', () => {
    svc.save(carol, { name: DEFAULT_POLICY_NAME, baseVersion: 1, deviceIssuance: edit({ cardValidityYears: 4 }) });
    let err: unknown;
    try {
      svc.save(alice, { name: DEFAULT_POLICY_NAME, baseVersion: 1, deviceIssuance: edit({ cmsServerKey: 'cms.example.gov' }) });
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ code: 'POLICY_CHANGED', details: { currentVersion: 2, changedBy: 'carol', baseVersion: 1 } });
    expect((err as Error).message).toMatch(/^Policy 'PIV Standard' was changed by carol at 2026-11-28 10:00:0\d UTC — reload/);
    expect(svc.get(DEFAULT_POLICY_NAME)).toMatchObject({ version: 2, deviceIssuance: { cardValidityYears: 4, cmsServerKey: 'cms.station.test' } });
  });

  it('history lists every version; a revert is a new version with the old settings', () => {
    svc.save(alice, { name: DEFAULT_POLICY_NAME, baseVersion: 1, deviceIssuance: edit({ cardValidityYears: 3 }) });
    svc.save(alice, { name: DEFAULT_POLICY_NAME, baseVersion: 2, deviceIssuance: edit({ cardValidityYears: 2 }) });
    const r = svc.revert(alice, { name: DEFAULT_POLICY_NAME, toVersion: 1, baseVersion: 3 });
    expect(r.policy).toMatchObject({ version: 4, source: 'revert', deviceIssuance: DEFAULT_DEVICE_ISSUANCE });
    expect(svc.history(DEFAULT_POLICY_NAME).map((v) => [v.version, v.source])).toEqual([[4, 'revert'], [3, 'edit'], [2, 'edit'], [1, 'seed']]);
    expect(() => svc.revert(alice, { name: DEFAULT_POLICY_NAME, toVersion: 9, baseVersion: 4 })).toThrowError(expect.objectContaining({ code: 'POLICY_VERSION_NOT_FOUND' }));
    expect(() => store.db.prepare('UPDATE policy_versions SET note = ?').run('x')).toThrow(/immutable/);
  });

  describe('signed bundles', () => {
    let other: { store: OpenedDatabase; svc: PolicyService };
    beforeEach(() => {
      const s = openDatabase(join(dir, 'other.db'));
      other = { store: s, svc: new PolicyService(s.db, () => new Date((clock += 1000)), new PassphraseKeyProtector('the other station passphrase', 10)) };
    });
    afterEach(() => other.store.close());

    it('export → preview shows the diff → apply makes a new version on a station that trusts the signer', () => {
      svc.save(alice, { name: DEFAULT_POLICY_NAME, baseVersion: 1, deviceIssuance: edit({ cardValidityYears: 5, permittedDeviceTypes: { otp: true, fido: true, derived: false } }) });
      const text = JSON.stringify(svc.exportBundle('alice', DEFAULT_POLICY_NAME), null, 2);
      expect(() => other.svc.previewImport(text)).toThrowError(expect.objectContaining({ code: 'POLICY_BUNDLE_BAD_SIGNATURE', message: expect.stringMatching(/does not trust/) }));
      other.svc.trustSigner(alice, { publicKey: svc.stationSigner().publicKey, label: 'HQ station' });
      const preview = other.svc.previewImport(text);
      expect(preview).toMatchObject({ name: DEFAULT_POLICY_NAME, bundleVersion: 2, exists: true, currentVersion: 1, signer: { label: 'HQ station', own: false } });
      expect(preview.changes.map((c) => c.field)).toEqual(['cardValidityYears', 'permittedDeviceTypes.otp']);
      expect(other.svc.get(DEFAULT_POLICY_NAME).version).toBe(1);
      const applied = other.svc.applyImport(carol, text, 1);
      expect(applied.policy).toMatchObject({ version: 2, source: 'import', deviceIssuance: { cardValidityYears: 5 } });
    });

    it('a changed byte breaks the signature; invalid fields are refused even when signed', () => {
      const bundle = svc.exportBundle('alice', DEFAULT_POLICY_NAME);
      const tampered = JSON.stringify({ ...bundle, policy: { ...bundle.policy, deviceIssuance: { ...bundle.policy.deviceIssuance, cardValidityYears: 5 } } });
      expect(() => svc.previewImport(tampered)).toThrowError(expect.objectContaining({ code: 'POLICY_BUNDLE_BAD_SIGNATURE', message: expect.stringMatching(/signature does not verify/) }));
      // a foreign key claiming our fingerprint is not trusted either: the stored key is what verifies
      const forged = other.svc.exportBundle('mallory', DEFAULT_POLICY_NAME);
      const claim = JSON.stringify({ ...forged, signer: { ...forged.signer, fingerprint: svc.stationSigner().fingerprint } });
      expect(() => svc.previewImport(claim)).toThrowError(expect.objectContaining({ code: 'POLICY_BUNDLE_BAD_SIGNATURE' }));
      // properly signed but invalid settings (7 years), made with the private key directly
      other.store.db.prepare('INSERT INTO policy_versions (policy_id, version, device_issuance, created_at, created_by, source) SELECT policy_id, 2, replace(device_issuance, \'"cardValidityYears":6\', \'"cardValidityYears":7\'), created_at, created_by, \'edit\' FROM policy_versions WHERE version = 1').run();
      other.store.db.prepare('UPDATE credential_policies SET current_version = 2').run();
      svc.trustSigner(alice, { publicKey: other.svc.stationSigner().publicKey, label: 'other' });
      expect(() => svc.previewImport(JSON.stringify(other.svc.exportBundle('mallory', DEFAULT_POLICY_NAME)))).toThrowError(expect.objectContaining({ code: 'POLICY_INVALID', message: expect.stringMatching(/Card Validity: Card Validity cannot exceed 6 years/) }));
      expect(() => svc.previewImport('not json')).toThrowError(expect.objectContaining({ code: 'POLICY_BUNDLE_MALFORMED' }));
    });

    it('importing an unknown policy creates its credential type and policy (one policy per type)', () => {
      other.svc.trustSigner(alice, { publicKey: svc.stationSigner().publicKey, label: 'HQ' });
      store.db.prepare("UPDATE credential_policies SET name = 'Contractor PIV'").run();
      const sameType = JSON.stringify(svc.exportBundle('alice', 'Contractor PIV'));
      expect(() => other.svc.applyImport(alice, sameType)).toThrowError(expect.objectContaining({ code: 'POLICY_TYPE_TAKEN' }));
      store.db.prepare("UPDATE credential_types SET name = 'PIV Contractor'").run();
      const renamed = svc.exportBundle('alice', 'Contractor PIV');
      const r = other.svc.applyImport(alice, JSON.stringify(renamed));
      expect(r.created).toBe(true);
      expect(other.svc.list().map((p) => p.name).sort()).toEqual(['Contractor PIV', 'PIV Standard']);
    });
  });
});
