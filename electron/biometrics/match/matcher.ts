/**
 * The 1:1 matcher the issuance workflow calls: a decision with its score, threshold and both
 * qualities. With two enrolled fingers the better of the two comparisons decides (best-of-two).
 */
import type { FingerprintFeatures } from '../types';
import { InvalidInputError } from '../../common/errors';
import { DEFAULT_THRESHOLD } from '../parameters';
import { compareTemplates } from './compare';
import { prepareTemplate, type MatchTemplate } from './template';

export interface MatchResult {
  /** Similarity 0..100; higher is more alike. */
  readonly score: number;
  readonly threshold: number;
  readonly match: boolean;
  /** 0..100 quality of the probe and of the (best) candidate print. */
  readonly probeQuality: number;
  readonly candidateQuality: number;
}

type Side = FingerprintFeatures | MatchTemplate;

const isPrepared = (s: Side): s is MatchTemplate => (s as MatchTemplate).edgeStart !== undefined;
const prepared = (s: Side): MatchTemplate => (isPrepared(s) ? s : prepareTemplate(s));

/** Similarity of probe and candidate (growing from the candidate side too gave the same rates on the development sets at twice the cost). */
export function similarity(probe: Side, candidate: Side): number {
  const p = prepared(probe), c = prepared(candidate);
  return compareTemplates(p, c);
}

export function verify(probe: Side, candidate: Side, threshold = DEFAULT_THRESHOLD): MatchResult {
  const p = prepared(probe), c = prepared(candidate);
  const score = round2(similarity(p, c));
  return { score, threshold, match: score >= threshold, probeQuality: p.quality, candidateQuality: c.quality };
}

/** Best-of-two (or best-of-n): the probe against each enrolled finger; the highest score decides. */
export function verifyAny(probe: Side, enrolled: readonly Side[], threshold = DEFAULT_THRESHOLD): MatchResult {
  if (enrolled.length === 0) {
    throw new InvalidInputError('MATCH_NO_ENROLLMENT', 'There is no enrolled fingerprint to compare with. Enrol at least one finger first.');
  }
  const p = prepared(probe);
  let best: MatchResult | undefined;
  for (const e of enrolled) {
    const r = verify(p, e, threshold);
    if (!best || r.score > best.score) best = r;
  }
  return best!;
}

const round2 = (v: number) => Math.round(v * 100) / 100;
