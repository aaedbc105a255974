/**
 * PIN / PUK reference data blocks (73-4 P2 §2.4.3, §3.2.1): the PIN is 6–8 ASCII digits right-padded
 * with FF to 8 bytes; the PUK is 8 bytes (Yubico allows 6–8 printable characters, padded the same way).
 * Callers zero the returned blocks after sending them; nothing here puts a value into an error.
 */
import { InvalidInputError } from '../common/errors';
import { PIN_BLOCK_LENGTH, PIN_PAD_BYTE } from './constants';

export type CredentialKind = 'PIN' | 'PUK';

function pad(value: string): Uint8Array {
  const out = new Uint8Array(PIN_BLOCK_LENGTH).fill(PIN_PAD_BYTE);
  for (let i = 0; i < value.length; i++) out[i] = value.charCodeAt(i);
  return out;
}

export function pinBlock(pin: string): Uint8Array {
  if (!/^[0-9]{6,8}$/.test(pin)) {
    throw new InvalidInputError('PIV_BAD_PIN_FORMAT', 'A PIV PIN is 6 to 8 digits. Enter it again.');
  }
  return pad(pin);
}

export function pukBlock(puk: string): Uint8Array {
  if (!/^[\x20-\x7e]{6,8}$/.test(puk)) {
    throw new InvalidInputError('PIV_BAD_PUK_FORMAT', 'A PUK is 6 to 8 characters (factory PUKs are 8 digits). Enter it again.');
  }
  return pad(puk);
}

export function credentialBlock(kind: CredentialKind, value: string): Uint8Array {
  return kind === 'PIN' ? pinBlock(value) : pukBlock(value);
}
