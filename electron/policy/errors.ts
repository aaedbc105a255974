import { InvalidInputError, StationError } from '../common/errors';
import { FIELD_LABELS } from './model/model';

/** Optimistic concurrency: the save was based on a version someone else has since replaced. */
export class PolicyConflictError extends StationError {
  constructor(name: string, baseVersion: number, current: { version: number; createdBy: string; createdAt: string }) {
    const at = current.createdAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');
    super(
      'POLICY_CHANGED',
      `Policy '${name}' was changed by ${current.createdBy} at ${at} — reload to see version ${current.version}, then make your change again (you were editing version ${baseVersion}).`,
      { name, baseVersion, currentVersion: current.version, changedBy: current.createdBy, changedAt: current.createdAt },
    );
  }
}

export class PolicyNotFoundError extends InvalidInputError {
  constructor(name: string, known: string[]) {
    super('POLICY_NOT_FOUND', `There is no credential policy named '${name}'. Known policies: ${known.join(', ') || '(none)'}.`, { name });
  }
}

/** Invalid settings: one message per field in details.fieldErrors, the first few in the message. */
export class PolicyInvalidError extends InvalidInputError {
  constructor(fieldErrors: Record<string, string>, context = 'The policy') {
    const parts = Object.entries(fieldErrors).map(([f, m]) => `${FIELD_LABELS[f] ?? f}: ${m}`);
    super('POLICY_INVALID', `${context} has ${parts.length} invalid field${parts.length === 1 ? '' : 's'} — ${parts.join(' | ')}`, { fieldErrors });
  }
}
