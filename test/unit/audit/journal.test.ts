import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type OpenedDatabase } from '../../../electron/store/database';
import { AuditJournal } from '../../../electron/audit/journal';
import { GENESIS_HASH, entryHash } from '../../../electron/audit/entry';
import { canonicalJson } from '../../../electron/audit/canonical-json';

describe('audit journal (real SQLite file)', () => {
  let dir: string;
  let store: OpenedDatabase;
  let clock: number;
  let journal: AuditJournal;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'station-audit-'));
    store = openDatabase(join(dir, 'station.db'));
    clock = Date.parse('2026-11-28T10:00:00Z');
    journal = new AuditJournal(store.db, () => new Date((clock += 1000)));
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const fill = () => {
    journal.append({ actor: 'alice', action: 'policy.save', subject: 'PIV Standard', details: { changes: [{ field: 'cardValidityYears', from: 6, to: 5 }] } });
    journal.append({ actor: 'bob', action: 'operator.sign_in', subject: 'bob', details: { role: 'badge_operator' } });
    journal.append({ actor: 'alice', action: 'policy.revert', subject: 'PIV Standard', details: { note: 'back' } });
  };

  it('chains entries: seq from 1, prevHash of the first is the genesis hash, each hash recomputable', () => {
    fill();
    const all = [...journal.iterate()];
    expect(all.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(all[0]!.prevHash).toBe(GENESIS_HASH);
    expect(all[1]!.prevHash).toBe(all[0]!.hash);
    expect(all[2]!.hash).toBe(entryHash({ ...all[2]!, detailsText: canonicalJson(all[2]!.details) }));
    expect(journal.verify()).toEqual({ ok: true, entries: 3, headHash: all[2]!.hash });
  });

  it('SQLite triggers refuse UPDATE and DELETE', () => {
    fill();
    expect(() => store.db.prepare("UPDATE audit_journal SET actor = 'mallory' WHERE seq = 2").run()).toThrow(/append-only: entries cannot be changed/);
    expect(() => store.db.prepare('DELETE FROM audit_journal WHERE seq = 2').run()).toThrow(/append-only: entries cannot be deleted/);
  });

  it('verify names the first broken link when a row is tampered with (triggers dropped)', () => {
    fill();
    journal.append({ actor: 'carol', action: 'x', subject: 'y' });
    store.db.exec('DROP TRIGGER audit_journal_no_update');
    store.db.prepare(`UPDATE audit_journal SET details = '{"changes":[]}' WHERE seq = 1`).run();
    store.db.prepare("UPDATE audit_journal SET actor = 'mallory' WHERE seq = 3").run();
    expect(journal.verify()).toEqual({ ok: false, entries: 1, firstBroken: { seq: 1, reason: 'its content does not match its hash (the entry was altered)' } });
  });

  it('verify catches a rewritten hash (the next link breaks) and a deleted entry', () => {
    fill();
    store.db.exec('DROP TRIGGER audit_journal_no_update; DROP TRIGGER audit_journal_no_delete');
    const row = store.db.prepare('SELECT * FROM audit_journal WHERE seq = 2').get() as Record<string, string>;
    const forged = entryHash({ seq: 2, time: row.time!, actor: 'mallory', action: row.action!, subject: row.subject!, detailsText: row.details!, prevHash: row.prev_hash! });
    store.db.prepare("UPDATE audit_journal SET actor = 'mallory', hash = ? WHERE seq = 2").run(forged);
    expect(journal.verify()).toMatchObject({ ok: false, firstBroken: { seq: 3, reason: 'its previous-hash does not match the hash of entry 2' } });
    store.db.prepare('DELETE FROM audit_journal WHERE seq = 2').run();
    expect(journal.verify()).toMatchObject({ ok: false, firstBroken: { seq: 3, reason: 'entry 2 is missing (next entry found is 3)' } });
  });

  it('refuses secrets in details, naming the key but not the value', () => {
    for (const details of [{ pin: '123456' }, { newPin: 'x' }, { puk_value: 'x' }, { managementKey: 'x' }, { password: 'x' }, { nested: [{ secret: 'x' }] }, { privateKeyPem: 'x' }, { key: 'x' }]) {
      expect(() => journal.append({ actor: 'a', action: 'b', details })).toThrowError(expect.objectContaining({ code: 'AUDIT_SECRET_REFUSED' }));
    }
    try {
      journal.append({ actor: 'a', action: 'b', details: { pin: '987654' } });
    } catch (e) {
      expect(String((e as Error).message)).not.toContain('987654');
    }
    expect(() => journal.append({ actor: 'a', action: 'b', details: { pinned: true, keyboardLayout: 'us', field: 'cmsServerKey' } })).not.toThrow();
    expect(journal.verify()).toMatchObject({ ok: true, entries: 1 });
  });

  it('queries by time range, actor, action prefix and text', () => {
    fill();
    expect(journal.query({ actor: 'ALICE' }).total).toBe(2);
    expect(journal.query({ action: 'policy.' }).entries.map((e) => e.seq)).toEqual([3, 1]);
    expect(journal.query({ action: 'policy' }).total).toBe(0);
    expect(journal.query({ text: 'cardValidity' }).entries.map((e) => e.seq)).toEqual([1]);
    expect(journal.query({ text: '100%_' }).total).toBe(0);
    expect(journal.query({ from: '2026-11-28T10:00:02Z', to: '2026-11-28T10:00:03Z' }).entries.map((e) => e.seq)).toEqual([2]);
    expect(() => journal.query({ from: 'yesterday' })).toThrowError(expect.objectContaining({ code: 'AUDIT_BAD_FILTER' }));
    expect(journal.query({ limit: 1, offset: 1 }).entries.map((e) => e.seq)).toEqual([2]);
  });
});
