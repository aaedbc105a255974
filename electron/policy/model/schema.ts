import { z } from 'zod';
import { REPLACEMENT_REASONS } from './model';
import { DATA_OBJECTS, KEY_ALGORITHMS, KEY_SLOTS, MANAGEMENT_KEY_ALGORITHMS } from './card-profiles';

/**
 * Structural schemas (shape and size). The meaning of each field — host name, four digits, 1..6 years,
 * known profiles — is checked by `validateDeviceIssuance`, which gives one message per field.
 */
export const deviceIssuanceInputSchema = z
  .object({
    cmsServerKey: z.string().max(2048),
    cmsCardPolicy: z.string().max(200),
    cmsCardReplacementPolicy: z.array(z.string().max(200)).max(20),
    defaultReplacementReason: z.string().max(40),
    cardValidityYears: z.union([z.number(), z.string().max(20)]),
    fascn: z.object({ agencyCode: z.string().max(20), systemCode: z.string().max(20) }).strict(),
    verifyApplicantFingerprint: z.boolean(),
    permittedDeviceTypes: z.object({ otp: z.boolean(), fido: z.boolean(), derived: z.boolean() }).strict(),
  })
  .strict();

/** A stored, valid Device Issuance section. */
export const deviceIssuanceSchema = z
  .object({
    cmsServerKey: z.string().min(1),
    cmsCardPolicy: z.string().min(1),
    cmsCardReplacementPolicy: z.array(z.string().min(1)).min(1),
    defaultReplacementReason: z.enum(REPLACEMENT_REASONS),
    cardValidityYears: z.number().int().min(1).max(6),
    fascn: z.object({ agencyCode: z.string().regex(/^\d{4}$/), systemCode: z.string().regex(/^\d{4}$/) }).strict(),
    verifyApplicantFingerprint: z.boolean(),
    permittedDeviceTypes: z.object({ otp: z.boolean(), fido: z.boolean(), derived: z.boolean() }).strict(),
  })
  .strict();

export const cardProfileSchema = z
  .object({
    name: z.string().min(1).max(100),
    description: z.string().max(500),
    purpose: z.enum(['initial', 'replacement']),
    dataObjects: z.array(z.enum(DATA_OBJECTS)).min(1),
    managementKeyAlgorithm: z.enum(MANAGEMENT_KEY_ALGORITHMS),
    keySlots: z.array(z.object({ slot: z.enum(Object.keys(KEY_SLOTS) as [keyof typeof KEY_SLOTS, ...Array<keyof typeof KEY_SLOTS>]), algorithm: z.enum(KEY_ALGORITHMS) }).strict()),
  })
  .strict();

export const credentialPolicySchema = z.object({
  name: z.string(),
  credentialType: z.string(),
  version: z.number().int().positive(),
  deviceIssuance: deviceIssuanceSchema,
});

export const policyVersionSchema = z.object({
  version: z.number().int().positive(),
  createdAt: z.string(),
  createdBy: z.string(),
  source: z.enum(['seed', 'edit', 'revert', 'import']),
  note: z.string(),
  deviceIssuance: deviceIssuanceSchema,
});

export const fieldChangeSchema = z.object({ field: z.string(), label: z.string(), from: z.unknown(), to: z.unknown() });
