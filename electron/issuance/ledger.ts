/**
 * Credential-number ledger: AC‖SC‖CN must be unique per card (73-4 P1 §3.1.2), so a number is
 * consumed the moment it is handed out and never handed out again. Each step is its own committed
 * IMMEDIATE transaction (the write lock is taken before reading the highest number, so two processes
 * can never pick the same one). States: reserved → written → issued | failed. Rows are never deleted.
 */
import type { Db } from '../store/database';
import { StationError } from '../common/errors';

export type LedgerState = 'reserved' | 'written' | 'issued' | 'failed';

/** Six digits; 999999 is left out because "14 nines" means a non-federal issuer (piv-reference §1.5). */
export const CREDENTIAL_NUMBER_MAX = 999_998;
export const CREDENTIAL_NUMBER_DIGITS = 6;

export interface LedgerEntry {
  id: number;
  agencyCode: string;
  systemCode: string;
  credentialNumber: string;
  state: LedgerState;
  applicantId: string;
  operator: string;
  reader: string;
  ownerPid: number;
  fascnHex: string | null;
  guid: string | null;
  failure: string | null;
  reservedAt: string;
  updatedAt: string;
}

interface Row {
  id: number;
  agency_code: string;
  system_code: string;
  credential_number: string;
  state: LedgerState;
  applicant_id: string;
  operator: string;
  reader: string;
  owner_pid: number;
  fascn_hex: string | null;
  guid: string | null;
  failure: string | null;
  reserved_at: string;
  updated_at: string;
}

const toEntry = (r: Row): LedgerEntry => ({
  id: r.id,
  agencyCode: r.agency_code,
  systemCode: r.system_code,
  credentialNumber: r.credential_number,
  state: r.state,
  applicantId: r.applicant_id,
  operator: r.operator,
  reader: r.reader,
  ownerPid: r.owner_pid,
  fascnHex: r.fascn_hex,
  guid: r.guid,
  failure: r.failure,
  reservedAt: r.reserved_at,
  updatedAt: r.updated_at,
});

export interface ReserveInput {
  agencyCode: string;
  systemCode: string;
  applicantId: string;
  operator: string;
  reader: string;
}

/** Is the process that reserved a number still running (then its reservation is not dangling)? */
export type ProcessAlive = (pid: number) => boolean;

export const defaultProcessAlive: ProcessAlive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const ALLOWED: Record<LedgerState, readonly LedgerState[]> = {
  reserved: ['written', 'failed'],
  written: ['issued', 'failed'],
  issued: [],
  failed: [],
};

export class CredentialLedger {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
    private readonly pid: number = process.pid,
  ) {}

  /** Takes the next number for AC/SC and commits it before returning. */
  reserve(input: ReserveInput): LedgerEntry {
    const run = this.db.transaction((): LedgerEntry => {
      const top = this.db
        .prepare('SELECT MAX(CAST(credential_number AS INTEGER)) AS n FROM credential_ledger WHERE agency_code = ? AND system_code = ?')
        .get(input.agencyCode, input.systemCode) as { n: number | null };
      const next = (top.n ?? 0) + 1;
      if (next > CREDENTIAL_NUMBER_MAX) {
        throw new StationError('LEDGER_EXHAUSTED', `Every credential number for agency ${input.agencyCode} system ${input.systemCode} has been used. Ask the System Manager for a new system code.`, { agencyCode: input.agencyCode, systemCode: input.systemCode });
      }
      const number = String(next).padStart(CREDENTIAL_NUMBER_DIGITS, '0');
      const at = this.now().toISOString();
      const info = this.db
        .prepare(
          `INSERT INTO credential_ledger (agency_code, system_code, credential_number, state, applicant_id, operator, reader, owner_pid, reserved_at, updated_at)
           VALUES (?, ?, ?, 'reserved', ?, ?, ?, ?, ?, ?)`,
        )
        .run(input.agencyCode, input.systemCode, number, input.applicantId, input.operator, input.reader, this.pid, at, at);
      return this.get(Number(info.lastInsertRowid));
    });
    if (this.db.inTransaction) {
      throw new StationError('LEDGER_IN_TRANSACTION', 'A credential number must be reserved in its own committed transaction, not inside another one.');
    }
    return run.immediate();
  }

  get(id: number): LedgerEntry {
    const row = this.db.prepare('SELECT * FROM credential_ledger WHERE id = ?').get(id) as Row | undefined;
    if (!row) throw new StationError('LEDGER_ENTRY_NOT_FOUND', `No credential ledger entry ${id}.`, { id });
    return toEntry(row);
  }

  /** The card identity chosen for this number (recorded before writing so a half-written card can be recognised). */
  attachIdentity(id: number, fascnHex: string, guid: string): void {
    this.db.prepare('UPDATE credential_ledger SET fascn_hex = ?, guid = ?, updated_at = ? WHERE id = ? AND state = ?').run(fascnHex, guid, this.now().toISOString(), id, 'reserved');
  }

  /** Moves one entry on; runs inside the caller's transaction when there is one. */
  transition(id: number, to: LedgerState, failure?: string): LedgerEntry {
    const run = this.db.transaction(() => {
      const current = this.get(id);
      if (!ALLOWED[current.state].includes(to)) {
        throw new StationError('LEDGER_BAD_TRANSITION', `Credential number ${current.credentialNumber} is ${current.state}; it cannot become ${to}.`, { id, from: current.state, to });
      }
      this.db.prepare('UPDATE credential_ledger SET state = ?, failure = ?, updated_at = ? WHERE id = ?').run(to, failure ?? null, this.now().toISOString(), id);
      return this.get(id);
    });
    return this.db.inTransaction ? run() : run.immediate();
  }

  /**
   * At start-up: reservations left `reserved` or `written` by a process that no longer runs are marked
   * failed. Their numbers stay consumed. Returns the entries it closed.
   */
  recoverDangling(alive: ProcessAlive = defaultProcessAlive): LedgerEntry[] {
    return this.db
      .transaction(() => {
        const open = (this.db.prepare("SELECT * FROM credential_ledger WHERE state IN ('reserved', 'written')").all() as Row[]).map(toEntry);
        const dangling = open.filter((e) => e.ownerPid !== this.pid && !alive(e.ownerPid));
        for (const e of dangling) {
          this.db
            .prepare("UPDATE credential_ledger SET state = 'failed', failure = ?, updated_at = ? WHERE id = ?")
            .run(`interrupted while ${e.state} (the station stopped before the card was finished)`, this.now().toISOString(), e.id);
        }
        return dangling.map((e) => this.get(e.id));
      })
      .immediate();
  }

  list(filter: { state?: LedgerState; applicantId?: string } = {}): LedgerEntry[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.state) {
      where.push('state = ?');
      args.push(filter.state);
    }
    if (filter.applicantId) {
      where.push('applicant_id = ?');
      args.push(filter.applicantId);
    }
    const sql = `SELECT * FROM credential_ledger ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id`;
    return (this.db.prepare(sql).all(...args) as Row[]).map(toEntry);
  }
}
