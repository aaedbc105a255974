/**
 * Derived PIV credentials (NIST SP 800-157): after the applicant's PIV card passed the check at the
 * station (card-check.ts), a one-time activation code bound to the applicant and that card is issued
 * for the derived-credential device (mobile PIV app, DPC token) to redeem once before it expires.
 * Only SHA-256 of the code is stored; the code itself is returned once and then exists only with the
 * applicant. When issuance revokes the card, its unredeemed codes die with it (SP 800-157 §2.3: the
 * derived credential's life is tied to the PIV card's), and no new code is issued from that card.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../store/database';
import { InvalidInputError, StationError } from '../common/errors';
import { AuditJournal } from '../audit/journal';
import type { CardIdentity } from './card-check';

/** Crockford base32 (no I, L, O, U): easy to read aloud and type from a screen. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 16 symbols × 5 bits = 80 bits: a stolen database of hashes cannot be brute-forced back to codes. */
export const ACTIVATION_CODE_SYMBOLS = 16;
const GROUP = 4;
export const DEFAULT_ACTIVATION_TTL_MS = 72 * 3_600_000;

export function generateActivationCode(random: (n: number) => Uint8Array = (n) => new Uint8Array(randomBytes(n))): string {
  const bytes = random(ACTIVATION_CODE_SYMBOLS);
  let out = '';
  // 256 is a multiple of 32, so `b % 32` is unbiased.
  for (let i = 0; i < ACTIVATION_CODE_SYMBOLS; i++) out += (i > 0 && i % GROUP === 0 ? '-' : '') + ALPHABET[bytes[i]! % ALPHABET.length];
  bytes.fill(0);
  return out;
}

/** Canonical form for hashing: upper case, separators dropped, the usual look-alikes folded. */
export function normalizeActivationCode(code: string): string {
  const c = code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (c.length !== ACTIVATION_CODE_SYMBOLS || [...c].some((ch) => !ALPHABET.includes(ch))) {
    throw new InvalidInputError('DERIVED_CODE_FORMAT', `An activation code has ${ACTIVATION_CODE_SYMBOLS} letters and digits (four groups of four). Check what was typed.`);
  }
  return c;
}

export const hashActivationCode = (code: string) => createHash('sha256').update(`derived-activation|${normalizeActivationCode(code)}`).digest('hex');

export interface ActivationCodeRecord {
  id: string;
  applicantId: string;
  credentialType: string;
  cardFascn: string;
  cardGuid: string;
  expiresAt: string;
  issuedBy: string;
  issuedAt: string;
  state: 'pending' | 'redeemed' | 'expired' | 'revoked';
  redeemedAt: string | null;
  revokedAt: string | null;
}

interface Row {
  id: string;
  applicant_id: string;
  credential_type: string;
  card_fascn: string;
  card_guid: string;
  cert_sha256: string;
  expires_at: string;
  issued_by: string;
  issued_at: string;
  redeemed_at: string | null;
  revoked_at: string | null;
}

/** The card's status in the issuance records, when known (revocation there kills codes even if nobody calls revokeForCard). */
export type CardStatusLookup = (card: { fascnHex: string; guid: string }) => 'active' | 'revoked' | 'superseded' | undefined;

export interface DerivedServiceOptions {
  now?: () => Date;
  cardStatus?: CardStatusLookup;
  ttlMs?: number;
  random?: (n: number) => Uint8Array;
}

export class DerivedCredentialService {
  private readonly journal: AuditJournal;
  private readonly now: () => Date;

  constructor(
    private readonly db: Db,
    private readonly options: DerivedServiceOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.journal = new AuditJournal(db, this.now);
  }

  private record(r: Row): ActivationCodeRecord {
    const state = r.revoked_at ? 'revoked' : r.redeemed_at ? 'redeemed' : r.expires_at <= this.now().toISOString() ? 'expired' : 'pending';
    return { id: r.id, applicantId: r.applicant_id, credentialType: r.credential_type, cardFascn: r.card_fascn, cardGuid: r.card_guid, expiresAt: r.expires_at, issuedBy: r.issued_by, issuedAt: r.issued_at, state, redeemedAt: r.redeemed_at, revokedAt: r.revoked_at };
  }

  /** Revoked here (revokeForCard) or no longer active in the issuance records (revoked or superseded). */
  isCardRevoked(fascnHex: string, guid: string): boolean {
    const status = this.options.cardStatus?.({ fascnHex, guid });
    if (status !== undefined && status !== 'active') return true;
    return this.db.prepare('SELECT 1 FROM derived_revoked_cards WHERE card_fascn = ? AND card_guid = ?').get(fascnHex, guid) !== undefined;
  }

