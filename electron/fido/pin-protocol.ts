import { createCipheriv, createDecipheriv, createECDH, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { StationError } from '../common/errors';
import { COSE, PADDED_PIN_LENGTH } from './ctap2-constants';
import type { CborMap } from './cbor-codec';

/**
 * PIN/UV auth protocols one and two (CTAP 2.1 PS §6.5.6, §6.5.7). Shared by the host client and the
 * virtual authenticator, so both ends run the same spec text; known-answer tests pin protocol one to
 * an independent implementation's vectors.
 */

export type PinProtocolVersion = 1 | 2;

export interface PinUvAuthProtocol {
  readonly version: PinProtocolVersion;
  /** Derives the shared secret from the ECDH x-coordinate Z. */
  kdf(z: Uint8Array): Uint8Array;
  encrypt(key: Uint8Array, plaintext: Uint8Array): Uint8Array;
  decrypt(key: Uint8Array, ciphertext: Uint8Array): Uint8Array;
  authenticate(key: Uint8Array, message: Uint8Array): Uint8Array;
  verify(key: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
  /** Length of a pinUvAuthToken this protocol issues. */
  readonly tokenLength: number;
}

const AES_BLOCK = 16;
const ZERO_IV = new Uint8Array(AES_BLOCK);

function aesCbc(encrypt: boolean, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  if (data.length % AES_BLOCK !== 0) {
    throw new StationError('FIDO_PIN_PROTOCOL', 'A PIN protocol message is not a whole number of AES blocks.');
  }
  const c = encrypt ? createCipheriv('aes-256-cbc', key, iv) : createDecipheriv('aes-256-cbc', key, iv);
  c.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([c.update(data), c.final()]));
}

function hmac(key: Uint8Array, message: Uint8Array): Uint8Array {
  return new Uint8Array(createHmac('sha256', key).update(message).digest());
}

function safeEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Protocol one: SHA-256(Z); AES-256-CBC with a zero IV; HMAC-SHA-256 cut to 16 bytes. */
export const pinProtocolOne: PinUvAuthProtocol = {
  version: 1,
  tokenLength: 32,
  kdf: (z) => new Uint8Array(createHash('sha256').update(z).digest()),
  encrypt: (key, plaintext) => aesCbc(true, key, ZERO_IV, plaintext),
  decrypt: (key, ciphertext) => aesCbc(false, key, ZERO_IV, ciphertext),
  authenticate: (key, message) => hmac(key, message).slice(0, 16),
  verify: (key, message, signature) => safeEqual(hmac(key, message).slice(0, 16), signature),
};

const HKDF_SALT = new Uint8Array(32);
const INFO_HMAC = new TextEncoder().encode('CTAP2 HMAC key');
const INFO_AES = new TextEncoder().encode('CTAP2 AES key');

/** Two-part secret for protocol two: the first 32 bytes are the HMAC key, the last 32 the AES key. */
function protocolTwoHmacKey(key: Uint8Array): Uint8Array {
  return key.length === 64 ? key.subarray(0, 32) : key;
}

/** Protocol two: HKDF-SHA-256 into HMAC and AES keys; random IV prepended; full 32-byte HMAC. */
export const pinProtocolTwo: PinUvAuthProtocol = {
  version: 2,
  tokenLength: 32,
  kdf: (z) =>
    new Uint8Array(
      Buffer.concat([
        Buffer.from(hkdfSync('sha256', z, HKDF_SALT, INFO_HMAC, 32)),
        Buffer.from(hkdfSync('sha256', z, HKDF_SALT, INFO_AES, 32)),
      ]),
    ),
  encrypt: (key, plaintext) => {
    const iv = new Uint8Array(randomBytes(AES_BLOCK));
    const ct = aesCbc(true, key.subarray(32, 64), iv, plaintext);
    const out = new Uint8Array(AES_BLOCK + ct.length);
    out.set(iv);
    out.set(ct, AES_BLOCK);
    return out;
  },
  decrypt: (key, ciphertext) => {
    if (ciphertext.length < AES_BLOCK) throw new StationError('FIDO_PIN_PROTOCOL', 'A PIN protocol two message is shorter than its IV.');
    return aesCbc(false, key.subarray(32, 64), ciphertext.subarray(0, AES_BLOCK), ciphertext.subarray(AES_BLOCK));
  },
  authenticate: (key, message) => hmac(protocolTwoHmacKey(key), message),
  verify: (key, message, signature) => safeEqual(hmac(protocolTwoHmacKey(key), message), signature),
};

export function pinProtocol(version: number): PinUvAuthProtocol {
  if (version === 1) return pinProtocolOne;
  if (version === 2) return pinProtocolTwo;
  throw new StationError('FIDO_UNSUPPORTED', `PIN/UV auth protocol ${version} is not supported by the station (only 1 and 2).`);
}

/** An ECDH P-256 key pair for key agreement; `privateKey` is injectable for known-answer tests. */
export class KeyAgreementKey {
  private readonly ecdh = createECDH('prime256v1');

  constructor(privateKey?: Uint8Array) {
    if (privateKey) this.ecdh.setPrivateKey(privateKey);
    else this.ecdh.generateKeys();
  }

  /** COSE_Key of the public half, as sent in keyAgreement (§6.5.6 getPublicKey). */
  coseKey(): CborMap {
    const pub = this.ecdh.getPublicKey();
    return new Map<number, number | Uint8Array>([
      [COSE.KTY, COSE.KTY_EC2],
      [COSE.ALG, COSE.ALG_ECDH_ES_HKDF_256],
      [COSE.CRV, COSE.CRV_P256],
      [COSE.X, new Uint8Array(pub.subarray(1, 33))],
      [COSE.Y, new Uint8Array(pub.subarray(33, 65))],
    ]);
  }

  /** ECDH with the peer's COSE key; returns Z (the shared point's x-coordinate). */
  sharedPoint(peer: CborMap): Uint8Array {
    const x = peer.get(COSE.X);
    const y = peer.get(COSE.Y);
    if (peer.get(COSE.KTY) !== COSE.KTY_EC2 || peer.get(COSE.CRV) !== COSE.CRV_P256 || !(x instanceof Uint8Array) || !(y instanceof Uint8Array) || x.length !== 32 || y.length !== 32) {
      throw new StationError('FIDO_BAD_KEY_AGREEMENT', 'The key agreement key is not a P-256 COSE key.');
    }
    const point = new Uint8Array(65);
    point[0] = 0x04;
    point.set(x, 1);
    point.set(y, 33);
    try {
      return new Uint8Array(this.ecdh.computeSecret(point));
    } catch (e) {
      throw new StationError('FIDO_BAD_KEY_AGREEMENT', 'The key agreement key is not a point on P-256.', undefined, { cause: e });
    }
  }
}

/** Pads a PIN to 64 bytes with zeros (§6.5.5.5 "paddedPin"). The caller zeroes the result after use. */
export function padPin(pinUtf8: Uint8Array): Uint8Array {
  const out = new Uint8Array(PADDED_PIN_LENGTH);
  out.set(pinUtf8);
  return out;
}

/** LEFT(SHA-256(PIN), 16): what the key stores and what pinHashEnc carries. */
export function pinHash(pinUtf8: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(pinUtf8).digest().subarray(0, 16));
}
