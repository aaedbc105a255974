/**
 * GET DATA / PUT DATA (73-4 P2 §3.1.2, §3.3.2). Objects are stored as the exact bytes GET DATA
 * returns. PUT DATA is only called with the whole reassembled chain, so an object is replaced in one
 * step or not at all.
 */
import { decodeTlvs } from '../../piv/tlv';
import { OBJECT_TAG, P1P2, SW, TAG } from '../../piv/constants';
import type { CardCommand, CardContext } from './context';
import { ok, status, type CardReply } from './response';

/** Largest object the virtual card stores (YubiKey 5 allows ~3 KB; the PIV minimum for fingerprints is larger). */
export const MAX_OBJECT_BYTES = 16_384;

/** Objects only readable after VERIFY PIN (73-4 P1 Table 3 "PIN" access rule). */
const PIN_PROTECTED = new Set<number>([
  OBJECT_TAG.CARDHOLDER_FINGERPRINTS,
  OBJECT_TAG.PRINTED_INFORMATION,
  OBJECT_TAG.CARDHOLDER_FACIAL_IMAGE,
  OBJECT_TAG.CARDHOLDER_IRIS_IMAGES,
]);

/** PIV containers 5FC101..5FC123, Yubico's 5FFF00..5FFF15, Discovery and the BIT group. */
function isKnownObject(tag: number): boolean {
  return (
    (tag >= OBJECT_TAG.X509_CARD_AUTHENTICATION && tag <= OBJECT_TAG.PAIRING_CODE_REFERENCE_DATA) ||
    (tag >= OBJECT_TAG.YK_ADMIN_DATA && tag <= OBJECT_TAG.YK_ADMIN_DATA + 0x15) ||
    tag === OBJECT_TAG.DISCOVERY ||
    tag === OBJECT_TAG.BIOMETRIC_INFORMATION_TEMPLATES_GROUP
  );
}

function tagListValue(value: Uint8Array): number | undefined {
  if (value.length < 1 || value.length > 3) return undefined;
  let tag = 0;
  for (const b of value) tag = tag * 256 + b;
  return tag;
}

export function getData(ctx: CardContext, cmd: CardCommand): CardReply {
  if (cmd.p1 !== P1P2.DATA_P1 || cmd.p2 !== P1P2.DATA_P2) return status(SW.INCORRECT_P1_P2);
  let tag: number | undefined;
  try {
    const items = decodeTlvs(cmd.data);
    if (items.length === 1 && items[0].tag === TAG.TAG_LIST) tag = tagListValue(items[0].value);
  } catch {
    tag = undefined;
  }
  if (tag === undefined || !isKnownObject(tag)) return status(SW.INCORRECT_DATA);
  const stored = ctx.state.objects.get(tag);
  if (!stored) return status(SW.FILE_OR_APPLICATION_NOT_FOUND);
  if (PIN_PROTECTED.has(tag) && !ctx.volatile.pinVerified) return status(SW.SECURITY_STATUS_NOT_SATISFIED);
  return ok(stored.slice());
}

export function putData(ctx: CardContext, cmd: CardCommand): CardReply {
  if (cmd.p1 !== P1P2.DATA_P1 || cmd.p2 !== P1P2.DATA_P2) return status(SW.INCORRECT_P1_P2);
  if (!ctx.volatile.adminAuthenticated) return status(SW.SECURITY_STATUS_NOT_SATISFIED);
  let items;
  try {
    items = decodeTlvs(cmd.data);
  } catch {
    return status(SW.INCORRECT_DATA);
  }
  // Discovery (7E) and the BIT group (7F61) are sent bare; every other object as 5C tag-list + 53 data.
  if (items.length === 1 && (items[0].tag === OBJECT_TAG.DISCOVERY || items[0].tag === OBJECT_TAG.BIOMETRIC_INFORMATION_TEMPLATES_GROUP)) {
    return store(ctx, items[0].tag, cmd.data.slice(items[0].offset, items[0].end), items[0].value.length === 0);
  }
  if (items.length !== 2 || items[0].tag !== TAG.TAG_LIST || items[1].tag !== TAG.DATA) return status(SW.INCORRECT_DATA);
  const tag = tagListValue(items[0].value);
  if (tag === undefined || !isKnownObject(tag)) return status(SW.INCORRECT_DATA);
  return store(ctx, tag, cmd.data.slice(items[1].offset, items[1].end), items[1].value.length === 0);
}

function store(ctx: CardContext, tag: number, bytes: Uint8Array, empty: boolean): CardReply {
  if (bytes.length > MAX_OBJECT_BYTES) return status(SW.NOT_ENOUGH_MEMORY);
  // `53 00` deletes the object, as a YubiKey does: GET DATA then answers 6A82.
  if (empty) ctx.state.objects.delete(tag);
  else ctx.state.objects.set(tag, bytes);
  ctx.changed();
  return ok();
}
