import type { Db } from '../store/database';
import type { Actor } from '../operators/roles';
import { requireRole } from '../operators/errors';
import { AuditJournal, type AuditFilter, type VerifyResult } from './journal';
import type { AuditEntry } from './entry';
import { toCsv } from './csv';

const READERS = ['system_manager'] as const;

/** What the IPC handlers call. Reading the journal is a System Manager's job (the CLI reads the file it was given). */
export class AuditService {
  readonly journal: AuditJournal;

  constructor(db: Db, now: () => Date = () => new Date()) {
    this.journal = new AuditJournal(db, now);
  }

  query(actor: Actor, filter: AuditFilter): { entries: AuditEntry[]; total: number } {
    requireRole(actor, READERS, 'read the audit journal');
    return this.journal.query(filter);
  }

  verify(actor: Actor): VerifyResult {
    requireRole(actor, READERS, 'verify the audit journal');
    return this.journal.verify();
  }

  /** The export itself is journalled (who took a copy, with which filter). */
  exportCsv(actor: Actor, filter: AuditFilter = {}): { csv: string; count: number } {
    requireRole(actor, READERS, 'export the audit journal');
    const entries = [...this.journal.iterate(filter)];
    this.journal.append({ actor: actor.name, action: 'audit.export', subject: 'csv', details: { filter: { ...filter }, count: entries.length } });
    return { csv: toCsv(entries), count: entries.length };
  }
}
