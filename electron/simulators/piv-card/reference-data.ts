/**
 * VERIFY, CHANGE REFERENCE DATA and RESET RETRY COUNTER for the PIV PIN (80) and PUK (81)
 * (73-4 P2 §3.2.1–3.2.3): retry counters, 63 Cx on a wrong value, 69 83 once blocked.
 */
import { timingSafeEqual } from 'node:crypto';
import { KEY_REF, P1P2, PIN_BLOCK_LENGTH, PIN_PAD_BYTE, SW, SW2_RETRY_COUNTER_MASK, SW1 } from '../../piv/constants';
import type { CardCommand, CardContext } from './context';
import type { Secret } from './state';
import { ok, status, type CardReply } from './response';

const MIN_REFERENCE_LENGTH = 6;
const ASCII_0 = 0x30;
const ASCII_9 = 0x39;

const triesLeft = (n: number): CardReply => status((SW1.VERIFY_FAILED << 8) | SW2_RETRY_COUNTER_MASK | Math.min(n, 0x0f));

/** 6–8 bytes then FF padding; the PIN must be digits (73-4 P2 §3.2.1), the PUK may be any byte. */
export function isWellFormedReference(block: Uint8Array, digitsOnly: boolean): boolean {
  if (block.length !== PIN_BLOCK_LENGTH) return false;
  let length = block.indexOf(PIN_PAD_BYTE);
  if (length === -1) length = PIN_BLOCK_LENGTH;
  if (length < MIN_REFERENCE_LENGTH) return false;
  for (let i = length; i < PIN_BLOCK_LENGTH; i++) if (block[i] !== PIN_PAD_BYTE) return false;
  if (digitsOnly) for (let i = 0; i < length; i++) if (block[i] < ASCII_0 || block[i] > ASCII_9) return false;
  return true;
}

/** Checks a presented value, moving the counter; returns the failure reply or undefined on success. */
function check(ctx: CardContext, secret: Secret, presented: Uint8Array): CardReply | undefined {
  if (secret.retriesLeft === 0) return status(SW.AUTHENTICATION_METHOD_BLOCKED);
  if (presented.length === PIN_BLOCK_LENGTH && timingSafeEqual(presented, secret.value)) {
    if (secret.retriesLeft !== secret.maxRetries) {
      secret.retriesLeft = secret.maxRetries;
      ctx.changed();
    }
    return undefined;
  }
  secret.retriesLeft -= 1;
  ctx.changed();
  return triesLeft(secret.retriesLeft);
}

export function verify(ctx: CardContext, cmd: CardCommand): CardReply {
  if (cmd.p2 !== KEY_REF.PIV_PIN) return status(SW.REFERENCED_DATA_NOT_FOUND);
  if (cmd.p1 === P1P2.VERIFY_RESET_P1) {
    if (cmd.data.length !== 0) return status(SW.WRONG_LENGTH);
    ctx.volatile.pinVerified = false;
    return ok();
  }
  if (cmd.p1 !== 0x00) return status(SW.INCORRECT_P1_P2);
  const pin = ctx.state.pin;
  if (cmd.data.length === 0) {
    // Status query: 90 00 when already verified, else the tries left (73-4 P2 §3.2.1).
    if (ctx.volatile.pinVerified) return ok();
    return pin.retriesLeft === 0 ? status(SW.AUTHENTICATION_METHOD_BLOCKED) : triesLeft(pin.retriesLeft);
  }
  if (cmd.data.length !== PIN_BLOCK_LENGTH) return status(SW.WRONG_LENGTH);
  const failure = check(ctx, pin, cmd.data);
  ctx.volatile.pinVerified = failure === undefined;
  return failure ?? ok();
}

export function changeReferenceData(ctx: CardContext, cmd: CardCommand): CardReply {
  if (cmd.p1 !== 0x00) return status(SW.INCORRECT_P1_P2);
  const isPin = cmd.p2 === KEY_REF.PIV_PIN;
  if (!isPin && cmd.p2 !== KEY_REF.PUK) return status(SW.REFERENCED_DATA_NOT_FOUND);
  if (cmd.data.length !== 2 * PIN_BLOCK_LENGTH) return status(SW.WRONG_LENGTH);
  const secret = isPin ? ctx.state.pin : ctx.state.puk;
  const current = cmd.data.subarray(0, PIN_BLOCK_LENGTH);
  const next = cmd.data.slice(PIN_BLOCK_LENGTH);
  if (secret.retriesLeft === 0) return status(SW.AUTHENTICATION_METHOD_BLOCKED);
  if (!isWellFormedReference(next, isPin)) return status(SW.INCORRECT_DATA);
  const failure = check(ctx, secret, current);
  if (failure) {
    if (isPin) ctx.volatile.pinVerified = false;
    return failure;
  }
  secret.value = next;
  ctx.changed();
  if (isPin) ctx.volatile.pinVerified = true;
  return ok();
}

export function resetRetryCounter(ctx: CardContext, cmd: CardCommand): CardReply {
  if (cmd.p1 !== 0x00) return status(SW.INCORRECT_P1_P2);
  if (cmd.p2 !== KEY_REF.PIV_PIN) return status(SW.REFERENCED_DATA_NOT_FOUND);
  if (cmd.data.length !== 2 * PIN_BLOCK_LENGTH) return status(SW.WRONG_LENGTH);
  const puk = ctx.state.puk;
  const newPin = cmd.data.slice(PIN_BLOCK_LENGTH);
  if (puk.retriesLeft === 0) return status(SW.AUTHENTICATION_METHOD_BLOCKED);
  if (!isWellFormedReference(newPin, true)) return status(SW.INCORRECT_DATA);
  const failure = check(ctx, puk, cmd.data.subarray(0, PIN_BLOCK_LENGTH));
  if (failure) return failure;
  ctx.state.pin = { value: newPin, retriesLeft: ctx.state.pin.maxRetries, maxRetries: ctx.state.pin.maxRetries };
  ctx.volatile.pinVerified = false;
  ctx.changed();
  return ok();
}
