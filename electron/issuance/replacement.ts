/**
 * Replacement rules (F201 §2.9.1 reissuance; piv-reference §4 mapping). Every replacement gets a new
 * credential number and card UUID (AC‖SC‖CN is unique per card); ICI goes up by one as a local
 * convention (TIG allows it; it wraps 9 → 0 because the field is one digit). What happens to the old
 * card depends on the reason and is shown to the operator before confirming.
 */
import { InvalidInputError } from '../common/errors';
import { REPLACEMENT_REASONS, REPLACEMENT_REASON_LABELS, type ReplacementReason } from '../policy/model/model';

export type ReplacementReasonChosen = Exclude<ReplacementReason, 'none'>;
export type OldCardAction = 'revoke' | 'supersede' | 'keep-active';

export interface ReplacementOutcome {
  reason: ReplacementReasonChosen;
  reasonLabel: string;
  oldCardAction: OldCardAction;
  /** Status the old card's record gets. */
  oldCardStatus: 'revoked' | 'superseded' | 'active';
  /** The new card is a temporary card (forgotten card). */
  temporary: boolean;
  newIci: string;
  /** Sentences for the "what will happen" panel. */
  summary: string[];
}

const ACTION: Record<ReplacementReasonChosen, OldCardAction> = {
  lost: 'revoke',
  stolen: 'revoke',
  damaged: 'supersede',
  expired: 'supersede',
  forgotten: 'keep-active',
};

export function parseReplacementReason(raw: unknown, fallback?: ReplacementReason): ReplacementReasonChosen {
  const value = raw === undefined || raw === '' || raw === true ? fallback : raw;
  if (typeof value !== 'string' || !(REPLACEMENT_REASONS as readonly string[]).includes(value) || value === 'none') {
    throw new InvalidInputError('REPLACEMENT_REASON_INVALID', `A replacement needs a reason: one of ${REPLACEMENT_REASONS.filter((r) => r !== 'none').join(', ')}; got ${JSON.stringify(raw ?? null)}.`, { allowed: REPLACEMENT_REASONS.filter((r) => r !== 'none') });
  }
  return value as ReplacementReasonChosen;
}

export function nextIci(ici: string): string {
  if (!/^[0-9]$/.test(ici)) throw new InvalidInputError('ICI_INVALID', `Individual Credential Issue must be one digit, got ${JSON.stringify(ici)}.`);
  return String((Number(ici) + 1) % 10);
}

export function planReplacement(reason: ReplacementReasonChosen, oldCard: { credentialNumber: string; ici: string; expirationDate: string }): ReplacementOutcome {
  const action = ACTION[reason];
  const newIci = nextIci(oldCard.ici);
  const old = `card ${oldCard.credentialNumber} (ICI ${oldCard.ici})`;
  const summary = [`A new card gets a new credential number and card UUID, ICI ${newIci}.`];
  if (action === 'revoke') summary.push(`The old ${old} is marked revoked: its certificates must be revoked within 18 hours (FIPS 201-3 §2.9.1).`);
  else if (action === 'supersede') summary.push(`The old ${old} is marked superseded: collect and destroy it.`);
  else summary.push(`The old ${old} stays active; the new card is flagged as a temporary card. Collect the temporary card when the holder brings the old one back.`);
  return {
    reason,
    reasonLabel: REPLACEMENT_REASON_LABELS[reason],
    oldCardAction: action,
    oldCardStatus: action === 'revoke' ? 'revoked' : action === 'supersede' ? 'superseded' : 'active',
    temporary: action === 'keep-active',
    newIci,
    summary,
  };
}
