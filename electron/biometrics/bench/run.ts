/**
 * The FVC-protocol benchmark over one folder's samples: extract every image once (a failure is a
 * failure to enrol, scored as a non-match for every pair that uses it), run the genuine and impostor
 * comparisons, and report the error rates with the median extraction and comparison times.
 * Pure: the caller supplies each image's bytes (read lazily, so only templates stay in memory).
 */
import { isStationError } from '../../common/errors';
import type { FingerprintFeatures } from '../types';
import { compareTemplates } from '../match/compare';
import { prepareTemplate, type MatchTemplate } from '../match/template';
import { errorRates, type Score } from './metrics';
import { protocolPairs, type ImpostorMode, type Pair, type SampleId } from './protocol';

export interface BenchSample {
  readonly id: SampleId;
  read(): Uint8Array;
}

export interface BenchOptions {
  readonly dpi: number;
  readonly impostors: ImpostorMode;
  /** Image bytes → features (decode + extract); injected so the bench stays free of file and addon concerns. */
  readonly extract: (bytes: Uint8Array, dpi: number) => FingerprintFeatures;
  /** Progress lines for a person watching (stderr in the CLI). */
  readonly progress?: (line: string) => void;
}

export interface BenchReport {
  /** Comparison counts. */
  genuine: number;
  impostor: number;
  impostorMode: ImpostorMode;
  /** Fractions: 0.021 = 2.1 %. */
  eer: number;
  fmr100: number;
  fmr1000: number;
  zeroFmr: number;
  /** Samples whose features could not be extracted. */
  failuresToEnroll: number;
  extractMsMedian: number;
  compareUsMedian: number;
  eerThreshold: number;
  zeroFmrThreshold: number;
  scores: { genuine: Score[]; impostor: Score[]; genuinePairs: string[]; impostorPairs: string[] };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

export function runBench(samples: readonly BenchSample[], options: BenchOptions): BenchReport {
  const templates = new Map<string, MatchTemplate | null>();
  const extractMs: number[] = [];
  let failures = 0;
  for (const s of samples) {
    const bytes = s.read();
    const t0 = performance.now();
    try {
      templates.set(s.id.name, prepareTemplate(options.extract(bytes, options.dpi)));
      extractMs.push(performance.now() - t0);
    } catch (e) {
      if (!isStationError(e)) throw e;
      failures++;
      templates.set(s.id.name, null);
      options.progress?.(`failure to enrol ${s.id.name}: ${e.message}`);
    }
  }
  const { genuine, impostor } = protocolPairs(samples.map((s) => s.id), options.impostors);
  const compareUs: number[] = [];
  const score = (pairs: Pair[]): Score[] =>
    pairs.map(({ enrolled, probe }) => {
      const c = templates.get(enrolled.name), p = templates.get(probe.name);
      if (!c || !p) return null;
      const t0 = performance.now();
      const v = compareTemplates(p, c);
      compareUs.push((performance.now() - t0) * 1000);
      return round(v, 4);
    });
  const g = score(genuine), i = score(impostor);
  const rates = errorRates(g, i);
  const label = (p: Pair) => `${p.enrolled.name}/${p.probe.name}`;
  return {
    genuine: g.length,
    impostor: i.length,
    impostorMode: options.impostors,
    eer: round(rates.eer, 5),
    fmr100: round(rates.fmr100, 5),
    fmr1000: round(rates.fmr1000, 5),
    zeroFmr: round(rates.zeroFmr, 5),
    failuresToEnroll: failures,
    extractMsMedian: round(median(extractMs), 2),
    compareUsMedian: round(median(compareUs), 2),
    eerThreshold: rates.eerThreshold,
    zeroFmrThreshold: rates.zeroFmrThreshold,
    scores: { genuine: g, impostor: i, genuinePairs: genuine.map(label), impostorPairs: impostor.map(label) },
  };
}
