import { z } from 'zod';
import { channel, empty } from '../define';
import { cardProfileSchema, deviceIssuanceInputSchema, deviceIssuanceSchema, fieldChangeSchema, policyVersionSchema } from '../../policy/model/schema';

// The renderer may import only electron/ipc: the pure policy model and validators reach it through here.
export { validateDeviceIssuance, type DeviceIssuanceInput, type ValidationResult } from '../../policy/model/validators';
export { REPLACEMENT_REASONS, REPLACEMENT_REASON_LABELS, FIELD_LABELS, type DeviceIssuance, type ReplacementReason } from '../../policy/model/model';
export { KEY_SLOTS, type CardProfile } from '../../policy/model/card-profiles';

const SM = ['system_manager'] as const;
const policyName = z.string().min(1).max(200);
const source = z.enum(['seed', 'edit', 'revert', 'import']);

export const policySummarySchema = z.object({
  name: z.string(),
  credentialType: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  source,
});
export const policyDetailSchema = policySummarySchema.extend({ credentialTypeDescription: z.string(), deviceIssuance: deviceIssuanceSchema });
const changeResult = z.object({ policy: policyDetailSchema, changes: z.array(fieldChangeSchema) });
export const importPreviewSchema = z.object({
  name: z.string(),
  credentialType: z.string(),
  bundleVersion: z.number().int(),
  exportedAt: z.string(),
  exportedBy: z.string(),
  signer: z.object({ fingerprint: z.string(), label: z.string(), own: z.boolean() }),
  exists: z.boolean(),
  currentVersion: z.number().int().nullable(),
  changes: z.array(fieldChangeSchema),
});
// A bundle file is small JSON; 256 KiB leaves ample room and bounds what main parses.
const bundleContent = z.string().min(1).max(256 * 1024);

export const policyChannels = {
  'policy.list': channel({ request: empty, response: z.object({ policies: z.array(policySummarySchema) }), access: 'signedIn', summary: 'Credential types and their policies, with the version in force.' }),
  'policy.running': channel({ request: empty, response: z.object({ policies: z.array(policySummarySchema) }), access: 'signedIn', summary: 'The policy versions this station issues by right now.' }),
  'policy.get': channel({
    request: z.object({ name: policyName }).strict(),
    response: z.object({ policy: policyDetailSchema, cardProfiles: z.array(cardProfileSchema), canEdit: z.boolean() }),
    access: 'signedIn',
    summary: 'One policy with the card profiles its fields may name.',
  }),
  'policy.save': channel({
    request: z.object({ name: policyName, baseVersion: z.number().int().positive(), deviceIssuance: deviceIssuanceInputSchema, note: z.string().max(500).optional() }).strict(),
    response: changeResult,
    access: SM,
    summary: 'Save the Device Issuance section as a new version (refused if someone saved since baseVersion).',
  }),
  'policy.history': channel({ request: z.object({ name: policyName }).strict(), response: z.object({ versions: z.array(policyVersionSchema) }), access: 'signedIn', summary: 'Every saved version, newest first.' }),
  'policy.revert': channel({
    request: z.object({ name: policyName, toVersion: z.number().int().positive(), baseVersion: z.number().int().positive() }).strict(),
    response: changeResult,
    access: SM,
    summary: "Make an old version's settings the new current version.",
  }),
  'policy.export': channel({ request: z.object({ name: policyName }).strict(), response: z.object({ fileName: z.string(), content: z.string() }), access: SM, summary: 'A signed JSON bundle of the current version.' }),
  'policy.previewImport': channel({ request: z.object({ content: bundleContent }).strict(), response: importPreviewSchema, access: SM, summary: 'Verify a bundle and show what it would change.' }),
  'policy.applyImport': channel({
    request: z.object({ content: bundleContent, baseVersion: z.number().int().positive().nullable() }).strict(),
    response: changeResult.extend({ created: z.boolean() }),
    access: SM,
    summary: 'Apply a verified bundle as a new version.',
  }),
  'policy.signers': channel({
    request: empty,
    response: z.object({
      /** Null when this station's key cannot be made or opened here; `stationKeyProblem` says why. */
      station: z.object({ fingerprint: z.string(), label: z.string(), publicKey: z.string() }).nullable(),
      stationKeyProblem: z.string().optional(),
      trusted: z.array(z.object({ fingerprint: z.string(), label: z.string(), own: z.boolean(), addedAt: z.string(), addedBy: z.string() })),
    }),
    access: SM,
    summary: "This station's policy-signing public key and the signers it trusts.",
  }),
  'policy.trustSigner': channel({
    request: z.object({ publicKey: z.string().min(1).max(4000), label: z.string().max(200) }).strict(),
    response: z.object({ fingerprint: z.string() }),
    access: SM,
    summary: "Trust another station's policy-signing key.",
  }),
} as const;

export type PolicyDetailDto = z.infer<typeof policyDetailSchema>;
export type ImportPreviewDto = z.infer<typeof importPreviewSchema>;
export type DeviceIssuanceInputDto = z.infer<typeof deviceIssuanceInputSchema>;
