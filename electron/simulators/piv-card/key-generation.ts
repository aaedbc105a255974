/**
 * GENERATE ASYMMETRIC KEY PAIR (73-4 P2 §3.3.2) with node:crypto: RSA 2048/3072, ECC P-256/P-384.
 * Answers 7F49 with 81 modulus + 82 exponent (RSA) or 86 uncompressed point (ECC).
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { decodeTlvs, encodeTlv, encodeTlvs, findTlv } from '../../piv/tlv';
import { ALGORITHM, KEY_REF, SW, TAG } from '../../piv/constants';
import type { CardCommand, CardContext } from './context';
import { ok, status, type CardReply } from './response';

/** YubiKey policy bytes inside the AC template (AA / AB); 00 = card default. */
export const POLICY_DEFAULT = 0x00;

const ASYMMETRIC_SLOTS = new Set<number>([
  KEY_REF.PIV_AUTHENTICATION,
  KEY_REF.DIGITAL_SIGNATURE,
  KEY_REF.KEY_MANAGEMENT,
  KEY_REF.CARD_AUTHENTICATION,
]);

export function isAsymmetricSlot(slot: number): boolean {
  return ASYMMETRIC_SLOTS.has(slot) || (slot >= KEY_REF.RETIRED_KEY_MANAGEMENT_1 && slot <= KEY_REF.RETIRED_KEY_MANAGEMENT_20);
}

function generate(algorithm: number): KeyObject | undefined {
  switch (algorithm) {
    case ALGORITHM.RSA_2048:
      return generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 }).privateKey;
    case ALGORITHM.RSA_3072:
      return generateKeyPairSync('rsa', { modulusLength: 3072, publicExponent: 0x10001 }).privateKey;
    case ALGORITHM.ECC_P256:
      return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    case ALGORITHM.ECC_P384:
      return generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey;
    default:
      return undefined;
  }
}

const b64u = (s: string | undefined) => new Uint8Array(Buffer.from(s ?? '', 'base64url'));

/** The 7F49 public key template of a private key. */
export function publicKeyTemplate(privateKey: KeyObject): Uint8Array {
  const jwk = privateKey.export({ format: 'jwk' });
  if (jwk.kty === 'RSA') {
    return encodeTlv(TAG.PUBLIC_KEY_TEMPLATE, encodeTlvs([
      { tag: TAG.RSA_MODULUS, value: b64u(jwk.n) },
      { tag: TAG.RSA_PUBLIC_EXPONENT, value: b64u(jwk.e) },
    ]));
  }
  const x = b64u(jwk.x);
  const y = b64u(jwk.y);
  const point = new Uint8Array(1 + x.length + y.length);
  point[0] = 0x04; // uncompressed point (SEC 1 §2.3.3)
  point.set(x, 1);
  point.set(y, 1 + x.length);
  return encodeTlv(TAG.PUBLIC_KEY_TEMPLATE, encodeTlv(TAG.EC_POINT, point));
}

export function generateAsymmetricKeyPair(ctx: CardContext, cmd: CardCommand): CardReply {
  if (cmd.p1 !== 0x00) return status(SW.INCORRECT_P1_P2);
  if (!isAsymmetricSlot(cmd.p2)) return status(SW.INCORRECT_P1_P2);
  if (!ctx.volatile.adminAuthenticated) return status(SW.SECURITY_STATUS_NOT_SATISFIED);
  let algorithm: number | undefined;
  let pinPolicy: number;
  let touchPolicy: number;
  try {
    const outer = decodeTlvs(cmd.data);
    if (outer.length !== 1 || outer[0].tag !== TAG.CONTROL_REFERENCE_TEMPLATE) return status(SW.INCORRECT_DATA);
    const inner = decodeTlvs(outer[0].value);
    const alg = findTlv(inner, TAG.CRT_ALGORITHM)?.value;
    if (alg?.length === 1) algorithm = alg[0];
    pinPolicy = findTlv(inner, TAG.YK_PIN_POLICY)?.value[0] ?? POLICY_DEFAULT;
    touchPolicy = findTlv(inner, TAG.YK_TOUCH_POLICY)?.value[0] ?? POLICY_DEFAULT;
  } catch {
    return status(SW.INCORRECT_DATA);
  }
  if (algorithm === undefined) return status(SW.INCORRECT_DATA);
  const privateKey = generate(algorithm);
  if (!privateKey) return status(SW.INCORRECT_P1_P2);
  ctx.state.keys.set(cmd.p2, {
    algorithm,
    privateKeyPkcs8: new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' })),
    origin: 'generated',
    pinPolicy,
    touchPolicy,
  });
  ctx.changed();
  return ok(publicKeyTemplate(privateKey));
}
