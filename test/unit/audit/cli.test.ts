import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../electron/cli/main';
import type { CliIo } from '../../../electron/cli/command';
import { openDatabase } from '../../../electron/store/database';
import { AuditJournal } from '../../../electron/audit/journal';

function fakeIo(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env: {}, cwd };
  return { io, out, err, json: () => JSON.parse(out.join('\n')) };
}

describe('station audit (in-process, real SQLite file)', () => {
  let dir: string;
  let db: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'station-audit-cli-'));
    db = join(dir, 'station.db');
    const s = openDatabase(db);
    const j = new AuditJournal(s.db);
    j.append({ actor: 'alice', action: 'policy.save', subject: 'PIV Standard', details: { note: '=cmd|calc' } });
    j.append({ actor: '=HYPERLINK("x")', action: 'operator.sign_in', subject: 'a,b' });
    s.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('verify: exit 0 with the entry count; after tampering exit 1 naming the entry', async () => {
    let f = fakeIo(dir);
    expect(await runCli(['audit', 'verify', '--db', db, '--json'], f.io)).toBe(0);
    expect(f.json()).toMatchObject({ ok: true, entries: 2 });
    const s = openDatabase(db);
    s.db.exec("DROP TRIGGER audit_journal_no_update; UPDATE audit_journal SET subject = 'x' WHERE seq = 2");
    s.close();
    f = fakeIo(dir);
    expect(await runCli(['audit', 'verify', '--db', db], f.io)).toBe(1);
    expect(f.out.join()).toMatch(/^Audit journal BROKEN at entry 2: its content does not match its hash/);
  });

  it('export -o FILE writes safe CSV, filtered', async () => {
    const f = fakeIo(dir);
    expect(await runCli(['audit', 'export', '-o', 'out.csv', '--db', db, '--json'], f.io)).toBe(0);
    expect(f.json()).toMatchObject({ entries: 2 });
    const csv = readFileSync(join(dir, 'out.csv'), 'utf8');
    expect(csv.split('\r\n')[0]).toBe('seq,time,actor,action,subject,details,prevHash,hash');
    expect(csv).toContain(`'=HYPERLINK(""x"")`);
    expect(csv).toContain('"a,b"');
    const g = fakeIo(dir);
    expect(await runCli(['audit', 'export', '-o', 'policy.csv', '--action', 'policy.', '--db', db, '--json'], g.io)).toBe(0);
    expect(g.json()).toMatchObject({ entries: 1 });
    expect(await runCli(['audit', 'export', '--db', db], fakeIo(dir).io)).toBe(2);
  });
});
