/**
 * Card Management (9B) key cryptography for GENERAL AUTHENTICATE (73-4 P2 §3.2.4, App. A.1): one-block
 * ECB with 3TDEA or AES. Electron's BoringSSL has lacked `des-ede3` (ECB) in some releases, so it is
 * feature-tested once and replaced by `des-ede3-cbc` with a zero IV, which equals ECB for one block.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { InvalidInputError } from '../common/errors';
import { ALGORITHM } from './constants';

export type ManagementKeyAlgorithm = typeof ALGORITHM.TDEA_3KEY | typeof ALGORITHM.AES_128 | typeof ALGORITHM.AES_192 | typeof ALGORITHM.AES_256;

interface Spec {
  name: string;
  keyLength: number;
  blockSize: number;
  cipher: string;
}

const SPECS: Record<number, Spec> = {
  [ALGORITHM.TDEA_3KEY_ECB_LEGACY]: { name: '3TDEA', keyLength: 24, blockSize: 8, cipher: 'des-ede3' },
  [ALGORITHM.TDEA_3KEY]: { name: '3TDEA', keyLength: 24, blockSize: 8, cipher: 'des-ede3' },
  [ALGORITHM.AES_128]: { name: 'AES-128', keyLength: 16, blockSize: 16, cipher: 'aes-128-ecb' },
  [ALGORITHM.AES_192]: { name: 'AES-192', keyLength: 24, blockSize: 16, cipher: 'aes-192-ecb' },
  [ALGORITHM.AES_256]: { name: 'AES-256', keyLength: 32, blockSize: 16, cipher: 'aes-256-ecb' },
};

export function managementKeySpec(algorithm: number): Spec {
  const spec = SPECS[algorithm];
  if (!spec) throw new InvalidInputError('PIV_BAD_MANAGEMENT_ALGORITHM', `Algorithm 0x${algorithm.toString(16)} is not a management key algorithm (use 3TDEA 03 or AES 08/0A/0C).`);
  return spec;
}

/** Checks length; the key itself never appears in messages or details. */
export function checkManagementKey(algorithm: number, key: Uint8Array): Spec {
  const spec = managementKeySpec(algorithm);
  if (key.length !== spec.keyLength) {
    throw new InvalidInputError('PIV_BAD_MANAGEMENT_KEY', `A ${spec.name} management key is ${spec.keyLength} bytes (${spec.keyLength * 2} hex characters), got ${key.length}.`);
  }
  return spec;
}

let desEcbWorks: boolean | undefined;
function desEde3Ecb(): boolean {
  if (desEcbWorks === undefined) {
    try {
      createCipheriv('des-ede3', Buffer.alloc(24, 1), null).setAutoPadding(false);
      desEcbWorks = true;
    } catch {
      desEcbWorks = false;
    }
  }
  return desEcbWorks;
}

function cipherFor(spec: Spec): { name: string; iv: Buffer | null } {
  if (spec.cipher === 'des-ede3' && !desEde3Ecb()) return { name: 'des-ede3-cbc', iv: Buffer.alloc(8) };
  return { name: spec.cipher, iv: null };
}

function run(encrypt: boolean, algorithm: number, key: Uint8Array, block: Uint8Array): Uint8Array {
  const spec = checkManagementKey(algorithm, key);
  if (block.length !== spec.blockSize) throw new RangeError(`${spec.name} block is ${spec.blockSize} bytes, got ${block.length}`);
  const { name, iv } = cipherFor(spec);
  const c = encrypt ? createCipheriv(name, key, iv) : createDecipheriv(name, key, iv);
  c.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([c.update(block), c.final()]));
}

/** One-block encryption E_K(block). */
export function encryptBlock(algorithm: number, key: Uint8Array, block: Uint8Array): Uint8Array {
  return run(true, algorithm, key, block);
}

/** One-block decryption D_K(block). */
export function decryptBlock(algorithm: number, key: Uint8Array, block: Uint8Array): Uint8Array {
  return run(false, algorithm, key, block);
}

/** For tests: force the CBC fallback path as if `des-ede3` were missing. */
export function forceDesFallbackForTests(useFallback: boolean | undefined): void {
  desEcbWorks = useFallback === undefined ? undefined : !useFallback;
}
