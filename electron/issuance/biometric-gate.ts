/**
 * The release gate before a number is reserved (F201 §2.8, §2.9.1). When the policy asks for it, a
 * live finger is compared 1:1 with the applicant's enrolled fingerprints: up to 3 attempts per finger,
 * then that finger is locked; when every enrolled finger is locked the gate is locked. A probe that does
 * not name its finger is compared with every enrolled finger and counts as an attempt on all of them.
 * Two ways past a locked gate, both attributable and journalled by the caller: the FIPS 201-3 fallback
 * (two identity source documents + comparison with the enrolment photo, attested by the operator) or a
 * System Manager override with a reason. When the policy does not ask for fingerprints, the documented
 * fallback attestation is required instead (piv-reference §4 last paragraph).
 */
import { InvalidInputError, StationError } from '../common/errors';
import { verify, type MatchResult } from '../biometrics/match';
import type { FingerprintFeatures } from '../biometrics/types';

export const MAX_ATTEMPTS_PER_FINGER = 3;
export const MIN_OVERRIDE_REASON = 10;

export type GateMode = 'fingerprint' | 'attestation';
export type GateState = 'open' | 'passed' | 'locked';
export type PassedBy = 'fingerprint' | 'attestation' | 'override';

export interface EnrolledFinger {
  position: number;
  features: FingerprintFeatures;
}

export interface GateAttempt {
  match: boolean;
  score: number;
  threshold: number;
  /** The finger the probe matched best (or was compared with). */
  position: number;
  attemptsLeft: Record<number, number>;
  state: GateState;
}

export interface Attestation {
  /** Two identity source documents the operator inspected (FIPS 201-3 §2.7 list), by name. */
  documents: [string, string];
  /** The operator compared the person with the enrolment photo and the document photos. */
  photoCompared: boolean;
}

export interface GateSnapshot {
  mode: GateMode;
  state: GateState;
  passedBy?: PassedBy;
  attemptsLeft: Record<number, number>;
  positions: number[];
}

export class BiometricGate {
  private readonly left = new Map<number, number>();
  private state: GateState = 'open';
  private passedBy?: PassedBy;

  constructor(
    readonly mode: GateMode,
    private readonly enrolled: readonly EnrolledFinger[],
    private readonly threshold?: number,
  ) {
    if (mode === 'fingerprint' && enrolled.length === 0) this.state = 'locked'; // nothing to compare with: fallback only
    for (const f of enrolled) this.left.set(f.position, MAX_ATTEMPTS_PER_FINGER);
  }

  snapshot(): GateSnapshot {
    return { mode: this.mode, state: this.state, ...(this.passedBy ? { passedBy: this.passedBy } : {}), attemptsLeft: Object.fromEntries(this.left), positions: this.enrolled.map((f) => f.position) };
  }

  get passed(): boolean {
    return this.state === 'passed';
  }

  attempt(probe: FingerprintFeatures, position?: number): GateAttempt {
    if (this.mode !== 'fingerprint') throw new StationError('GATE_NO_FINGERPRINT', 'This policy does not verify fingerprints; record the document and photo check instead.');
    if (this.state === 'passed') throw new StationError('GATE_ALREADY_PASSED', 'The applicant is already verified.');
    if (this.state === 'locked') throw new StationError('GATE_LOCKED', 'Fingerprint verification is locked after 3 failed attempts per finger. Use the document and photo check, or ask a System Manager to override.');
    let targets = this.enrolled.filter((f) => (this.left.get(f.position) ?? 0) > 0);
    if (position !== undefined) {
      targets = targets.filter((f) => f.position === position);
      if (targets.length === 0) {
        const known = this.enrolled.some((f) => f.position === position);
        throw new InvalidInputError('GATE_FINGER_UNAVAILABLE', known ? `Finger ${position} is locked after ${MAX_ATTEMPTS_PER_FINGER} failed attempts; use another enrolled finger.` : `Finger ${position} is not enrolled; use one of ${this.enrolled.map((f) => f.position).join(', ')}.`, { position });
      }
    }
    let best: MatchResult & { position: number } = { ...verify(probe, targets[0]!.features, this.threshold), position: targets[0]!.position };
    for (const f of targets.slice(1)) {
      const r = verify(probe, f.features, this.threshold);
      if (r.score > best.score) best = { ...r, position: f.position };
    }
    if (best.match) {
      this.state = 'passed';
      this.passedBy = 'fingerprint';
    } else {
      for (const f of targets) this.left.set(f.position, Math.max(0, (this.left.get(f.position) ?? 0) - 1));
      if ([...this.left.values()].every((n) => n === 0)) this.state = 'locked';
    }
    return { match: best.match, score: best.score, threshold: best.threshold, position: best.position, attemptsLeft: Object.fromEntries(this.left), state: this.state };
  }

  /** The FIPS 201-3 fallback: allowed when the policy asks for it or the fingerprint gate is locked. */
  attest(a: Attestation): void {
    if (this.state === 'passed') throw new StationError('GATE_ALREADY_PASSED', 'The applicant is already verified.');
    if (this.mode === 'fingerprint' && this.state !== 'locked') {
      throw new StationError('GATE_FALLBACK_NOT_YET', 'Try the fingerprint first; the document and photo check is the fallback once verification is locked.');
    }
    const docs = (a.documents ?? []).map((d) => (typeof d === 'string' ? d.trim() : ''));
    if (docs.length !== 2 || docs.some((d) => d.length < 2) || docs[0]!.toLowerCase() === docs[1]!.toLowerCase()) {
      throw new InvalidInputError('ATTESTATION_DOCUMENTS', 'Name two different identity source documents you inspected (for example "passport" and "driver license").');
    }
    if (a.photoCompared !== true) throw new InvalidInputError('ATTESTATION_PHOTO', 'Confirm you compared the applicant with the enrolment photo and the document photos.');
    this.state = 'passed';
    this.passedBy = 'attestation';
  }

  /** System Manager override with a reason; only once fingerprint verification is locked. */
  override(reason: string): void {
    if (this.state === 'passed') throw new StationError('GATE_ALREADY_PASSED', 'The applicant is already verified.');
    if (this.mode !== 'fingerprint' || this.state !== 'locked') throw new StationError('GATE_OVERRIDE_NOT_ALLOWED', 'An override is only for a locked fingerprint verification.');
    if (typeof reason !== 'string' || reason.trim().length < MIN_OVERRIDE_REASON) {
      throw new InvalidInputError('OVERRIDE_REASON', `Give the reason for the override in at least ${MIN_OVERRIDE_REASON} characters; it goes into the audit journal.`);
    }
    this.state = 'passed';
    this.passedBy = 'override';
  }
}

