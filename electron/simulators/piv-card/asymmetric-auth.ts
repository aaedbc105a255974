/**
 * GENERAL AUTHENTICATE with an asymmetric slot (73-4 P2 §3.2.4, Appendix A.3 "challenge-response"):
 * `7C { 82 00, 81 <block> }` → `7C { 82 <signature> }`. RSA is the raw private-key operation on a block
 * the host already padded, as real cards do. ECC signing of a pre-hashed digest is not simulated (node:crypto
 * has no prehash ECDSA), so an ECC slot answers "function not supported" and tests use RSA 9A keys.
 * 9A needs the PIN verified first (the default PIN policy of the PIV Authentication key).
 */
import { constants, createPrivateKey, privateEncrypt } from 'node:crypto';
import { decodeTlvs, encodeTlv, findTlv } from '../../piv/tlv';
import { ALGORITHM, KEY_REF, SW, TAG } from '../../piv/constants';
import type { CardCommand, CardContext } from './context';
import { ok, status, type CardReply } from './response';

const RSA_BLOCK_BYTES = new Map<number, number>([
  [ALGORITHM.RSA_2048, 256],
  [ALGORITHM.RSA_3072, 384],
]);

export function asymmetricAuthenticate(ctx: CardContext, cmd: CardCommand): CardReply {
  const stored = ctx.state.keys.get(cmd.p2);
  if (!stored) return status(SW.REFERENCED_DATA_NOT_FOUND);
  if (cmd.p1 !== stored.algorithm) return status(SW.INCORRECT_P1_P2);
  const blockBytes = RSA_BLOCK_BYTES.get(stored.algorithm);
  if (blockBytes === undefined) return status(SW.FUNCTION_NOT_SUPPORTED);
  if (cmd.p2 === KEY_REF.PIV_AUTHENTICATION && !ctx.volatile.pinVerified) return status(SW.SECURITY_STATUS_NOT_SATISFIED);
  let block: Uint8Array | undefined;
  let wantsResponse: boolean;
  try {
    const outer = decodeTlvs(cmd.data);
    if (outer.length !== 1 || outer[0].tag !== TAG.DYNAMIC_AUTH_TEMPLATE) return status(SW.INCORRECT_DATA);
    const items = decodeTlvs(outer[0].value);
    wantsResponse = findTlv(items, TAG.AUTH_RESPONSE)?.value.length === 0;
    block = findTlv(items, TAG.AUTH_CHALLENGE)?.value;
  } catch {
    return status(SW.INCORRECT_DATA);
  }
  if (!wantsResponse || !block || block.length !== blockBytes) return status(SW.INCORRECT_DATA);
  const key = createPrivateKey({ key: Buffer.from(stored.privateKeyPkcs8), format: 'der', type: 'pkcs8' });
  const signature = privateEncrypt({ key, padding: constants.RSA_NO_PADDING }, block);
  return ok(encodeTlv(TAG.DYNAMIC_AUTH_TEMPLATE, encodeTlv(TAG.AUTH_RESPONSE, new Uint8Array(signature))));
}
