import { z } from 'zod';
import { channel, empty } from '../define';

const SM = ['system_manager'] as const;

export const auditFilterSchema = z
  .object({
    from: z.string().max(40).optional(),
    to: z.string().max(40).optional(),
    actor: z.string().max(64).optional(),
    action: z.string().max(80).optional(),
    text: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
    offset: z.number().int().min(0).optional(),
  })
  .strict();

export const auditEntrySchema = z.object({
  seq: z.number().int(),
  time: z.string(),
  actor: z.string(),
  action: z.string(),
  subject: z.string(),
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntryDto = z.infer<typeof auditEntrySchema>;

export const auditChannels = {
  'audit.query': channel({ request: auditFilterSchema, response: z.object({ entries: z.array(auditEntrySchema), total: z.number().int() }), access: SM, summary: 'Journal entries, newest first, filtered.' }),
  'audit.verify': channel({
    request: empty,
    response: z.object({ ok: z.boolean(), entries: z.number().int(), headHash: z.string().optional(), firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).optional() }),
    access: SM,
    summary: 'Check the hash chain; names the first broken link.',
  }),
  'audit.exportCsv': channel({
    request: auditFilterSchema.omit({ limit: true, offset: true }),
    response: z.object({ fileName: z.string(), csv: z.string(), count: z.number().int() }),
    access: SM,
    summary: 'The filtered journal as CSV.',
  }),
} as const;
