/**
 * Channels for the issuance wizard, applicants and station keys (issue 7). Declared here; the lead
 * spreads `issuanceChannels` into the contract and `issuanceProgressSchema` into events as
 * 'issuance.progress', with handlers calling ApplicantService / IssuanceService / StationKeys.
 * The live fingerprint comes from the scanner capture session in main, never from the renderer: the
 * fingerprint channel names the run and finger, the handler takes the session's last capture.
 */
import { z } from 'zod';
import { channel, empty } from '../define';

const ISSUERS = ['badge_operator', 'system_manager'] as const;
const READERS = ['enrollment_officer', 'badge_operator', 'system_manager'] as const;
const runId = z.string().uuid();
const position = z.number().int().min(1).max(10);
const reason = z.enum(['forgotten', 'damaged', 'expired', 'lost', 'stolen']);

export const applicantSummarySchema = z.object({
  id: z.string(),
  givenName: z.string(),
  surname: z.string(),
  personIdentifier: z.string(),
  organizationalCategory: z.string(),
  organizationalIdentifier: z.string(),
  poaCategory: z.string(),
  credentialType: z.string().nullable(),
  fingerprints: z.array(z.object({ position: z.number(), quality: z.number(), minutiae: z.number(), origin: z.enum(['image', 'template']) })),
  hasPhoto: z.boolean(),
  status: z.enum(['enrolled', 'issued', 'card-inactive']),
  currentCard: z.object({ credentialNumber: z.string(), fascnHex: z.string(), guid: z.string(), expirationDate: z.string(), status: z.string(), temporary: z.boolean() }).nullable(),
  importedAt: z.string(),
});

export const gateSnapshotSchema = z.object({
  mode: z.enum(['fingerprint', 'attestation']),
  state: z.enum(['open', 'passed', 'locked']),
  passedBy: z.enum(['fingerprint', 'attestation', 'override']).optional(),
  attemptsLeft: z.record(z.string(), z.number()),
  positions: z.array(z.number()),
});

export const replacementPreviewSchema = z.object({
  reason,
  reasonLabel: z.string(),
  oldCardAction: z.enum(['revoke', 'supersede', 'keep-active']),
  oldCardStatus: z.enum(['revoked', 'superseded', 'active']),
  temporary: z.boolean(),
  newIci: z.string(),
  summary: z.array(z.string()),
  oldCredentialNumber: z.string(),
  allowedProfiles: z.array(z.string()),
});

export const precheckSchema = z.object({
  reader: z.string(),
  atr: z.string(),
  serial: z.number().optional(),
  blank: z.boolean(),
  chuid: z.object({ fascnHex: z.string(), guid: z.string(), expirationDate: z.string() }).optional(),
  key: z.object({ kind: z.enum(['factory', 'diversified']), algorithm: z.number() }).loose(),
});

export const runViewSchema = z.object({
  runId,
  applicantId: z.string(),
  reader: z.string(),
  policy: z.object({ name: z.string(), version: z.number(), verifyApplicantFingerprint: z.boolean(), cardValidityYears: z.number(), agencyCode: z.string(), systemCode: z.string() }),
  cardProfile: z.string(),
  replacement: replacementPreviewSchema.optional(),
  precheck: precheckSchema.optional(),
  gate: gateSnapshotSchema,
  steps: z.array(z.object({ step: z.string(), label: z.string() })),
  state: z.enum(['open', 'issuing', 'issued', 'failed', 'cancelled']),
});

export const issuanceResultSchema = z.object({
  credentialNumber: z.string(),
  fascnHex: z.string(),
  fascn: z.string(),
  guid: z.string(),
  expirationDate: z.string(),
  reader: z.string(),
  cardProfile: z.string(),
  replacement: z.object({ reason: z.string(), oldCredentialNumber: z.string(), oldCardStatus: z.string(), temporary: z.boolean() }).optional(),
});

