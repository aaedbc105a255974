/** Issued cards (migration 030): one row per card handed out; replacements link old ↔ new. */
import type { Db } from '../store/database';

export type CardStatus = 'active' | 'revoked' | 'superseded';

export interface IssuedCard {
  id: number;
  ledgerId: number;
  applicantId: string;
  credentialNumber: string;
  ici: string;
  fascnHex: string;
  guid: string;
  expirationDate: string;
  cardProfile: string;
  policy: string;
  policyVersion: number;
  reader: string;
  issuedAt: string;
  issuedBy: string;
  status: CardStatus;
  temporary: boolean;
  replacesCardId: number | null;
  replacedByCardId: number | null;
  replacementReason: string | null;
  statusChangedAt: string | null;
}

interface Row {
  id: number;
  ledger_id: number;
  applicant_id: string;
  credential_number: string;
  ici: string;
  fascn_hex: string;
  guid: string;
  expiration_date: string;
  card_profile: string;
  policy: string;
  policy_version: number;
  reader: string;
  issued_at: string;
  issued_by: string;
  status: CardStatus;
  temporary: number;
  replaces_card_id: number | null;
  replaced_by_card_id: number | null;
  replacement_reason: string | null;
  status_changed_at: string | null;
}

const toCard = (r: Row): IssuedCard => ({
  id: r.id,
  ledgerId: r.ledger_id,
  applicantId: r.applicant_id,
  credentialNumber: r.credential_number,
  ici: r.ici,
  fascnHex: r.fascn_hex,
  guid: r.guid,
  expirationDate: r.expiration_date,
  cardProfile: r.card_profile,
  policy: r.policy,
  policyVersion: r.policy_version,
  reader: r.reader,
  issuedAt: r.issued_at,
  issuedBy: r.issued_by,
  status: r.status,
  temporary: r.temporary === 1,
  replacesCardId: r.replaces_card_id,
  replacedByCardId: r.replaced_by_card_id,
  replacementReason: r.replacement_reason,
  statusChangedAt: r.status_changed_at,
});

export type NewCard = Omit<IssuedCard, 'id' | 'status' | 'replacedByCardId' | 'statusChangedAt'>;

export class CardRepository {
  constructor(private readonly db: Db) {}

  insert(c: NewCard): IssuedCard {
    const info = this.db
      .prepare(
        `INSERT INTO issued_cards (ledger_id, applicant_id, credential_number, ici, fascn_hex, guid, expiration_date, card_profile, policy, policy_version, reader, issued_at, issued_by, status, temporary, replaces_card_id, replacement_reason)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?)`,
      )
      .run(c.ledgerId, c.applicantId, c.credentialNumber, c.ici, c.fascnHex, c.guid, c.expirationDate, c.cardProfile, c.policy, c.policyVersion, c.reader, c.issuedAt, c.issuedBy, c.temporary ? 1 : 0, c.replacesCardId, c.replacementReason);
    return this.get(Number(info.lastInsertRowid))!;
  }

  get(id: number): IssuedCard | undefined {
    const r = this.db.prepare('SELECT * FROM issued_cards WHERE id = ?').get(id) as Row | undefined;
    return r ? toCard(r) : undefined;
  }

  forApplicant(applicantId: string): IssuedCard[] {
    return (this.db.prepare('SELECT * FROM issued_cards WHERE applicant_id = ? ORDER BY id').all(applicantId) as Row[]).map(toCard);
  }

  /** The applicant's current card: the newest active, non-temporary one (else the newest active). */
  current(applicantId: string): IssuedCard | undefined {
    const active = this.forApplicant(applicantId).filter((c) => c.status === 'active');
    return active.filter((c) => !c.temporary).pop() ?? active.pop();
  }

  byFascn(fascnHex: string): IssuedCard | undefined {
    const r = this.db.prepare('SELECT * FROM issued_cards WHERE fascn_hex = ?').get(fascnHex) as Row | undefined;
    return r ? toCard(r) : undefined;
  }

  markReplaced(oldId: number, newId: number, status: CardStatus, at: string): void {
    this.db.prepare('UPDATE issued_cards SET replaced_by_card_id = ?, status = ?, status_changed_at = ? WHERE id = ?').run(newId, status, at, oldId);
  }
}
