import { z } from 'zod';
import { channel, empty } from '../define';

/** Operator roles as they cross IPC (same list as electron/operators/roles.ts; a unit test keeps them equal). */
export const OPERATOR_ROLES = ['enrollment_officer', 'badge_operator', 'system_manager'] as const;
export const roleSchema = z.enum(OPERATOR_ROLES);
export const ROLE_NAMES: Readonly<Record<(typeof OPERATOR_ROLES)[number], string>> = {
  enrollment_officer: 'Enrollment Officer',
  badge_operator: 'Badge Operator',
  system_manager: 'System Manager',
};

const SM = ['system_manager'] as const;
const name = z.string().min(1).max(64);
// Passwords cross IPC once, to main, and are never logged or echoed back.
const password = z.string().min(1).max(256);

export const signedInSchema = z.object({ name: z.string(), role: roleSchema });
export const operatorSummarySchema = z.object({
  name: z.string(),
  role: roleSchema,
  locked: z.boolean(),
  lockedUntil: z.string().nullable(),
  failedAttempts: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  lastSignInAt: z.string().nullable(),
});
export const securitySettingsSchema = z.object({
  sessionIdleMinutes: z.number().int(),
  lockoutThreshold: z.number().int(),
  lockoutMinutes: z.number().int(),
});

export const authChannels = {
  'auth.status': channel({
    request: empty,
    response: z.object({ firstRun: z.boolean(), operator: signedInSchema.nullable(), idleMinutes: z.number().int() }),
    access: 'public',
    summary: 'Whether the station needs first-run setup, and who is signed in on this window.',
  }),
  'auth.setup': channel({
    request: z.object({ name, password }).strict(),
    response: z.object({ operator: signedInSchema, idleMinutes: z.number().int() }),
    access: 'public',
    summary: 'First run only: create the first System Manager and sign in as them.',
  }),
  'auth.signIn': channel({
    request: z.object({ name, password }).strict(),
    response: z.object({ operator: signedInSchema, idleMinutes: z.number().int() }),
    access: 'public',
    summary: 'Sign in (lockout after repeated failures).',
  }),
  'auth.signOut': channel({ request: z.object({ reason: z.enum(['user', 'idle']).optional() }).strict(), response: empty, access: 'public', summary: 'Sign out of this window.' }),
  'operators.list': channel({ request: empty, response: z.object({ operators: z.array(operatorSummarySchema) }), access: SM, summary: 'Operator accounts (never a password hash).' }),
  'operators.add': channel({
    request: z.object({ name, role: roleSchema, password }).strict(),
    response: z.object({ operator: operatorSummarySchema }),
    access: SM,
    summary: 'Create an operator account.',
  }),
  'operators.unlock': channel({ request: z.object({ name }).strict(), response: z.object({ operator: operatorSummarySchema }), access: SM, summary: 'Unlock an account locked after failed sign-ins.' }),
  'settings.security.get': channel({ request: empty, response: securitySettingsSchema, access: 'signedIn', summary: 'Idle sign-out and lockout settings.' }),
  'settings.security.set': channel({ request: securitySettingsSchema.partial().strict(), response: securitySettingsSchema, access: SM, summary: 'Change idle sign-out and lockout settings.' }),
} as const;