  /**
   * Issues a fresh code for a checked card. Earlier unredeemed codes of the applicant are revoked
   * ("superseded"), so only the newest code shown to the applicant works. The code is returned once.
   */
  issue(actorName: string, input: { applicantId: string; credentialType: string; card: CardIdentity }): { record: ActivationCodeRecord; code: string } {
    if (this.isCardRevoked(input.card.fascnHex, input.card.guid)) {
      throw new StationError('DERIVED_CARD_REVOKED', 'This PIV card has been revoked, so no derived credential can be issued from it. Issue a new card first.', { cardFascn: input.card.fascnHex });
    }
    const code = generateActivationCode(this.options.random);
    const id = randomUUID();
    const issuedAt = this.now();
    const expiresAt = new Date(issuedAt.getTime() + (this.options.ttlMs ?? DEFAULT_ACTIVATION_TTL_MS)).toISOString();
    const run = this.db.transaction(() => {
      const superseded = this.db.prepare("UPDATE derived_activation_codes SET revoked_at = ?, revoked_reason = 'superseded' WHERE applicant_id = ? AND redeemed_at IS NULL AND revoked_at IS NULL").run(issuedAt.toISOString(), input.applicantId).changes;
      this.db
        .prepare('INSERT INTO derived_activation_codes (id, applicant_id, credential_type, code_hash, card_fascn, card_guid, cert_sha256, expires_at, issued_by, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(id, input.applicantId, input.credentialType, hashActivationCode(code), input.card.fascnHex, input.card.guid, input.card.certificate.sha256, expiresAt, actorName, issuedAt.toISOString());
      this.journal.append({
        actor: actorName,
        action: 'device.derived.issued',
        subject: input.applicantId,
        details: { activationId: id, credentialType: input.credentialType, cardFascn: input.card.fascnHex, cardGuid: input.card.guid, certificateSha256: input.card.certificate.sha256, certificateSubject: input.card.certificate.subject, expiresAt, supersededCodes: superseded },
      });
    });
    run.immediate();
    return { record: this.get(id), code };
  }

  get(id: string): ActivationCodeRecord {
    const r = this.db.prepare('SELECT * FROM derived_activation_codes WHERE id = ?').get(id) as Row | undefined;
    if (!r) throw new StationError('DERIVED_CODE_NOT_FOUND', `No activation code ${id}.`, { id });
    return this.record(r);
  }

  forApplicant(applicantId: string): ActivationCodeRecord[] {
    return (this.db.prepare('SELECT * FROM derived_activation_codes WHERE applicant_id = ? ORDER BY issued_at, rowid').all(applicantId) as Row[]).map((r) => this.record(r));
  }

  /**
   * The derived-credential device (or its enrollment server) redeems the code: it works once, before
   * it expires, while the card it came from is not revoked. Returns what the device binds to.
   */
  redeem(code: string, redeemedBy: string): { applicantId: string; credentialType: string; cardFascn: string; cardGuid: string; certificateSha256: string } {
    const hash = hashActivationCode(code);
    const at = this.now().toISOString();
    const run = this.db.transaction(() => {
      const r = this.db.prepare('SELECT * FROM derived_activation_codes WHERE code_hash = ?').get(hash) as Row | undefined;
      // One message for unknown, used, revoked and expired: the caller learns nothing about other codes.
      const refuse = (reason: string) => new StationError('DERIVED_CODE_REFUSED', 'This activation code is not valid (unknown, already used, expired or revoked). Ask the issuing office for a new one.', { reason });
      if (!r) throw refuse('unknown');
      if (r.redeemed_at) throw refuse('used');
      if (r.revoked_at || this.isCardRevoked(r.card_fascn, r.card_guid)) throw refuse('revoked');
      if (r.expires_at <= at) throw refuse('expired');
      this.db.prepare('UPDATE derived_activation_codes SET redeemed_at = ? WHERE id = ? AND redeemed_at IS NULL').run(at, r.id);
      this.journal.append({ actor: redeemedBy, action: 'device.derived.redeemed', subject: r.applicant_id, details: { activationId: r.id, cardFascn: r.card_fascn, cardGuid: r.card_guid } });
      return { applicantId: r.applicant_id, credentialType: r.credential_type, cardFascn: r.card_fascn, cardGuid: r.card_guid, certificateSha256: r.cert_sha256 };
    });
    return run.immediate();
  }

  /**
   * For the issuance side when a card is revoked: its unredeemed codes are revoked and the card is
   * remembered so no new code is issued from it. Returns how many codes were revoked. Idempotent.
   */
  revokeForCard(actorName: string, card: { fascnHex: string; guid: string }, reason = 'card-revoked'): number {
    const at = this.now().toISOString();
    const run = this.db.transaction(() => {
      this.db.prepare('INSERT OR IGNORE INTO derived_revoked_cards (card_fascn, card_guid, revoked_at, revoked_by) VALUES (?, ?, ?, ?)').run(card.fascnHex, card.guid, at, actorName);
      const n = this.db.prepare('UPDATE derived_activation_codes SET revoked_at = ?, revoked_reason = ? WHERE card_fascn = ? AND card_guid = ? AND redeemed_at IS NULL AND revoked_at IS NULL').run(at, reason, card.fascnHex, card.guid).changes;
      this.journal.append({ actor: actorName, action: 'device.derived.card-revoked', subject: card.fascnHex, details: { cardFascn: card.fascnHex, cardGuid: card.guid, reason, revokedCodes: n } });
      return n;
    });
    return run.immediate();
  }
}
