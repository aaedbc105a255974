/**
 * One enrollment record as the import file gives it (issue 7 §2). Value sets follow the TIG (piv-
 * reference §1.3): OC 1–4, POA 1–7; the person identifier is the FASC-N's 10 digits.
 */
import { z } from 'zod';
import { FINGER_POSITION_MAX } from '../biometrics/templates/constants';

const digits = (n: number, what: string) => z.string().length(n, `${what} must be exactly ${n} digits`).regex(/^[0-9]+$/, `${what} must be exactly ${n} digits`);

const position = z.number().int().min(1, 'finger position is 1–10 (1 = right thumb)').max(FINGER_POSITION_MAX, 'finger position is 1–10 (1 = right thumb)');

const fromImage = z.object({
  position,
  image: z.string().min(1),
  dpi: z.number().int().min(250).max(1000).optional(),
}).strict();
const fromTemplate = z.object({
  position,
  template: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'template must be base64'),
}).strict();

export const enrollmentRecordSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'id is 1–64 letters, digits, dot, dash or underscore'),
    givenName: z.string().trim().min(1).max(60),
    surname: z.string().trim().min(1).max(60),
    personIdentifier: digits(10, 'personIdentifier'),
    organizationalCategory: z.enum(['1', '2', '3', '4'], { message: 'organizationalCategory is 1 federal, 2 state, 3 commercial or 4 foreign government' }),
    organizationalIdentifier: digits(4, 'organizationalIdentifier'),
    poaCategory: z.enum(['1', '2', '3', '4', '5', '6', '7'], { message: 'poaCategory is 1–7 (1 employee … 7 organizational beneficiary)' }),
    /** FASC-N Credential Series and first Individual Credential Issue (TIG recommends 1 for both). */
    credentialSeries: digits(1, 'credentialSeries').optional(),
    individualCredentialIssue: digits(1, 'individualCredentialIssue').optional(),
    credentialType: z.string().min(1).optional(),
    fingerprints: z.array(z.union([fromImage, fromTemplate])).min(1, 'at least one fingerprint is needed').max(10),
    photo: z.string().min(1).optional(),
    capturedAt: z.iso.datetime().optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const seen = new Set<number>();
    for (const f of r.fingerprints) {
      if (seen.has(f.position)) ctx.addIssue({ code: 'custom', message: `finger position ${f.position} appears twice`, path: ['fingerprints'] });
      seen.add(f.position);
    }
  });

export type EnrollmentRecord = z.infer<typeof enrollmentRecordSchema>;

/** Accepts numbers for the one-digit categories too (JSON writers often emit 1 instead of "1"). */
export function normalizeRecord(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const r = { ...(raw as Record<string, unknown>) };
  for (const k of ['organizationalCategory', 'poaCategory']) if (typeof r[k] === 'number') r[k] = String(r[k]);
  return r;
}
