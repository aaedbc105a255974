/**
 * Issue 7 "Done when": processes killed (SIGKILL) while reserving credential numbers and while holding
 * an uncommitted write transaction leave a database that passes PRAGMA integrity_check, no number is
 * ever handed out twice, dangling reservations become failed (still consumed), and numbering goes on
 * after the highest number ever reserved. Real SQLite file (WAL), real child processes.
 */
import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../electron/store/database';
import { CredentialLedger } from '../../../electron/issuance/ledger';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const CHILD = join(import.meta.dirname, 'support', 'ledger-child.ts');

function startChild(db: string, mode: 'loop' | 'hold'): { child: ChildProcess; lines: string[]; waitFor: (pred: (lines: string[]) => boolean) => Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, db, mode], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let buf = '';
  let err = '';
  child.stdout!.on('data', (d) => {
    buf += d;
    const parts = buf.split('\n');
    buf = parts.pop()!;
    lines.push(...parts);
  });
  child.stderr!.on('data', (d) => (err += d));
  const waitFor = (pred: (l: string[]) => boolean) =>
    new Promise<void>((resolve, reject) => {
      const t = setInterval(() => {
        if (pred(lines)) {
          clearInterval(t);
          resolve();
        } else if (child.exitCode !== null) {
          clearInterval(t);
          reject(new Error(`child exited ${child.exitCode}: ${err}`));
        }
      }, 20);
    });
  return { child, lines, waitFor };
}

const killed = (c: ChildProcess) => new Promise<void>((resolve) => (c.exitCode !== null || c.signalCode !== null ? resolve() : (c.once('exit', () => resolve()), c.kill('SIGKILL'))));

describe('credential ledger survives processes killed mid-transaction (real SQLite file, child processes)', () => {
  it('two processes reserving concurrently, both SIGKILLed mid-loop: integrity ok, every number unique, dangling ones failed, numbering continues', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'ledger-crash-')), 'station.db');
    openDatabase(db).close();
    const a = startChild(db, 'loop');
    const b = startChild(db, 'loop');
    await Promise.all([a.waitFor((l) => l.length >= 20), b.waitFor((l) => l.length >= 20)]);
    await Promise.all([killed(a.child), killed(b.child)]);
    const printed = [...a.lines, ...b.lines].filter((l) => l.startsWith('reserved ')).map((l) => l.slice(9));
    expect(new Set(printed).size).toBe(printed.length); // no number handed out twice, across processes

    const store = openDatabase(db);
    try {
      expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
      const ledger = new CredentialLedger(store.db);
      const all = ledger.list();
      const numbers = all.map((e) => e.credentialNumber);
      expect(new Set(numbers).size).toBe(numbers.length);
      for (const n of printed) expect(numbers).toContain(n); // every number a child was told is committed
      expect(all.every((e) => e.state === 'reserved')).toBe(true);
      const recovered = ledger.recoverDangling();
      expect(recovered.length).toBe(all.length);
      expect(ledger.list().every((e) => e.state === 'failed' && e.failure?.includes('interrupted'))).toBe(true);
      const max = Math.max(...numbers.map(Number));
      expect(Number(ledger.reserve({ agencyCode: '0032', systemCode: '0001', applicantId: 'after', operator: 't', reader: 'r' }).credentialNumber)).toBe(max + 1);
    } finally {
      store.close();
    }
  }, 60_000);

  it('a process killed while holding an uncommitted write transaction loses only that transaction; its committed reservation becomes failed', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'ledger-crash-')), 'station.db');
    openDatabase(db).close();
    const c = startChild(db, 'hold');
    await c.waitFor((l) => l.includes('holding'));
    await killed(c.child);
    const store = openDatabase(db);
    try {
      expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
      const ledger = new CredentialLedger(store.db);
      expect(ledger.list().map((e) => [e.credentialNumber, e.state])).toEqual([['000001', 'reserved']]); // the uncommitted 900000 is gone
      expect(ledger.recoverDangling().map((e) => e.state)).toEqual(['failed']);
      expect(ledger.reserve({ agencyCode: '0032', systemCode: '0001', applicantId: 'after', operator: 't', reader: 'r' }).credentialNumber).toBe('000002');
    } finally {
      store.close();
    }
  }, 60_000);
});
