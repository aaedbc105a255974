/**
 * Proves at the station that the applicant holds a working PIV card (SP 800-157 §2.2 requires a valid
 * PIV card for derived-credential issuance): the cardholder verifies the PIN, then the PIV
 * Authentication key (9A) signs a fresh random challenge that is checked against the public key of the
 * certificate in 5FC105 (SP 800-73-4 Part 2 Appendix A.3, "authenticate the card"). Certificate path
 * validation to a trusted PIV issuer is not done here (no trust store on the station yet): the check
 * binds card, key and certificate, and the certificate's validity period and the CHUID expiry.
 */
import { X509Certificate, createHash, verify, constants, type KeyObject } from 'node:crypto';
import { StationError } from '../common/errors';
import type { Transmit } from '../piv/apdu';
import { PivSession } from '../piv/session';
import { Chuid } from '../piv/chuid';
import { ALGORITHM, CLA, INS, KEY_REF, OBJECT_TAG, TAG } from '../piv/constants';
import { encodeTlv, decodeTlvs, requireTlv, unwrapTlv } from '../piv/tlv';
import { concatBytes, toHex } from '../piv/bytes';
import { formatUuid } from '../piv/uuid';
import { expectSuccess } from '../piv/status';
import { parseCertificateObject } from './certificate-object';

/** DER DigestInfo prefixes for EMSA-PKCS1-v1_5 (RFC 8017 §9.2 note 1). */
const DIGEST_INFO_PREFIX = {
  sha256: Uint8Array.from(Buffer.from('3031300d060960864801650304020105000420', 'hex')),
  sha384: Uint8Array.from(Buffer.from('3041300d060960864801650304020205000430', 'hex')),
} as const;
/** PKCS#1 v1.5 block type 01 framing: 00 01 FF..FF 00 (at least 8 FF bytes). */
const PKCS1_MIN_PADDING = 8;
export const CHALLENGE_BYTES = 32;

export interface CardIdentity {
  fascnHex: string;
  guid: string;
  chuidExpiration: string;
  certificate: { subject: string; serialNumber: string; notBefore: string; notAfter: string; sha256: string };
  keyAlgorithm: 'RSA-2048' | 'RSA-3072' | 'ECC-P256' | 'ECC-P384';
}

interface KeyPlan {
  algorithm: number;
  label: CardIdentity['keyAlgorithm'];
  hash: 'sha256' | 'sha384';
  /** The 81 block the card signs: a digest (ECC) or a padded PKCS#1 block (RSA, raw private op). */
  block(challenge: Uint8Array): Uint8Array;
  check(key: KeyObject, challenge: Uint8Array, signature: Uint8Array): boolean;
}

function rsaPlan(bits: number): KeyPlan {
  const k = bits / 8;
  return {
    algorithm: bits === 2048 ? ALGORITHM.RSA_2048 : ALGORITHM.RSA_3072,
    label: bits === 2048 ? 'RSA-2048' : 'RSA-3072',
    hash: 'sha256',
    block: (challenge) => {
      const t = concatBytes(DIGEST_INFO_PREFIX.sha256, createHash('sha256').update(challenge).digest());
      const ps = new Uint8Array(k - t.length - 3).fill(0xff);
      if (ps.length < PKCS1_MIN_PADDING) throw new Error('RSA modulus too short for the digest');
      return concatBytes(Uint8Array.of(0x00, 0x01), ps, Uint8Array.of(0x00), t);
    },
    check: (key, challenge, signature) => verify('sha256', challenge, { key, padding: constants.RSA_PKCS1_PADDING }, signature),
  };
}

function ecPlan(curve: string): KeyPlan | undefined {
  const p = curve === 'prime256v1' ? ({ algorithm: ALGORITHM.ECC_P256, label: 'ECC-P256', hash: 'sha256' } as const) : curve === 'secp384r1' ? ({ algorithm: ALGORITHM.ECC_P384, label: 'ECC-P384', hash: 'sha384' } as const) : undefined;
  if (!p) return undefined;
  return {
    ...p,
    block: (challenge) => new Uint8Array(createHash(p.hash).update(challenge).digest()),
    check: (key, challenge, signature) => verify(p.hash, challenge, { key, dsaEncoding: 'der' }, signature),
  };
}

