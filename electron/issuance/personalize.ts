/**
 * The card-writing half of an issuance, on one exclusive card session: re-authenticate as card
 * administrator, write the composed objects, set PUK and PIN, rotate the management key, then read
 * everything back and verify it. Each step reports through `step()` so the caller can emit progress
 * and honour a cancel between steps. Secrets are zeroed right after use.
 */
import { StationError } from '../common/errors';
import { bytesEqual, fromHex } from '../piv/bytes';
import { Chuid } from '../piv/chuid';
import { CardholderFingerprints } from '../piv/fingerprints';
import { SecurityObject } from '../piv/security-object';
import { CONTAINER_ID, KEY_REF, OBJECT_TAG, YUBICO_DEFAULT } from '../piv/constants';
import { InvalidPinError, NotSupportedError } from '../piv/errors';
import type { PivSession } from '../piv/session';
import type { ManagementKeyAlgorithm } from '../piv/management-key';
import { diversifyManagementKey, diversifyPuk } from '../keys/diversify';
import { parseUuid } from '../piv/uuid';
import { keyBytes, type CardKeyState } from './precheck';
import type { ComposedObject } from './compose';
import type { IssuanceStep } from './events';

export const WRITE_STEP: Record<string, IssuanceStep> = {
  CHUID: 'write-chuid',
  PrintedInformation: 'write-printed-information',
  CCC: 'write-ccc',
  DiscoveryObject: 'write-discovery',
  CardholderFingerprints: 'write-fingerprints',
  SecurityObject: 'write-security-object',
};

type WithMaster = <T>(use: (m: Uint8Array) => T) => T;

export interface PersonalizeInput {
  session: PivSession;
  currentKey: CardKeyState;
  /** Identity the card's current PUK may be derived from (the key's, the on-card CHUID's). */
  pukIdentities: Array<{ guid: string; fascnHex: string }>;
  objects: readonly ComposedObject[];
  newIdentity: { guid: string; fascnHex: string };
  newKeyAlgorithm: ManagementKeyAlgorithm;
  pin: string;
  signerCertificate: Uint8Array;
  withMaster: WithMaster;
  /** Runs one named step (progress, cancel check). */
  step: <T>(name: IssuanceStep, work: () => Promise<T>) => Promise<T>;
}

async function authenticate(session: PivSession, state: CardKeyState, withMaster: WithMaster): Promise<void> {
  const key = keyBytes(state, withMaster);
  try {
    await session.authenticate(key, state.algorithm);
  } finally {
    key.fill(0);
  }
}

/** PUK candidates: the factory PUK if metadata says so, else derived ones, then the factory PUK. */
async function changePukToDerived(session: PivSession, candidates: string[], newPuk: string): Promise<void> {
  for (const current of candidates) {
    try {
      await session.changePuk(current, newPuk);
      return;
    } catch (e) {
      if (e instanceof InvalidPinError && e.attemptsRemaining > 1) continue;
      if (e instanceof InvalidPinError) {
        throw new StationError('CARD_PUK_UNKNOWN', 'The card\'s PUK is not one the station set, and only one try is left; the card was left as it is. Reset the card and start again.', { attemptsRemaining: e.attemptsRemaining });
      }
      throw e;
    }
  }
  throw new StationError('CARD_PUK_UNKNOWN', 'The card\'s PUK is not one the station set. Reset the card and start again.');
}

