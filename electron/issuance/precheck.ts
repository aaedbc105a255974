/**
 * Pre-check, before any number is reserved: the PIV application answers, the card is blank or one of
 * ours (a previous attempt that did not finish), and a management key we hold opens it: the factory
 * key (3TDEA, or AES-192 on YubiKey 5.7+) or our diversified key for the identity the card carries
 * (its CHUID) or for an identity a failed attempt recorded in the ledger. Nothing is written.
 */
import { StationError } from '../common/errors';
import { ALGORITHM, KEY_REF, OBJECT_TAG, YUBICO_DEFAULT } from '../piv/constants';
import { Chuid } from '../piv/chuid';
import { fromHex, toHex } from '../piv/bytes';
import { formatUuid, parseUuid } from '../piv/uuid';
import type { PivSession } from '../piv/session';
import type { ManagementKeyAlgorithm } from '../piv/management-key';
import { CardRemovedError, ManagementKeyRejectedError, PivError } from '../piv/errors';
import { diversifyManagementKey } from '../keys/diversify';

export type CardKeyState =
  | { kind: 'factory'; algorithm: ManagementKeyAlgorithm }
  | { kind: 'diversified'; algorithm: ManagementKeyAlgorithm; guid: string; fascnHex: string };

export interface CardIdentity {
  guid: string;
  fascnHex: string;
}

export interface PrecheckResult {
  reader: string;
  atr: string;
  serial?: number;
  blank: boolean;
  chuid?: { fascnHex: string; guid: string; expirationDate: string };
  /** How we authenticate as card administrator (no key material here). */
  key: CardKeyState;
}

const AES_ALGORITHMS: ManagementKeyAlgorithm[] = [ALGORITHM.AES_256, ALGORITHM.AES_192, ALGORITHM.AES_128];

/** The management key bytes for a key state; the caller zeroes them after use. */
export function keyBytes(state: CardKeyState, withMaster: <T>(use: (m: Uint8Array) => T) => T): Uint8Array {
  if (state.kind === 'factory') return YUBICO_DEFAULT.MANAGEMENT_KEY.slice();
  return withMaster((m) => diversifyManagementKey(m, state.algorithm, parseUuid(state.guid), fromHex(state.fascnHex)));
}

async function tryKey(session: PivSession, state: CardKeyState, withMaster: <T>(use: (m: Uint8Array) => T) => T): Promise<boolean> {
  const key = keyBytes(state, withMaster);
  try {
    await session.authenticate(key, state.algorithm);
    return true;
  } catch (e) {
    if (e instanceof CardRemovedError) throw e;
    if (e instanceof ManagementKeyRejectedError || e instanceof PivError) return false; // wrong key or wrong algorithm for this card
    throw e;
  } finally {
    key.fill(0);
  }
}

export interface PrecheckInput {
  session: PivSession;
  reader: string;
  atr: Uint8Array;
  withMaster: <T>(use: (m: Uint8Array) => T) => T;
  /** Identities of earlier unfinished attempts (ledger), newest first. */
  earlierIdentities: CardIdentity[];
  /** Is this FASC-N an issued, active card in our records? Then the card must not be overwritten. */
  issuedCardFor: (fascnHex: string) => { credentialNumber: string; applicantId: string } | undefined;
}

export async function precheckCard(p: PrecheckInput): Promise<PrecheckResult> {
  const { session } = p;
  try {
    await session.select();
  } catch (e) {
    throw new StationError('CARD_NOT_PIV', 'The card does not answer as a PIV card (SELECT of the PIV application failed). Use a PIV card.', { reader: p.reader }, { cause: e });
  }
  const serial = await session.getSerial();
  const chuidBytes = await session.getDataIfPresent(OBJECT_TAG.CHUID);
  let chuid: PrecheckResult['chuid'];
  if (chuidBytes && chuidBytes.length > 0) {
    try {
      const c = Chuid.parse(chuidBytes);
      chuid = { fascnHex: c.fascn.toHex(), guid: formatUuid(c.guid), expirationDate: c.expirationDate };
    } catch {
      chuid = undefined; // unreadable CHUID: treated like a foreign card below unless a key we know opens it
    }
  }
  if (chuid) {
    const issued = p.issuedCardFor(chuid.fascnHex);
    if (issued) {
      throw new StationError('CARD_ALREADY_ISSUED', `This card is issued (credential number ${issued.credentialNumber}, applicant ${issued.applicantId}). Use a blank card; replace a card through the replacement flow.`, { credentialNumber: issued.credentialNumber, applicantId: issued.applicantId });
    }
  }
  const base = { reader: p.reader, atr: toHex(p.atr), ...(serial !== undefined ? { serial } : {}), blank: !chuidBytes || chuidBytes.length === 0, ...(chuid ? { chuid } : {}) };

  const factory = await session.detectFactoryKey();
  if (factory.isDefault) return { ...base, key: { kind: 'factory', algorithm: factory.algorithm ?? ALGORITHM.TDEA_3KEY } };

  const meta = await session.getMetadata(KEY_REF.CARD_MANAGEMENT);
  const algorithms = meta?.algorithm !== undefined && AES_ALGORITHMS.includes(meta.algorithm as ManagementKeyAlgorithm) ? [meta.algorithm as ManagementKeyAlgorithm] : AES_ALGORITHMS;
  const identities: CardIdentity[] = [...(chuid ? [{ guid: chuid.guid, fascnHex: chuid.fascnHex }] : []), ...p.earlierIdentities];
  const seen = new Set<string>();
  for (const id of identities) {
    if (seen.has(id.fascnHex + id.guid)) continue;
    seen.add(id.fascnHex + id.guid);
    for (const algorithm of algorithms) {
      const state: CardKeyState = { kind: 'diversified', algorithm, guid: id.guid, fascnHex: id.fascnHex };
      if (await tryKey(session, state, p.withMaster)) return { ...base, key: state };
    }
  }
  throw new StationError('CARD_MANAGEMENT_KEY_UNKNOWN', 'The card is not blank and none of the station\'s management keys opens it. It was personalised elsewhere: reset it (or use another card) and start again.', { reader: p.reader, blank: base.blank });
}
