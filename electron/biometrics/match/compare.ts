/**
 * One probe/candidate comparison:
 *  1. roots: every probe edge looks up candidate edges of a similar shape in the candidate's hash;
 *     each agreement votes for the pair of owner minutiae; the most voted pairs, one per minutia on
 *     either side, become roots;
 *  2. pairing: from each root, pairs spread along matching edges (breadth first), so each new pair
 *     only has to agree with its neighbours — tolerant of skin distortion across the print;
 *  3. score: the best pairing is scored against how many minutiae each print has inside the other's
 *     area after alignment, so partial overlap is not punished as missing minutiae.
 * All working memory is one reusable scratch, so a comparison allocates nothing.
 */
import { MatchParams } from '../parameters';
import type { MatchTemplate } from './template';
import { ANGLE_MASK_BINS } from './angle-masks';
import { Alignment, alignPairing, lastMeasures, scorePairing } from './score';

const TWO_PI = 2 * Math.PI;

const angleDiff = (a: number, b: number): number => {
  const d = Math.abs(a - b);
  return d > Math.PI ? TWO_PI - d : d;
};

/** Index of the lowest set bit of a non-zero 32-bit mask. */
const lowestBit = (mask: number): number => 31 - Math.clz32(mask & -mask);

class Scratch {
  votes = new Uint16Array(0);
  covered = new Uint8Array(0);
  touched = new Int32Array(0);
  pairP = new Int32Array(0);
  pairC = new Int32Array(0);
  queueP = new Int32Array(0);
  queueC = new Int32Array(0);
  bestP = new Int32Array(0);
  bestC = new Int32Array(0);
  /** End (in `touched`) of each probe minutia's run of first votes. */
  segmentEnd = new Int32Array(0);
  rootIdx = new Int32Array(MatchParams.roots);
  rootVotes = new Int32Array(MatchParams.roots);
  /** Candidate minutia of each root (rootIdx % nC), so the one-to-one check needs no division. */
  rootCand = new Int32Array(MatchParams.roots);
  keptSupport = new Int32Array(MatchParams.scoredPairings);
  keptPairs = new Int32Array(MatchParams.scoredPairings);
  /** The kept pairings themselves (probe and candidate minutia of each pair). */
  keptP: Int32Array[] = [];
  keptC: Int32Array[] = [];
  /** Alignment of each scored pairing (phase 2), reused to consolidate the best. */
  aligned = Array.from({ length: MatchParams.scoredPairings }, () => new Alignment());
  /** Supporting edges of the latest growth (returned here to keep the hot path allocation-free). */
  support = 0;

  ensure(nP: number, nC: number): void {
    if (this.votes.length < nP * nC) {
      this.votes = new Uint16Array(nP * nC);
      this.covered = new Uint8Array(nP * nC);
    }
    // One spare slot: voting writes one entry past the list before it knows whether to keep it.
    if (this.touched.length < nP * nC + 1) this.touched = new Int32Array(nP * nC + 1);
    if (this.segmentEnd.length < nP) this.segmentEnd = new Int32Array(nP);
    const n = Math.max(nP, nC);
    if (this.pairP.length < n) {
      this.keptP = Array.from({ length: MatchParams.scoredPairings }, () => new Int32Array(n));
      this.keptC = Array.from({ length: MatchParams.scoredPairings }, () => new Int32Array(n));
      this.pairP = new Int32Array(n).fill(-1);
      this.pairC = new Int32Array(n).fill(-1);
      this.queueP = new Int32Array(n);
      this.queueC = new Int32Array(n);
      this.bestP = new Int32Array(n);
      this.bestC = new Int32Array(n);
    }
  }
}

const scratch = new Scratch();

function lengthTolerance(l: number): number {
  return MatchParams.lengthTolerance + MatchParams.lengthToleranceRelative * l;
}

