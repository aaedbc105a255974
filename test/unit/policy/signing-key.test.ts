import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type OpenedDatabase } from '../../../electron/store/database';
import { PolicyService } from '../../../electron/policy/service';
import { generateSigningKey, verifyBundle } from '../../../electron/policy/bundle';
import { PassphraseKeyProtector } from '../../../electron/keys/key-protector';
import { DEFAULT_POLICY_NAME } from '../../../electron/policy/model/defaults';

const keys = () => new PassphraseKeyProtector('signing key test passphrase', 10);
const row = (store: OpenedDatabase) => store.db.prepare('SELECT private_key, private_key_protector FROM policy_signers WHERE own = 1').get() as { private_key: string; private_key_protector: string | null } | undefined;
const actions = (store: OpenedDatabase) => (store.db.prepare('SELECT action, details FROM audit_journal ORDER BY seq').all() as Array<{ action: string; details: string }>);

describe('policy-signing key at rest (real SQLite file)', () => {
  let dir: string;
  let path: string;
  let store: OpenedDatabase;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'station-policy-key-'));
    path = join(dir, 'station.db');
    store = openDatabase(path);
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is made on first need and stored only as a protected blob: no PEM in the row or anywhere in the file', () => {
    const svc = new PolicyService(store.db, undefined, keys());
    expect(row(store)).toBeUndefined(); // nothing made until needed
    const bundle = svc.exportBundle('alice', DEFAULT_POLICY_NAME);
    expect(() => verifyBundle(bundle, (fp) => (fp === bundle.signer.fingerprint ? bundle.signer.publicKey : undefined))).not.toThrow();
    const r = row(store)!;
    expect(r.private_key_protector).toBe(PassphraseKeyProtector.KIND);
    expect(r.private_key).not.toMatch(/PRIVATE KEY/);
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(path).includes('PRIVATE KEY')).toBe(false);
    const created = actions(store).find((a) => a.action === 'policy.signing_key_created')!;
    expect(JSON.parse(created.details)).toMatchObject({ protector: PassphraseKeyProtector.KIND });
    expect(created.details).not.toMatch(/PRIVATE|signing key test passphrase/);
  });

  it('without a key protector, showing or exporting says what to set and writes nothing', () => {
    const svc = new PolicyService(store.db);
    const before = actions(store).length;
    expect(() => svc.stationSigner()).toThrowError(expect.objectContaining({ code: 'POLICY_SIGNING_KEY_UNAVAILABLE', message: expect.stringMatching(/STATION_KEY_PASSPHRASE/) }));
    expect(() => svc.exportBundle('alice', DEFAULT_POLICY_NAME)).toThrowError(expect.objectContaining({ code: 'POLICY_SIGNING_KEY_UNAVAILABLE' }));
    expect(row(store)).toBeUndefined();
    expect(actions(store).length).toBe(before);
    expect(svc.signers()).toEqual([]); // the rest of the policy service still works
  });

  it('a wrong passphrase cannot sign (typed error), and the stored key is unchanged', () => {
    new PolicyService(store.db, undefined, keys()).stationSigner();
    const stored = row(store)!.private_key;
    const wrong = new PolicyService(store.db, undefined, new PassphraseKeyProtector('not the right passphrase', 10));
    expect(() => wrong.exportBundle('alice', DEFAULT_POLICY_NAME)).toThrowError(expect.objectContaining({ code: 'KEY_PASSPHRASE_WRONG' }));
    expect(row(store)!.private_key).toBe(stored);
  });

  it('a clear key written by the previous version is encrypted in place on first use, keeps its fingerprint, and is journalled', () => {
    const legacy = generateSigningKey();
    store.db
      .prepare("INSERT INTO policy_signers (fingerprint, label, public_key, private_key, own, added_at, added_by) VALUES (?, 'This station', ?, ?, 1, '2026-11-01T00:00:00Z', '(station)')")
      .run(legacy.fingerprint, legacy.publicKey, legacy.privateKey);
    const svc = new PolicyService(store.db, undefined, keys());
    expect(svc.stationSigner().fingerprint).toBe(legacy.fingerprint);
    expect(row(store)).toMatchObject({ private_key_protector: PassphraseKeyProtector.KIND });
    expect(row(store)!.private_key).not.toMatch(/PRIVATE KEY/);
    expect(actions(store).filter((a) => a.action === 'policy.signing_key_protected')).toHaveLength(1);
    const bundle = svc.exportBundle('alice', DEFAULT_POLICY_NAME);
    expect(bundle.signer.fingerprint).toBe(legacy.fingerprint);
    expect(() => verifyBundle(bundle, () => legacy.publicKey)).not.toThrow();
  });
});