function planFor(key: KeyObject): KeyPlan {
  const d = key.asymmetricKeyDetails ?? {};
  const plan = key.asymmetricKeyType === 'rsa' && (d.modulusLength === 2048 || d.modulusLength === 3072) ? rsaPlan(d.modulusLength) : key.asymmetricKeyType === 'ec' ? ecPlan(d.namedCurve ?? '') : undefined;
  if (!plan) {
    throw new StationError('DERIVED_CARD_KEY_UNSUPPORTED', 'The PIV Authentication certificate has a key type this station cannot check (RSA 2048/3072 and ECC P-256/P-384 are supported).', { keyType: key.asymmetricKeyType ?? 'unknown' });
  }
  return plan;
}

export interface CardCheckOptions {
  now?: () => Date;
  random?: (n: number) => Uint8Array;
}

/** Runs the whole check on one card; the PIN is used once and not kept. */
export async function checkPivCard(transmit: Transmit, pin: string, options: CardCheckOptions = {}): Promise<CardIdentity> {
  const now = (options.now ?? (() => new Date()))();
  const random = options.random ?? ((n: number) => globalThis.crypto.getRandomValues(new Uint8Array(n)));
  const session = new PivSession(transmit);
  await session.select();
  const chuid = Chuid.parse(await session.getData(OBJECT_TAG.CHUID));
  const today = now.toISOString().slice(0, 10);
  if (chuid.expirationDate < today) {
    throw new StationError('DERIVED_CARD_EXPIRED', `This PIV card expired on ${chuid.expirationDate}. A derived credential needs a valid card; issue a new card first.`, { expirationDate: chuid.expirationDate });
  }
  const der = parseCertificateObject(await session.getData(OBJECT_TAG.X509_PIV_AUTHENTICATION), 'PIV Authentication');
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(Buffer.from(der));
  } catch (e) {
    throw new StationError('PIV_CERTIFICATE_MALFORMED', 'The PIV Authentication certificate on the card cannot be read. The card cannot be used for a derived credential.', undefined, { cause: e });
  }
  const notBefore = new Date(cert.validFrom);
  const notAfter = new Date(cert.validTo);
  if (now < notBefore || now > notAfter) {
    throw new StationError('DERIVED_CERTIFICATE_NOT_VALID', `The card's PIV Authentication certificate is valid from ${notBefore.toISOString()} to ${notAfter.toISOString()}, not now. The card must be reissued first.`, { notBefore: notBefore.toISOString(), notAfter: notAfter.toISOString() });
  }
  const publicKey = cert.publicKey;
  const plan = planFor(publicKey);

  await session.verifyPin(pin); // InvalidPinError carries the tries left

  const challenge = random(CHALLENGE_BYTES);
  const body = encodeTlv(TAG.DYNAMIC_AUTH_TEMPLATE, concatBytes(encodeTlv(TAG.AUTH_RESPONSE), encodeTlv(TAG.AUTH_CHALLENGE, plan.block(challenge))));
  const res = await session.transceive({ cla: CLA.ISO, ins: INS.GENERAL_AUTHENTICATE, p1: plan.algorithm, p2: KEY_REF.PIV_AUTHENTICATION, data: body, le: 256 });
  const data = expectSuccess(res, 'GENERAL AUTHENTICATE 9A');
  const signature = requireTlv(decodeTlvs(unwrapTlv(data, TAG.DYNAMIC_AUTH_TEMPLATE)), TAG.AUTH_RESPONSE, 'signature').value;
  if (!plan.check(publicKey, challenge, signature)) {
    throw new StationError('DERIVED_CARD_KEY_MISMATCH', "The card's PIV Authentication key did not sign for the certificate stored on it. Do not issue a derived credential from this card; report it to the issuer.");
  }
  return {
    fascnHex: chuid.fascn.toHex(),
    guid: formatUuid(chuid.guid),
    chuidExpiration: chuid.expirationDate,
    certificate: { subject: cert.subject.replace(/\n/g, ', '), serialNumber: cert.serialNumber, notBefore: notBefore.toISOString(), notAfter: notAfter.toISOString(), sha256: toHex(new Uint8Array(createHash('sha256').update(der).digest())) },
    keyAlgorithm: plan.label,
  };
}
