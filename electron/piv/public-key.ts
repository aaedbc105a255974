/**
 * The public key template 7F49 returned by GENERATE ASYMMETRIC KEY PAIR (73-4 P2 §3.3.2): RSA as
 * 81 modulus + 82 exponent, EC as 86 uncompressed point. Converted to SPKI DER via node:crypto so
 * certificate requests can use it.
 */
import { createPublicKey } from 'node:crypto';
import { ALGORITHM, TAG } from './constants';
import { MalformedDataError } from './errors';
import { decodeTlvs, requireTlv, unwrapTlv } from './tlv';

export type AsymmetricAlgorithm = typeof ALGORITHM.RSA_2048 | typeof ALGORITHM.RSA_3072 | typeof ALGORITHM.ECC_P256 | typeof ALGORITHM.ECC_P384;

export type PivPublicKey =
  | { algorithm: typeof ALGORITHM.RSA_2048 | typeof ALGORITHM.RSA_3072; modulus: Uint8Array; publicExponent: Uint8Array }
  | { algorithm: typeof ALGORITHM.ECC_P256 | typeof ALGORITHM.ECC_P384; point: Uint8Array };

const EC_POINT_LENGTH: Record<number, number> = { [ALGORITHM.ECC_P256]: 65, [ALGORITHM.ECC_P384]: 97 };
const RSA_MODULUS_LENGTH: Record<number, number> = { [ALGORITHM.RSA_2048]: 256, [ALGORITHM.RSA_3072]: 384 };

/** Parses `7F49 L …` (the whole GENERATE response data). */
export function parsePublicKeyTemplate(algorithm: AsymmetricAlgorithm, data: Uint8Array): PivPublicKey {
  const inner = decodeTlvs(unwrapTlv(data, TAG.PUBLIC_KEY_TEMPLATE));
  if (algorithm === ALGORITHM.ECC_P256 || algorithm === ALGORITHM.ECC_P384) {
    const point = requireTlv(inner, TAG.EC_POINT, 'EC point').value;
    if (point.length !== EC_POINT_LENGTH[algorithm] || point[0] !== 0x04) {
      throw new MalformedDataError(`The EC point is ${point.length} bytes, expected an uncompressed ${EC_POINT_LENGTH[algorithm]}-byte point`);
    }
    return { algorithm, point: point.slice() };
  }
  const modulus = requireTlv(inner, TAG.RSA_MODULUS, 'RSA modulus').value;
  const publicExponent = requireTlv(inner, TAG.RSA_PUBLIC_EXPONENT, 'RSA public exponent').value;
  if (modulus.length !== RSA_MODULUS_LENGTH[algorithm]) throw new MalformedDataError(`The RSA modulus is ${modulus.length} bytes, expected ${RSA_MODULUS_LENGTH[algorithm]}`);
  return { algorithm, modulus: modulus.slice(), publicExponent: publicExponent.slice() };
}

const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');

/** SubjectPublicKeyInfo DER of a card public key. */
export function publicKeyToSpki(key: PivPublicKey): Uint8Array {
  const jwk =
    'point' in key
      ? {
          kty: 'EC',
          crv: key.algorithm === ALGORITHM.ECC_P256 ? 'P-256' : 'P-384',
          x: b64u(key.point.subarray(1, 1 + (key.point.length - 1) / 2)),
          y: b64u(key.point.subarray(1 + (key.point.length - 1) / 2)),
        }
      : { kty: 'RSA', n: b64u(key.modulus), e: b64u(key.publicExponent) };
  try {
    return new Uint8Array(createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'der' }));
  } catch (e) {
    throw new MalformedDataError('The card returned a public key that is not on its curve or not a valid RSA key', undefined, { cause: e });
  }
}