/** Step 1: fill scratch.rootIdx with the most voted pairs (index p*nC + c); returns how many. */
function findRoots(P: MatchTemplate, C: MatchTemplate): number {
  const s = scratch;
  const nC = C.count;
  const votes = s.votes, touched = s.touched, segmentEnd = s.segmentEnd;
  const rootKey = P.rootKey, rootOwner = P.rootOwner;
  const hashStart = C.hashStart, hashOwner = C.hashOwner;
  let touchedCount = 0;
  // The voting edges come grouped by probe minutia (CSR order), so the pairs each probe minutia
  // votes for first are one run of `touched`; segmentEnd[k] closes the k-th run.
  let segments = 0;
  for (let r = 0; r < rootKey.length; r++) {
    if (r > 0 && rootOwner[r] !== rootOwner[r - 1]) segmentEnd[segments++] = touchedCount;
    const key = rootKey[r];
    const owner = rootOwner[r] * nC;
    // Sharing a hash bin is the vote: the bin (one to two tolerances wide) is filter enough for
    // ranking roots, and growth checks every edge exactly. Skipping the exact check here is faster
    // and gave equal or better rates on both development sets.
    for (let h = hashStart[key], end = hashStart[key + 1]; h < end; h++) {
      const idx = owner + hashOwner[h];
      const v = votes[idx];
      votes[idx] = v + 1;
      // Listed once, at its first vote, without a branch the CPU would mispredict: (v - 1) >>> 31 is 1 only for v = 0.
      touched[touchedCount] = idx;
      touchedCount += (v - 1) >>> 31;
    }
  }
  if (rootKey.length > 0) segmentEnd[segments++] = touchedCount;
  // Roots are one-to-one: each probe minutia offers only its most voted mate (ties: the first voted),
  // and each candidate minutia stays in the list with its most voted probe minutia only. A minutia
  // with many neighbours otherwise fills several slots with rival mates of which one at most is right,
  // and the roots of a small overlap, whose minutiae have few neighbours there to vote, fall off the
  // list. The R best by votes are kept (insertion into a short sorted list; ties keep the first).
  const R = MatchParams.roots;
  const rootVotes = s.rootVotes, rootIdx = s.rootIdx, rootCand = s.rootCand;
  let roots = 0;
  let floor = 0; // votes a pair must beat once the list is full
  for (let k = 0, t = 0; k < segments; k++) {
    let v = 0, idx = -1;
    for (const end = segmentEnd[k]; t < end; t++) {
      const i = touched[t];
      const vi = votes[i];
      votes[i] = 0;
      if (vi > v) { v = vi; idx = i; }
    }
    if (v <= floor) continue;
    const c = idx % nC;
    let same = 0;
    while (same < roots && rootCand[same] !== c) same++;
    if (same < roots) {
      if (rootVotes[same] >= v) continue;
      for (let q = same; q < roots - 1; q++) {
        rootVotes[q] = rootVotes[q + 1];
        rootIdx[q] = rootIdx[q + 1];
        rootCand[q] = rootCand[q + 1];
      }
      roots--;
      floor = 0;
    }
    let pos = roots < R ? roots++ : R - 1;
    while (pos > 0 && rootVotes[pos - 1] < v) {
      rootVotes[pos] = rootVotes[pos - 1];
      rootIdx[pos] = rootIdx[pos - 1];
      rootCand[pos] = rootCand[pos - 1];
      pos--;
    }
    rootVotes[pos] = v;
    rootIdx[pos] = idx;
    rootCand[pos] = c;
    if (roots === R) floor = rootVotes[R - 1];
  }
  return roots;
}

/** Step 2: breadth-first pairing from one root. Pairs are left in scratch.queueP/queueC[0..pairs). */
function grow(P: MatchTemplate, C: MatchTemplate, rootP: number, rootC: number): number {
  const s = scratch;
  const pairP = s.pairP, pairC = s.pairC, queueP = s.queueP, queueC = s.queueC;
  const pStart = P.edgeStart, pTo = P.edgeTo, pLength = P.edgeLength, pFrom = P.edgeFrom, pAt = P.edgeAt, pAngle = P.angle;
  const pFromBin = P.fromBin, pAtBin = P.atBin;
  const cStartOf = C.edgeStart, cTo = C.edgeTo, cLength = C.edgeLength, cFrom = C.edgeFrom, cAt = C.edgeAt, cAngle = C.angle;
  const fromMask = C.fromMask, atMask = C.atMask;
  const tolA = MatchParams.angleTolerance;
  const maxDrift = MatchParams.maxRotationDrift;
  const rootRotation = cAngle[rootC] - pAngle[rootP];
  pairP[rootP] = rootC;
  pairC[rootC] = rootP;
  queueP[0] = rootP;
  queueC[0] = rootC;
  let tail = 1;
  let support = 0;
  for (let head = 0; head < tail; head++) {
    const p = queueP[head], c = queueC[head];
    const cStart = cStartOf[c];
    const cMasks = c * ANGLE_MASK_BINS;
    for (let e = pStart[p], eEnd = pStart[p + 1]; e < eEnd; e++) {
      // c's edges that may have e's two directions (bit k: c's k-th edge); usually none.
      let mask = fromMask[cMasks + pFromBin[e]] & atMask[cMasks + pAtBin[e]];
      if (mask === 0) continue;
      const p2 = pTo[e];
      const lp = pLength[e], fp = pFrom[e], ap = pAt[e];
      const tolL = lengthTolerance(lp);
      const low = lp - tolL, high = lp + tolL;
      const mate = pairP[p2];
      if (mate >= 0) {
        // An already paired neighbour can only support: through c's one edge to its mate, if that
        // edge has the same shape.
        for (; mask !== 0; mask &= mask - 1) {
          const f = cStart + lowestBit(mask);
          if (cTo[f] !== mate) continue;
          const lc = cLength[f];
          if (lc >= low && lc <= high && angleDiff(cFrom[f], fp) <= tolA && angleDiff(cAt[f], ap) <= tolA) support++;
          break;
        }
        continue;
      }
      let best = -1;
      let bestErr = Infinity;
      for (; mask !== 0; mask &= mask - 1) {
        // Edges are sorted by length: skip the too short, stop at the too long.
        const f = cStart + lowestBit(mask);
        const lc = cLength[f];
        if (lc < low) continue;
        if (lc > high) break;
        const df = angleDiff(cFrom[f], fp);
        if (df > tolA) continue;
        const da = angleDiff(cAt[f], ap);
        if (da > tolA) continue;
        const c2 = cTo[f];
        if (pairC[c2] >= 0) continue;
        const err = Math.abs(lc - lp) / tolL + df / tolA + da / tolA;
        if (err < bestErr) {
          bestErr = err;
          best = c2;
        }
      }
      if (best < 0) continue;
      if (angleDiff(((cAngle[best] - pAngle[p2] - rootRotation) % TWO_PI + TWO_PI) % TWO_PI, 0) > maxDrift) continue;
      pairP[p2] = best;
      pairC[best] = p2;
      queueP[tail] = p2;
      queueC[tail] = best;
      tail++;
      support++;
    }
  }
  s.support = support;
  return tail;
}

