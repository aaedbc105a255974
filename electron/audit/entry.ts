import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** The hash the first entry chains to. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  seq: number;
  /** ISO 8601 UTC. */
  time: string;
  /** Operator name, or a system actor in parentheses, e.g. "(station)". */
  actor: string;
  /** Dotted verb, e.g. "policy.save", "operator.sign_in_failed". */
  action: string;
  /** What the action was about, e.g. the policy or operator name. */
  subject: string;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/**
 * The hash of an entry: SHA-256 over the canonical JSON array
 * `[seq, time, actor, action, subject, details (canonical JSON text), prevHash]`. A fixed-order array of
 * JSON strings is unambiguous (no field can bleed into its neighbour), and the details are hashed as the
 * exact canonical text stored in the row.
 */
export function entryHash(e: { seq: number; time: string; actor: string; action: string; subject: string; detailsText: string; prevHash: string }): string {
  const encoded = canonicalJson([e.seq, e.time, e.actor, e.action, e.subject, e.detailsText, e.prevHash]);
  return createHash('sha256').update(encoded, 'utf8').digest('hex');
}
