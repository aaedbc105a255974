/**
 * Per-card secrets derived from the station master key, so none is ever stored: the card's 9B
 * management key (F201 §4.3.2: unique per card) and its PUK. HKDF-SHA-256 (RFC 5869) with the master
 * key as input keying material, a fixed salt naming this scheme, and info = purpose ‖ algorithm ‖ card
 * GUID (16 bytes) ‖ FASC-N (25 bytes). Anyone holding the master key can re-derive them for a card
 * from the card's own CHUID, which is what unblock and re-issue need.
 */
import { hkdfSync } from 'node:crypto';
import { InvalidInputError } from '../common/errors';
import { ALGORITHM } from '../piv/constants';
import { concatBytes } from '../piv/bytes';
import type { ManagementKeyAlgorithm } from '../piv/management-key';

/** Versioned: changing the scheme means a new salt, so old cards keep deriving the old way. */
export const DIVERSIFICATION_SALT = new TextEncoder().encode('IssuanceStation/PIV-card-keys/v1');
export const MASTER_KEY_LENGTH = 32;
const PURPOSE = { MANAGEMENT_KEY: 0x9b, PUK: 0x81 } as const;
const GUID_LENGTH = 16;
const FASCN_LENGTH = 25;
export const DERIVED_PUK_LENGTH = 8;

const KEY_LENGTH: Partial<Record<number, number>> = {
  [ALGORITHM.AES_128]: 16,
  [ALGORITHM.AES_192]: 24,
  [ALGORITHM.AES_256]: 32,
};

export type DiversifiedAlgorithm = typeof ALGORITHM.AES_128 | typeof ALGORITHM.AES_192 | typeof ALGORITHM.AES_256;

function derive(master: Uint8Array, purpose: number, algorithm: number, guid: Uint8Array, fascn: Uint8Array, length: number): Uint8Array {
  if (master.length !== MASTER_KEY_LENGTH) throw new InvalidInputError('MASTER_KEY_INVALID', `The master key must be ${MASTER_KEY_LENGTH} bytes.`);
  if (guid.length !== GUID_LENGTH || fascn.length !== FASCN_LENGTH) {
    throw new InvalidInputError('DIVERSIFICATION_INPUT_INVALID', 'Key diversification needs the 16-byte card GUID and the 25-byte FASC-N.');
  }
  const info = concatBytes(Uint8Array.of(purpose, algorithm), guid, fascn);
  return new Uint8Array(hkdfSync('sha256', master, DIVERSIFICATION_SALT, info, length));
}

/** The card's 9B key (AES only: 3TDEA is deprecated for 9B by SP 800-78-5). */
export function diversifyManagementKey(master: Uint8Array, algorithm: ManagementKeyAlgorithm, guid: Uint8Array, fascn: Uint8Array): Uint8Array {
  const length = KEY_LENGTH[algorithm];
  if (length === undefined) throw new InvalidInputError('MANAGEMENT_KEY_ALGORITHM_INVALID', 'Per-card management keys are AES-128, AES-192 or AES-256.', { algorithm });
  return derive(master, PURPOSE.MANAGEMENT_KEY, algorithm, guid, fascn, length);
}

/** An 8-digit PUK; bytes ≥ 250 are skipped so every digit is equally likely. */
export function diversifyPuk(master: Uint8Array, guid: Uint8Array, fascn: Uint8Array): string {
  const pool = derive(master, PURPOSE.PUK, 0, guid, fascn, 64);
  let puk = '';
  for (const b of pool) {
    if (b >= 250) continue;
    puk += String(b % 10);
    if (puk.length === DERIVED_PUK_LENGTH) break;
  }
  pool.fill(0);
  if (puk.length !== DERIVED_PUK_LENGTH) throw new Error('PUK derivation ran out of bytes'); // p < 1e-40
  return puk;
}
