/**
 * The YubiKey PIV extensions yubico-piv-tool and the session use (yubico-piv-tool lib/ykpiv.h; Yubico
 * "PIV commands"): GET VERSION (FD), GET SERIAL (F8), SET MANAGEMENT KEY (FF), GET METADATA (F7),
 * SET PIN RETRIES (FA), RESET (FB).
 */
import { createPrivateKey } from 'node:crypto';
import { decodeTlvAt, encodeTlvs, type Tlv } from '../../piv/tlv';
import { ALGORITHM, KEY_REF, P1P2, SW, YUBICO_DEFAULT } from '../../piv/constants';
import { bytesEqual } from '../../piv/bytes';
import type { CardCommand, CardContext } from './context';
import { managementCipher } from './admin-auth';
import { publicKeyTemplate } from './key-generation';
import { factoryState, padReference } from './state';
import { ok, status, type CardReply } from './response';

/** Firmware the card reports: ≥ 5 so yubico-piv-tool asks F8 for the serial, ≥ 5.3 for F7 metadata. */
export const SIMULATED_FIRMWARE = Uint8Array.of(5, 4, 3);

/** GET METADATA response tags: the host side's names, so card and reader cannot drift apart. */
import { METADATA_TAG as YK_METADATA_TAG } from '../../piv/yubikey';
export { YK_METADATA_TAG };
/** Algorithm byte GET METADATA reports for PIN and PUK. */
export const YK_METADATA_ALGORITHM_PIN = 0xff;
export const YK_ORIGIN = { GENERATED: 0x01, IMPORTED: 0x02 } as const;
/** Policy bytes: PIN policy "never" / touch policy "never" as reported for the management key. */
const YK_PIN_POLICY_NEVER = 0x01;
const YK_TOUCH_POLICY_NEVER = 0x01;

/** Header of the SET MANAGEMENT KEY data: algorithm ‖ 9B ‖ key length ‖ key. */
const SET_MGMT_HEADER = 3;

export function getVersion(): CardReply {
  return ok(SIMULATED_FIRMWARE.slice());
}

export function getSerial(ctx: CardContext): CardReply {
  const s = ctx.state.serial;
  return ok(Uint8Array.of(s >>> 24, (s >>> 16) & 0xff, (s >>> 8) & 0xff, s & 0xff));
}

export function setManagementKey(ctx: CardContext, cmd: CardCommand): CardReply {
  if (cmd.p1 !== P1P2.YK_SET_MGMT_P1 || (cmd.p2 !== P1P2.YK_SET_MGMT_P2_NO_TOUCH && cmd.p2 !== P1P2.YK_SET_MGMT_P2_TOUCH)) {
    return status(SW.INCORRECT_P1_P2);
  }
  if (!ctx.volatile.adminAuthenticated) return status(SW.SECURITY_STATUS_NOT_SATISFIED);
  const [algorithm, keyRef, length] = cmd.data;
  const cipher = managementCipher(algorithm);
  if (!cipher || keyRef !== KEY_REF.CARD_MANAGEMENT || length !== cipher.keyLength || cmd.data.length !== SET_MGMT_HEADER + length) {
    return status(SW.INCORRECT_DATA);
  }
  ctx.state.managementKey = { algorithm, key: cmd.data.slice(SET_MGMT_HEADER) };
  ctx.changed();
  return ok();
}

export function getMetadata(ctx: CardContext, cmd: CardCommand): CardReply {
  const slot = cmd.p2;
  const items: Tlv[] = [];
  const add = (tag: number, ...bytes: number[]) => items.push({ tag, value: Uint8Array.from(bytes) });
  if (slot === KEY_REF.CARD_MANAGEMENT) {
    const mk = ctx.state.managementKey;
    const isDefault = mk.algorithm !== ALGORITHM.AES_128 && mk.algorithm !== ALGORITHM.AES_256 && bytesEqual(mk.key, YUBICO_DEFAULT.MANAGEMENT_KEY);
    add(YK_METADATA_TAG.ALGORITHM, mk.algorithm);
    add(YK_METADATA_TAG.POLICY, YK_PIN_POLICY_NEVER, YK_TOUCH_POLICY_NEVER);
    add(YK_METADATA_TAG.IS_DEFAULT, isDefault ? 1 : 0);
  } else if (slot === KEY_REF.PIV_PIN || slot === KEY_REF.PUK) {
    const secret = slot === KEY_REF.PIV_PIN ? ctx.state.pin : ctx.state.puk;
    const factory = padReference(slot === KEY_REF.PIV_PIN ? YUBICO_DEFAULT.PIN : YUBICO_DEFAULT.PUK);
    add(YK_METADATA_TAG.ALGORITHM, YK_METADATA_ALGORITHM_PIN);
    add(YK_METADATA_TAG.IS_DEFAULT, bytesEqual(secret.value, factory) ? 1 : 0);
    add(YK_METADATA_TAG.RETRIES, secret.maxRetries, secret.retriesLeft);
  } else {
    const key = ctx.state.keys.get(slot);
    if (!key) return status(SW.REFERENCED_DATA_NOT_FOUND);
    const template = publicKeyTemplate(createPrivateKey({ key: Buffer.from(key.privateKeyPkcs8), format: 'der', type: 'pkcs8' }));
    add(YK_METADATA_TAG.ALGORITHM, key.algorithm);
    add(YK_METADATA_TAG.POLICY, key.pinPolicy, key.touchPolicy);
    add(YK_METADATA_TAG.ORIGIN, key.origin === 'generated' ? YK_ORIGIN.GENERATED : YK_ORIGIN.IMPORTED);
    // The public key without its 7F49 header, as the YubiKey returns it.
    items.push({ tag: YK_METADATA_TAG.PUBLIC_KEY, value: decodeTlvAt(template).value });
  }
  return ok(encodeTlvs(items));
}

/** FA: needs 9B and the PIN; resets PIN and PUK to their defaults with the new counters (Yubico semantics). */
export function setPinRetries(ctx: CardContext, cmd: CardCommand): CardReply {
  if (!ctx.volatile.adminAuthenticated || !ctx.volatile.pinVerified) return status(SW.SECURITY_STATUS_NOT_SATISFIED);
  if (cmd.p1 === 0 || cmd.p2 === 0) return status(SW.INCORRECT_P1_P2);
  ctx.state.pin = { value: padReference(YUBICO_DEFAULT.PIN), retriesLeft: cmd.p1, maxRetries: cmd.p1 };
  ctx.state.puk = { value: padReference(YUBICO_DEFAULT.PUK), retriesLeft: cmd.p2, maxRetries: cmd.p2 };
  ctx.changed();
  return ok();
}

/** FB: only when both PIN and PUK are blocked; the whole applet returns to factory state. */
export function resetApplet(ctx: CardContext): CardReply {
  if (ctx.state.pin.retriesLeft !== 0 || ctx.state.puk.retriesLeft !== 0) return status(SW.CONDITIONS_OF_USE_NOT_SATISFIED);
  const fresh = factoryState(ctx.state.serial);
  Object.assign(ctx.state, fresh);
  ctx.volatile.pinVerified = false;
  ctx.volatile.adminAuthenticated = false;
  ctx.changed();
  return ok();
}
