/**
 * Reads and decodes the CHUID over any transmit port (PC/SC channel or the training-mode direct link)
 * with the card edge's PivSession: SELECT PIV, GET DATA 5FC102, parse, verify the issuer signature.
 */
import type { Transmit } from '../piv/apdu';
import { OBJECT_TAG } from '../piv/constants';
import { Chuid, type ChuidSignatureStatus } from '../piv/chuid';
import { PivSession } from '../piv/session';

export interface DecodedChuid extends Record<string, unknown> {
  signature: ChuidSignatureStatus;
}

/** The decoded CHUID, or null when the card has none (6A 82). */
export async function readChuid(transmit: Transmit): Promise<DecodedChuid | null> {
  const session = new PivSession(transmit);
  await session.select();
  const content = await session.getDataIfPresent(OBJECT_TAG.CHUID);
  if (!content) return null;
  const chuid = Chuid.parse(content);
  return { ...chuid.toJSON(), signature: await chuid.verifySignature() };
}
