/** Operator roles. Only the System Manager administers operators and policy. */
export const ROLES = ['enrollment_officer', 'badge_operator', 'system_manager'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  enrollment_officer: 'Enrollment Officer',
  badge_operator: 'Badge Operator',
  system_manager: 'System Manager',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** The identity every service receives for "who is doing this" (from a session or the CLI helper). */
export interface Actor {
  id: number;
  name: string;
  role: Role;
}
