import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { z } from 'zod';
import { InvalidInputError } from '../common/errors';
import { canonicalJson } from '../audit/canonical-json';
import { deviceIssuanceInputSchema } from './model/schema';

/**
 * Signed policy bundles for fleet distribution. The signature is ECDSA P-256 / SHA-256 (DER) over the
 * canonical JSON of the bundle without its `signature` member, so whitespace or key order added by
 * a mail client or editor does not break it, while any change of a value does.
 */
export const BUNDLE_FORMAT = 'issuance-station/policy-bundle';
export const BUNDLE_FORMAT_VERSION = 1;

export const bundleSchema = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    formatVersion: z.literal(BUNDLE_FORMAT_VERSION),
    exportedAt: z.string(),
    exportedBy: z.string(),
    policy: z
      .object({
        name: z.string().min(1).max(200),
        credentialType: z.string().min(1).max(200),
        version: z.number().int().positive(),
        deviceIssuance: deviceIssuanceInputSchema,
      })
      .strict(),
    signer: z.object({ fingerprint: z.string().regex(/^[0-9a-f]{64}$/), label: z.string().max(200), publicKey: z.string().max(4000) }).strict(),
    signature: z.string().max(400),
  })
  .strict();
export type PolicyBundle = z.infer<typeof bundleSchema>;
export type UnsignedBundle = Omit<PolicyBundle, 'signature'>;

export interface SigningKey {
  fingerprint: string;
  /** SPKI PEM. */
  publicKey: string;
  /** PKCS#8 PEM. */
  privateKey: string;
}

/** SHA-256 of the SPKI DER: a stable name for a public key. */
export function keyFingerprint(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex');
}

export function generateSigningKey(): SigningKey {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pub = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { fingerprint: keyFingerprint(pub), publicKey: pub, privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

/** Checks a pasted public key: must be an EC P-256 SPKI PEM. Returns it normalized. */
export function parseSignerPublicKey(pem: string): string {
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') throw new Error('not P-256');
    return key.export({ type: 'spki', format: 'pem' }).toString();
  } catch {
    throw new InvalidInputError('SIGNER_KEY_INVALID', 'That is not an ECDSA P-256 public key in PEM form (-----BEGIN PUBLIC KEY-----). Export it with `station policy signer` on the signing station.');
  }
}

export function signBundle(unsigned: UnsignedBundle, privateKeyPem: string): PolicyBundle {
  const signature = sign('sha256', Buffer.from(canonicalJson(unsigned), 'utf8'), createPrivateKey(privateKeyPem)).toString('base64');
  return { ...unsigned, signature };
}

/** Parses bundle text; a malformed file is an input error with the reason. */
export function parseBundle(text: string): PolicyBundle {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new InvalidInputError('POLICY_BUNDLE_MALFORMED', 'The file is not a policy bundle: it is not valid JSON.');
  }
  const parsed = bundleSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new InvalidInputError('POLICY_BUNDLE_MALFORMED', `The file is not a valid policy bundle: ${first.path.join('.') || '(top level)'}: ${first.message}.`, { path: first.path.join('.') });
  }
  return parsed.data;
}

/**
 * Verifies the signature against a key this station trusts (looked up by fingerprint — the key inside
 * the bundle is never trusted by itself). Throws POLICY_BUNDLE_BAD_SIGNATURE with the reason.
 */
export function verifyBundle(bundle: PolicyBundle, trustedPublicKey: (fingerprint: string) => string | undefined): void {
  const bad = (reason: string) => new InvalidInputError('POLICY_BUNDLE_BAD_SIGNATURE', `The policy bundle was refused: ${reason}`, { signer: bundle.signer.fingerprint });
  const trusted = trustedPublicKey(bundle.signer.fingerprint);
  if (!trusted) throw bad(`it is signed by ${bundle.signer.label} (key ${bundle.signer.fingerprint.slice(0, 16)}…), which this station does not trust. Add that station's public key as a trusted signer first.`);
  const { signature, ...unsigned } = bundle;
  let ok: boolean;
  try {
    ok = verify('sha256', Buffer.from(canonicalJson(unsigned), 'utf8'), createPublicKey(trusted), Buffer.from(signature, 'base64'));
  } catch {
    ok = false;
  }
  if (!ok) throw bad('the signature does not verify (the file was changed after it was signed, or it is damaged). Ask for a fresh export.');
}