/** Pushed as 'issuance.progress' for the step list and progress bar. */
export const issuanceProgressSchema = z.object({
  runId,
  step: z.string(),
  label: z.string(),
  state: z.enum(['running', 'done', 'failed', 'skipped']),
  index: z.number().int(),
  total: z.number().int(),
  note: z.string().optional(),
});

export const issuanceChannels = {
  'applicants.list': channel({ request: z.object({ text: z.string().max(100).optional(), limit: z.number().int().min(1).max(1000).optional(), offset: z.number().int().min(0).optional() }).strict(), response: z.object({ applicants: z.array(applicantSummarySchema), total: z.number() }), access: READERS, summary: 'List or search applicants with status and current card.' }),
  'applicants.get': channel({ request: z.object({ id: z.string().min(1) }).strict(), response: applicantSummarySchema, access: READERS, summary: 'One applicant with status and current card.' }),
  'applicants.import': channel({ request: z.object({ path: z.string().min(1) }).strict(), response: z.object({ imported: z.number(), ids: z.array(z.string()) }), access: ['enrollment_officer', 'system_manager'], summary: 'Import an enrollment-record JSON file chosen in a main-process file dialog (all or nothing).' }),
  'issuance.begin': channel({ request: z.object({ applicantId: z.string().min(1), reader: z.string().min(1), replace: z.object({ reason: reason.optional(), cardProfile: z.string().optional() }).strict().optional() }).strict(), response: runViewSchema, access: ISSUERS, summary: 'Open an issuance (or replacement): policy, card profile, step list, replacement preview.' }),
  'issuance.get': channel({ request: z.object({ runId }).strict(), response: runViewSchema, access: ISSUERS, summary: 'Current state of an open issuance.' }),
  'issuance.precheck': channel({ request: z.object({ runId }).strict(), response: precheckSchema, access: ISSUERS, summary: 'Check the inserted card (PIV answers, blank or ours, management key works); nothing is written.' }),
  'issuance.fingerprint': channel({ request: z.object({ runId, position: position.optional() }).strict(), response: z.object({ match: z.boolean(), score: z.number(), threshold: z.number(), position: z.number(), attemptsLeft: z.record(z.string(), z.number()), state: z.enum(['open', 'passed', 'locked']) }), access: ISSUERS, summary: "Compare the scanner session's last capture 1:1 with the enrolled finger(s)." }),
  'issuance.attest': channel({ request: z.object({ runId, documents: z.tuple([z.string().min(2).max(80), z.string().min(2).max(80)]), photoCompared: z.literal(true) }).strict(), response: gateSnapshotSchema, access: ISSUERS, summary: 'FIPS 201-3 fallback: two identity documents and the photo comparison, attested by the operator.' }),
  'issuance.override': channel({ request: z.object({ runId, reason: z.string().min(10).max(500) }).strict(), response: gateSnapshotSchema, access: ['system_manager'], summary: 'System Manager override of a locked fingerprint verification, with a reason.' }),
  'issuance.previewReplacement': channel({ request: z.object({ applicantId: z.string().min(1), reason: reason.optional() }).strict(), response: replacementPreviewSchema, access: ISSUERS, summary: 'What a replacement will do to the old card, before confirming.' }),
  'issuance.issue': channel({ request: z.object({ runId, pin: z.string().regex(/^[0-9]{6,8}$/) }).strict(), response: issuanceResultSchema, access: ISSUERS, summary: "Write, verify and record the card; the PIN comes from the applicant-facing step and is never echoed." }),
  'issuance.cancel': channel({ request: z.object({ runId }).strict(), response: empty, access: ISSUERS, summary: 'Cancel; takes effect between steps (a reserved number is marked failed).' }),
  'keys.status': channel({ request: empty, response: z.object({ contentSigner: z.object({ subject: z.string(), notBefore: z.string(), notAfter: z.string(), fingerprint: z.string(), testIssuer: z.boolean(), protector: z.string() }).nullable(), masterKey: z.boolean() }), access: ['system_manager'], summary: 'Content signer (TEST or imported) and master key presence.' }),
} as const;
