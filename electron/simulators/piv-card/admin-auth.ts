/**
 * GENERAL AUTHENTICATE with the card management key 9B (73-4 P2 §3.2.4, App. A.1; reference §3.4):
 * mutual (80 00 → witness; 80 W 81 C → 82 E(C)) and external (81 00 → challenge; 82 E(C)).
 * 3TDEA and AES-128/192/256, ECB single blocks. A failed or interrupted exchange leaves the card unchanged.
 */
import { createCipheriv, timingSafeEqual } from 'node:crypto';
import { encodeTlv, decodeTlvs, findTlv, encodeTlvs } from '../../piv/tlv';
import { ALGORITHM, KEY_REF, SW, TAG } from '../../piv/constants';
import type { CardCommand, CardContext } from './context';
import { ok, status, type CardReply } from './response';
import { asymmetricAuthenticate } from './asymmetric-auth';

interface Cipher {
  name: string;
  keyLength: number;
  blockSize: number;
}

const CIPHERS = new Map<number, Cipher>([
  [ALGORITHM.TDEA_3KEY, { name: 'des-ede3', keyLength: 24, blockSize: 8 }],
  [ALGORITHM.TDEA_3KEY_ECB_LEGACY, { name: 'des-ede3', keyLength: 24, blockSize: 8 }],
  [ALGORITHM.AES_128, { name: 'aes-128-ecb', keyLength: 16, blockSize: 16 }],
  [ALGORITHM.AES_192, { name: 'aes-192-ecb', keyLength: 24, blockSize: 16 }],
  [ALGORITHM.AES_256, { name: 'aes-256-ecb', keyLength: 32, blockSize: 16 }],
]);

export function managementCipher(algorithm: number): Cipher | undefined {
  return CIPHERS.get(algorithm);
}

/** Same cipher family: the legacy 00 and 03 both mean 3TDEA. */
function sameAlgorithm(a: number, b: number): boolean {
  const norm = (x: number) => (x === ALGORITHM.TDEA_3KEY_ECB_LEGACY ? ALGORITHM.TDEA_3KEY : x);
  return norm(a) === norm(b);
}

export function encryptBlock(cipher: Cipher, key: Uint8Array, block: Uint8Array): Uint8Array {
  const c = createCipheriv(cipher.name, key, null);
  c.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([c.update(block), c.final()]));
}

const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && timingSafeEqual(a, b);

const template = (tag: number, value: Uint8Array): Uint8Array => encodeTlv(TAG.DYNAMIC_AUTH_TEMPLATE, encodeTlv(tag, value));

export function generalAuthenticate(ctx: CardContext, cmd: CardCommand): CardReply {
  if (cmd.p2 !== KEY_REF.CARD_MANAGEMENT) {
    return asymmetricAuthenticate(ctx, cmd);
  }
  const pending = ctx.volatile.pendingAdminAuth;
  ctx.volatile.pendingAdminAuth = undefined;
  const mk = ctx.state.managementKey;
  const cipher = managementCipher(cmd.p1);
  if (!cipher || !sameAlgorithm(cmd.p1, mk.algorithm)) return status(SW.INCORRECT_P1_P2);
  let items;
  try {
    const outer = decodeTlvs(cmd.data);
    if (outer.length !== 1 || outer[0].tag !== TAG.DYNAMIC_AUTH_TEMPLATE) return status(SW.INCORRECT_DATA);
    items = decodeTlvs(outer[0].value);
  } catch {
    return status(SW.INCORRECT_DATA);
  }
  const witness = findTlv(items, TAG.AUTH_WITNESS)?.value;
  const challenge = findTlv(items, TAG.AUTH_CHALLENGE)?.value;
  const response = findTlv(items, TAG.AUTH_RESPONSE)?.value;
  const size = cipher.blockSize;

  if (witness && witness.length === 0 && !challenge) {
    const w = ctx.random(size);
    ctx.volatile.pendingAdminAuth = { kind: 'witness', algorithm: mk.algorithm, value: w };
    return ok(template(TAG.AUTH_WITNESS, encryptBlock(cipher, mk.key, w)));
  }
  if (witness && witness.length > 0 && challenge) {
    // Mutual step 2 (an empty 82 request, as in the NIST example, is tolerated).
    if (pending?.kind !== 'witness' || witness.length !== size || challenge.length !== size || !equal(witness, pending.value)) {
      ctx.volatile.adminAuthenticated = false;
      return status(SW.SECURITY_STATUS_NOT_SATISFIED);
    }
    ctx.volatile.adminAuthenticated = true;
    return ok(encodeTlv(TAG.DYNAMIC_AUTH_TEMPLATE, encodeTlvs([{ tag: TAG.AUTH_RESPONSE, value: encryptBlock(cipher, mk.key, challenge) }])));
  }
  if (challenge && challenge.length === 0 && !witness && !response) {
    const c = ctx.random(size);
    ctx.volatile.pendingAdminAuth = { kind: 'challenge', algorithm: mk.algorithm, value: c };
    return ok(template(TAG.AUTH_CHALLENGE, c));
  }
  if (response && response.length > 0 && !witness && !challenge) {
    if (pending?.kind !== 'challenge' || !equal(response, encryptBlock(cipher, mk.key, pending.value))) {
      ctx.volatile.adminAuthenticated = false;
      return status(SW.SECURITY_STATUS_NOT_SATISFIED);
    }
    ctx.volatile.adminAuthenticated = true;
    return ok();
  }
  return status(SW.INCORRECT_DATA);
}
