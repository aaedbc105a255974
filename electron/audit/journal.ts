import type { Db } from '../store/database';
import { InvalidInputError } from '../common/errors';
import { canonicalJson } from './canonical-json';
import { assertNoSecrets } from './secret-guard';
import { GENESIS_HASH, entryHash, type AuditEntry } from './entry';

export interface AppendInput {
  actor: string;
  action: string;
  subject?: string;
  details?: Record<string, unknown>;
}

export interface AuditFilter {
  /** Inclusive lower bound, ISO 8601. */
  from?: string;
  /** Exclusive upper bound, ISO 8601. */
  to?: string;
  actor?: string;
  /** Exact action, or a prefix ending in '.' (e.g. "policy."). */
  action?: string;
  /** Case-insensitive substring of actor, action, subject or details. */
  text?: string;
  limit?: number;
  offset?: number;
}

export type VerifyResult =
  | { ok: true; entries: number; headHash: string }
  | { ok: false; entries: number; firstBroken: { seq: number; reason: string } };

interface Row {
  seq: number;
  time: string;
  actor: string;
  action: string;
  subject: string;
  details: string;
  prev_hash: string;
  hash: string;
}

const toEntry = (r: Row): AuditEntry => ({
  seq: r.seq,
  time: r.time,
  actor: r.actor,
  action: r.action,
  subject: r.subject,
  details: JSON.parse(r.details) as Record<string, unknown>,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/**
 * The append-only, hash-chained journal. `append` runs inside the caller's transaction when there is
 * one (better-sqlite3 nests it as a savepoint), so an audited change and its entry commit together.
 */
export class AuditJournal {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  append(input: AppendInput): AuditEntry {
    const details = input.details ?? {};
    assertNoSecrets(details);
    const detailsText = canonicalJson(details);
    const run = this.db.transaction((): AuditEntry => {
      const last = this.db.prepare('SELECT seq, hash FROM audit_journal ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
      const seq = (last?.seq ?? 0) + 1;
      const prevHash = last?.hash ?? GENESIS_HASH;
      const time = this.now().toISOString();
      const subject = input.subject ?? '';
      const hash = entryHash({ seq, time, actor: input.actor, action: input.action, subject, detailsText, prevHash });
      this.db
        .prepare('INSERT INTO audit_journal (seq, time, actor, action, subject, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(seq, time, input.actor, input.action, subject, detailsText, prevHash, hash);
      return { seq, time, actor: input.actor, action: input.action, subject, details, prevHash, hash };
    });
    return this.db.inTransaction ? run() : run.immediate();
  }

  /** Walks the whole chain and names the first entry whose link does not hold. */
  verify(): VerifyResult {
    let expectedPrev = GENESIS_HASH;
    let expectedSeq = 1;
    let count = 0;
    for (const r of this.db.prepare('SELECT * FROM audit_journal ORDER BY seq').iterate() as IterableIterator<Row>) {
      count++;
      const broken = (reason: string): VerifyResult => ({ ok: false, entries: count, firstBroken: { seq: r.seq, reason } });
      if (r.seq !== expectedSeq) return broken(`entry ${expectedSeq} is missing (next entry found is ${r.seq})`);
      if (r.prev_hash !== expectedPrev) return broken(`its previous-hash does not match the hash of entry ${r.seq - 1}`);
      const recomputed = entryHash({ seq: r.seq, time: r.time, actor: r.actor, action: r.action, subject: r.subject, detailsText: r.details, prevHash: r.prev_hash });
      if (recomputed !== r.hash) return broken('its content does not match its hash (the entry was altered)');
      expectedPrev = r.hash;
      expectedSeq++;
    }
    return { ok: true, entries: count, headHash: expectedPrev };
  }

  query(filter: AuditFilter = {}): { entries: AuditEntry[]; total: number } {
    const { where, params } = buildWhere(filter);
    const total = (this.db.prepare(`SELECT count(*) AS n FROM audit_journal ${where}`).get(...params) as { n: number }).n;
    const limit = Math.min(Math.max(filter.limit ?? 200, 1), 10_000);
    const offset = Math.max(filter.offset ?? 0, 0);
    const rows = this.db.prepare(`SELECT * FROM audit_journal ${where} ORDER BY seq DESC LIMIT ? OFFSET ?`).all(...params, limit, offset) as Row[];
    return { entries: rows.map(toEntry), total };
  }

  /** Every matching entry, oldest first (for export). */
  *iterate(filter: AuditFilter = {}): IterableIterator<AuditEntry> {
    const { where, params } = buildWhere(filter);
    for (const r of this.db.prepare(`SELECT * FROM audit_journal ${where} ORDER BY seq`).iterate(...params) as IterableIterator<Row>) yield toEntry(r);
  }
}

function checkTime(name: string, value: string): string {
  if (Number.isNaN(Date.parse(value))) throw new InvalidInputError('AUDIT_BAD_FILTER', `The '${name}' time '${value}' is not a date; use ISO 8601, e.g. 2026-11-28 or 2026-11-28T14:00:00Z.`);
  return new Date(value).toISOString();
}

function buildWhere(f: AuditFilter): { where: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (f.from) {
    clauses.push('time >= ?');
    params.push(checkTime('from', f.from));
  }
  if (f.to) {
    clauses.push('time < ?');
    params.push(checkTime('to', f.to));
  }
  if (f.actor) {
    clauses.push('actor = ? COLLATE NOCASE');
    params.push(f.actor);
  }
  if (f.action) {
    if (f.action.endsWith('.')) {
      clauses.push("action LIKE ? ESCAPE '\\'");
      params.push(`${escapeLike(f.action)}%`);
    } else {
      clauses.push('action = ?');
      params.push(f.action);
    }
  }
  if (f.text) {
    clauses.push("(actor LIKE ? ESCAPE '\\' OR action LIKE ? ESCAPE '\\' OR subject LIKE ? ESCAPE '\\' OR details LIKE ? ESCAPE '\\')");
    const like = `%${escapeLike(f.text)}%`;
    params.push(like, like, like, like);
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
