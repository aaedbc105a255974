// 9B authentication for every algorithm against a tiny card model that holds the key (the JSON vectors
// cover 3TDEA and AES-192 byte-exact in session.test.ts; this covers AES-128/256 and wrong keys).
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { PivSession } from '../../../electron/piv/session';
import { decodeCommandApdu, encodeResponseApdu } from '../../../electron/piv/apdu';
import { ALGORITHM, INS, SW, TAG } from '../../../electron/piv/constants';
import { decryptBlock, encryptBlock, type ManagementKeyAlgorithm } from '../../../electron/piv/management-key';
import { ManagementKeyRejectedError } from '../../../electron/piv/errors';
import { decodeTlvs, encodeTlv, unwrapTlv } from '../../../electron/piv/tlv';
import { bytesEqual } from '../../../electron/piv/bytes';

function cardWithKey(alg: number, key: Uint8Array) {
  const size = alg === ALGORITHM.TDEA_3KEY ? 8 : 16;
  let pending: Uint8Array | undefined;
  let admin = false;
  const reply = (data: Uint8Array, sw: number = SW.SUCCESS) => encodeResponseApdu({ data, sw });
  return {
    isAdmin: () => admin,
    transmit: async (raw: Uint8Array) => {
      const c = decodeCommandApdu(raw);
      if (c.ins !== INS.GENERAL_AUTHENTICATE) return reply(new Uint8Array(0), SW.INS_NOT_SUPPORTED);
      if (c.p1 !== alg) return reply(new Uint8Array(0), SW.INCORRECT_P1_P2);
      const items = decodeTlvs(unwrapTlv(c.data, TAG.DYNAMIC_AUTH_TEMPLATE));
      const get = (t: number) => items.find((i) => i.tag === t)?.value;
      const witness = get(TAG.AUTH_WITNESS);
      const challenge = get(TAG.AUTH_CHALLENGE);
      const response = get(TAG.AUTH_RESPONSE);
      if (witness?.length === 0) {
        pending = randomBytes(size);
        return reply(encodeTlv(TAG.DYNAMIC_AUTH_TEMPLATE, encodeTlv(TAG.AUTH_WITNESS, encryptBlock(alg, key, pending))));
      }
      if (witness && challenge) {
        if (!pending || !bytesEqual(witness, pending)) return reply(new Uint8Array(0), SW.SECURITY_STATUS_NOT_SATISFIED);
        admin = true;
        return reply(encodeTlv(TAG.DYNAMIC_AUTH_TEMPLATE, encodeTlv(TAG.AUTH_RESPONSE, encryptBlock(alg, key, challenge))));
      }
      if (challenge?.length === 0) {
        pending = randomBytes(size);
        return reply(encodeTlv(TAG.DYNAMIC_AUTH_TEMPLATE, encodeTlv(TAG.AUTH_CHALLENGE, pending)));
      }
      if (response) {
        if (!pending || !bytesEqual(decryptBlock(alg, key, response), pending)) return reply(new Uint8Array(0), SW.SECURITY_STATUS_NOT_SATISFIED);
        admin = true;
        return reply(new Uint8Array(0));
      }
      return reply(new Uint8Array(0), SW.INCORRECT_DATA);
    },
  };
}

const CASES: Array<[string, ManagementKeyAlgorithm, number]> = [
  ['3TDEA', ALGORITHM.TDEA_3KEY, 24],
  ['AES-128', ALGORITHM.AES_128, 16],
  ['AES-192', ALGORITHM.AES_192, 24],
  ['AES-256', ALGORITHM.AES_256, 32],
];

describe('management key authentication for every algorithm', () => {
  it.each(CASES)('%s: mutual and external succeed with the right key', async (_n, alg, len) => {
    const key = randomBytes(len);
    for (const mode of ['mutual', 'external'] as const) {
      const card = cardWithKey(alg, key);
      await new PivSession(card.transmit).authenticate(key, alg, mode);
      expect(card.isAdmin()).toBe(true);
    }
  });
  it.each(CASES)('%s: a wrong key is rejected in both modes', async (_n, alg, len) => {
    const key = randomBytes(len);
    const wrong = randomBytes(len);
    for (const mode of ['mutual', 'external'] as const) {
      const card = cardWithKey(alg, key);
      await expect(new PivSession(card.transmit).authenticate(wrong, alg, mode)).rejects.toBeInstanceOf(ManagementKeyRejectedError);
      expect(card.isAdmin()).toBe(false);
    }
  });
});