export async function personalize(p: PersonalizeInput): Promise<{ verified: string[] }> {
  const { session, step, withMaster } = p;
  await step('connect-card', async () => {
    await session.select();
    await authenticate(session, p.currentKey, withMaster);
  });
  for (const o of p.objects) {
    await step(WRITE_STEP[o.name]!, () => session.putData(o.tag, o.content));
  }
  const guid = parseUuid(p.newIdentity.guid);
  const fascn = fromHex(p.newIdentity.fascnHex);
  await step('set-pin', async () => {
    const newPuk = withMaster((m) => diversifyPuk(m, guid, fascn));
    const meta = await session.getMetadata(KEY_REF.PUK).catch((e) => (e instanceof NotSupportedError ? undefined : Promise.reject(e)));
    const derived = p.pukIdentities.map((id) => withMaster((m) => diversifyPuk(m, parseUuid(id.guid), fromHex(id.fascnHex))));
    const candidates = meta?.isDefault ? [YUBICO_DEFAULT.PUK] : [...derived, YUBICO_DEFAULT.PUK];
    if (!candidates.includes(newPuk)) await changePukToDerived(session, candidates, newPuk);
    // RESET RETRY COUNTER sets the applicant's PIN whatever the old PIN was (a half-finished card may
    // already have a non-factory PIN) and restores the PIN retry counter.
    await session.unblockPin(newPuk, p.pin);
  });
  await step('rotate-management-key', async () => {
    const next = withMaster((m) => diversifyManagementKey(m, p.newKeyAlgorithm, guid, fascn));
    try {
      await session.setManagementKey(next, p.newKeyAlgorithm);
      await session.authenticate(next, p.newKeyAlgorithm); // proves the card took the new key
    } finally {
      next.fill(0);
    }
  });
  const verified = await step('verify-readback', () => readBack(p));
  return { verified };
}

async function readBack(p: PersonalizeInput): Promise<string[]> {
  const { session } = p;
  await session.select();
  await session.verifyPin(p.pin); // Printed Information and fingerprints are PIN-protected
  const onCard = new Map<number, Uint8Array>();
  const fail = (what: string, reason: string): never => {
    throw new StationError('CARD_READBACK_MISMATCH', `Read-back check failed for ${what}: ${reason}. The card is not released; start again from the card check.`, { object: what });
  };
  for (const o of p.objects) {
    const got = await session.getData(o.tag);
    if (!bytesEqual(got, o.content)) fail(o.name, 'the card returned different bytes than were written');
    onCard.set(o.tag, got);
  }
  const verified: string[] = [];
  const chuidBytes = onCard.get(OBJECT_TAG.CHUID);
  if (chuidBytes) {
    const chuid = Chuid.parse(chuidBytes);
    const sig = await chuid.verifySignature();
    if (!sig.valid) fail('CHUID', `issuer signature invalid (${sig.reason ?? 'unknown'})`);
    if (chuid.fascn.toHex() !== p.newIdentity.fascnHex) fail('CHUID', 'FASC-N differs');
    verified.push('CHUID signature');
  }
  const fpBytes = onCard.get(OBJECT_TAG.CARDHOLDER_FINGERPRINTS);
  if (fpBytes) {
    const r = await CardholderFingerprints.parse(fpBytes).verifySignature(p.signerCertificate);
    if (!r.valid) fail('cardholder fingerprints', `signature invalid (${r.reason ?? 'unknown'})`);
    verified.push('fingerprint signature');
  }
  const soBytes = onCard.get(OBJECT_TAG.SECURITY_OBJECT);
  if (soBytes) {
    const containers = new Map<number, Uint8Array>();
    const byTag: Array<[number, number]> = [
      [OBJECT_TAG.CHUID, CONTAINER_ID.CHUID],
      [OBJECT_TAG.CARDHOLDER_FINGERPRINTS, CONTAINER_ID.CARDHOLDER_FINGERPRINTS],
      [OBJECT_TAG.PRINTED_INFORMATION, CONTAINER_ID.PRINTED_INFORMATION],
    ];
    for (const [tag, id] of byTag) {
      const c = onCard.get(tag);
      if (c) containers.set(id, c);
    }
    const r = await SecurityObject.parse(soBytes).verify(p.signerCertificate, containers);
    if (!r.valid || r.missing.length > 0) fail('Security Object', r.reason ?? `data group(s) ${r.missing.join(', ')} missing`);
    verified.push('Security Object signature and hashes');
  }
  await session.resetPinStatus().catch(() => undefined); // leave the card locked; not every card has 00 20 FF 80
  return verified;
}
