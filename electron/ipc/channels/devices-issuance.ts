import { z } from 'zod';
import { channel, empty } from '../define';

/**
 * Issuing the policy's Permitted Device Types (FIDO keys, OTP, derived PIV credentials). The FIDO and
 * card PINs cross once, in the request that uses them, and are never logged (the dispatcher logs only
 * schema issue paths). The otpauth URI never crosses: only its QR code, once. The activation code
 * crosses once, in the reply that issued it.
 */
const ISSUERS = ['badge_operator', 'system_manager'] as const;
const applicantId = z.string().min(1).max(100);

export const devicePermissionsSchema = z.object({
  applicantId: z.string(),
  applicantName: z.string(),
  credentialType: z.string(),
  policy: z.string(),
  policyVersion: z.number().int(),
  permitted: z.object({ fido: z.boolean(), otp: z.boolean(), derived: z.boolean() }),
});

export const fidoCoachingSchema = z.object({
  applicantId: z.string(),
  step: z.enum(['connecting', 'replug', 'touch-to-reset', 'reset-done', 'setting-pin', 'touch-to-attest', 'setting-pin-policy', 'pin-policy-unsupported', 'recording', 'done']),
  attempt: z.number().int().optional(),
  /** Training: the virtual key is waiting for the operator to press "touch". */
  virtual: z.boolean(),
});

const fidoKeySchema = z.object({
  id: z.string(),
  issuedAt: z.string(),
  issuedBy: z.string(),
  aaguid: z.string(),
  product: z.string().nullable(),
  serial: z.string().nullable(),
  attestationSubject: z.string().nullable(),
  minPinLength: z.number().int().nullable(),
  forcePinChange: z.boolean(),
});
const otpCredentialSchema = z.object({
  id: z.string(),
  kind: z.enum(['authenticator-app', 'oath-token']),
  type: z.enum(['totp', 'hotp']),
  issuer: z.string(),
  account: z.string(),
  digits: z.number().int(),
  createdAt: z.string(),
  issuedBy: z.string(),
});
const activationSchema = z.object({
  id: z.string(),
  expiresAt: z.string(),
  issuedAt: z.string(),
  issuedBy: z.string(),
  state: z.enum(['pending', 'redeemed', 'expired', 'revoked']),
});

export const deviceIssuanceChannels = {
  'deviceIssuance.permissions': channel({
    request: z.object({ applicantId }).strict(),
    response: devicePermissionsSchema,
    access: ISSUERS,
    summary: "Which device types the applicant's credential policy permits right now.",
  }),
  'deviceIssuance.issued': channel({
    request: z.object({ applicantId }).strict(),
    response: z.object({ fido: z.array(fidoKeySchema), otp: z.array(otpCredentialSchema), derived: z.array(activationSchema) }),
    access: ISSUERS,
    summary: 'Devices already issued to the applicant (no secrets).',
  }),
  'deviceIssuance.fido.probe': channel({
    request: z.object({ applicantId }).strict(),
    response: z.object({ source: z.enum(['usb', 'virtual']), product: z.string().nullable(), minPinLength: z.number().int(), hasPin: z.boolean() }),
    access: ISSUERS,
    summary: 'The attached FIDO key (or the training key) and its minimum PIN length.',
  }),
  'deviceIssuance.fido.enroll': channel({
    request: z.object({ applicantId, pin: z.string().min(4).max(63), forcePinChange: z.boolean().optional() }).strict(),
    response: z.object({ key: fidoKeySchema, pinPolicyApplied: z.boolean() }),
    access: ISSUERS,
    summary: "Reset the key, set the applicant's PIN and record it (coaching arrives as deviceIssuance.fido.coaching events).",
  }),
  'deviceIssuance.fido.virtual': channel({
    request: z.object({ action: z.enum(['touch', 'replug']) }).strict(),
    response: z.object({ accepted: z.boolean() }),
    access: ISSUERS,
    summary: 'Training: touch or replug the virtual FIDO key.',
  }),
  'deviceIssuance.otp.start': channel({
    request: z.object({ applicantId, account: z.string().min(1).max(100), digits: z.union([z.literal(6), z.literal(8)]).optional() }).strict(),
    response: z.object({ enrollmentId: z.string(), qrSvg: z.string(), expiresAt: z.string(), digits: z.number().int() }),
    access: ISSUERS,
    summary: 'A fresh OTP secret as a QR code for the authenticator app (shown once).',
  }),
  'deviceIssuance.otp.confirm': channel({
    request: z.object({ enrollmentId: z.string().uuid(), code: z.string().min(1).max(10) }).strict(),
    response: otpCredentialSchema,
    access: ISSUERS,
    summary: 'Check the code the app shows; on success the credential is issued.',
  }),
  'deviceIssuance.otp.token': channel({
    request: z.object({ applicantId, account: z.string().min(1).max(100), type: z.enum(['totp', 'hotp']).optional(), digits: z.union([z.literal(6), z.literal(8)]).optional(), reader: z.string().max(200).optional() }).strict(),
    response: otpCredentialSchema.extend({ tokenDeviceId: z.string().optional(), source: z.enum(['reader', 'virtual']) }),
    access: ISSUERS,
    summary: "Write a fresh OATH credential into the token's YKOATH applet (checked against the station's code); the seed is sealed in the vault.",
  }),
  'deviceIssuance.otp.cancel': channel({ request: z.object({ enrollmentId: z.string().uuid() }).strict(), response: empty, access: ISSUERS, summary: 'Forget a shown QR code.' }),
  'deviceIssuance.derived.issue': channel({
    request: z.object({ applicantId, pin: z.string().min(6).max(8), reader: z.string().max(200).optional() }).strict(),
    response: z.object({ code: z.string(), activation: activationSchema }),
    access: ISSUERS,
    summary: "Check the applicant's PIV card (PIN + PIV Authentication key) and issue a one-time activation code (shown once).",
  }),
  'deviceIssuance.training': channel({
    request: empty,
    response: z.object({ virtualFidoKey: z.boolean() }),
    access: ISSUERS,
    summary: 'Whether this station simulates a FIDO key for training.',
  }),
} as const;

export type DevicePermissionsDto = z.infer<typeof devicePermissionsSchema>;
export type FidoCoachingDto = z.infer<typeof fidoCoachingSchema>;
