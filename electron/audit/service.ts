import type { Db } from '../store/database';
import type { Actor } from '../operators/roles';
import { AuditJournal, type AuditFilter, type VerifyResult } from './journal';
import type { AuditEntry } from './entry';
import { toCsv } from './csv';

/** What the IPC handlers and the CLI call. Reading the journal is a System Manager's job. */
export class AuditService {
  readonly journal: AuditJournal;

  constructor(db: Db, now: () => Date = () => new Date()) {
    this.journal = new AuditJournal(db, now);
  }

  query(_actor: Actor | undefined, filter: AuditFilter): { entries: AuditEntry[]; total: number } {
    return this.journal.query(filter);
  }

  verify(): VerifyResult {
    return this.journal.verify();
  }

  exportCsv(filter: AuditFilter = {}): { csv: string; count: number } {
    const entries = [...this.journal.iterate(filter)];
    return { csv: toCsv(entries), count: entries.length };
  }
}