function release(pairs: number): void {
  const s = scratch;
  for (let t = 0; t < pairs; t++) {
    s.pairP[s.queueP[t]] = -1;
    s.pairC[s.queueC[t]] = -1;
  }
}

/** Similarity 0..100 of two prepared templates (symmetric in spirit, not bit for bit). */
export function compareTemplates(P: MatchTemplate, C: MatchTemplate): number {
  if (P.count < 2 || C.count < 2) return 0;
  const s = scratch;
  s.ensure(P.count, C.count);
  lastMeasures.score = 0;
  const roots = findRoots(P, C);
  const nC = C.count;
  let coveredCount = 0;
  // Phase 1: grow every root (skipping roots inside an earlier pairing); keep the K best-supported.
  const K = MatchParams.scoredPairings;
  let kept = 0;
  for (let r = 0; r < roots; r++) {
    const idx = s.rootIdx[r];
    if (s.covered[idx]) continue;
    const pairs = grow(P, C, Math.floor(idx / nC), idx % nC);
    const support = s.support;
    for (let t = 0; t < pairs; t++) {
      const cidx = s.queueP[t] * nC + s.queueC[t];
      if (!s.covered[cidx]) {
        s.covered[cidx] = 1;
        s.touched[coveredCount++] = cidx;
      }
    }
    release(pairs);
    if (pairs < 2 || (kept === K && support <= s.keptSupport[K - 1])) continue;
    let pos = kept < K ? kept++ : K - 1;
    while (pos > 0 && s.keptSupport[pos - 1] < support) {
      s.keptSupport[pos] = s.keptSupport[pos - 1];
      s.keptPairs[pos] = s.keptPairs[pos - 1];
      // Swap the pair buffers instead of copying them down.
      const tp = s.keptP[pos]; s.keptP[pos] = s.keptP[pos - 1]; s.keptP[pos - 1] = tp;
      const tc = s.keptC[pos]; s.keptC[pos] = s.keptC[pos - 1]; s.keptC[pos - 1] = tc;
      pos--;
    }
    s.keptSupport[pos] = support;
    s.keptPairs[pos] = pairs;
    const kp = s.keptP[pos], kc = s.keptC[pos];
    for (let t = 0; t < pairs; t++) {
      kp[t] = s.queueP[t];
      kc[t] = s.queueC[t];
    }
  }
  for (let t = 0; t < coveredCount; t++) s.covered[s.touched[t]] = 0;
  // Phase 2: score those pairings in full; consolidate the best one.
  let bestScore = 0;
  let best = -1;
  for (let k = 0; k < kept; k++) {
    alignPairing(P, C, s.keptP[k], s.keptC[k], s.keptPairs[k], s.aligned[k]);
    const score = scorePairing(P, C, s.aligned[k], s.keptPairs[k], s.keptSupport[k]);
    if (score > bestScore) {
      bestScore = score;
      best = k;
    }
  }
  if (best >= 0 && MatchParams.consolidationDistance > 0) {
    const qP = s.keptP[best], qC = s.keptC[best], pairs = s.keptPairs[best];
    for (let t = 0; t < pairs; t++) {
      s.pairP[qP[t]] = qC[t];
      s.pairC[qC[t]] = qP[t];
    }
    bestScore = Math.max(bestScore, scorePairing(P, C, s.aligned[best], pairs, s.keptSupport[best], s.pairP, s.pairC));
    for (let t = 0; t < pairs; t++) {
      s.pairP[qP[t]] = -1;
      s.pairC[qC[t]] = -1;
    }
  }
  return bestScore;
}
