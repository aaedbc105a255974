/**
 * CI guard on matcher + extractor accuracy: the FVC-protocol bench on FVC2002 DB1_B (a development
 * set: the matcher was tuned on DB1_B and DB2_B) must stay within a margin of what the engine reaches today (see
 * docs/benchmarks.md). A regression in extraction or matching fails the build here.
 * DB2_B is left out to keep this under a minute on two cores (its extraction is the slower one).
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runBench, type BenchSample } from '../../../electron/biometrics/bench/run';
import { parseSampleName } from '../../../electron/biometrics/bench/protocol';
import { decodeImage } from '../../../electron/biometrics/image/decode';
import { extractFeatures } from '../../../electron/biometrics/extract';

const DATA = process.env.FVC_DATA_DIR ?? resolve(__dirname, '../../../../shared/data/fingerprints');

function samples(folder: string): BenchSample[] {
  const dir = join(DATA, folder);
  return readdirSync(dir).flatMap((n) => {
    const id = parseSampleName(n);
    return id ? [{ id, read: () => readFileSync(join(dir, n)) }] : [];
  });
}

/**
 * Today (docs/benchmarks.md): DB1_B EER 2.4 %, ZeroFMR 3.6 %. With 45 impostors one pair moves the EER
 * by 1-2 points (an earlier extractor build of the same day read 4.0 %), so the margin is about one
 * such step. Tighten these when the engine improves.
 */
const DB1_MAX_EER = 0.04;
const DB1_MAX_ZERO_FMR = 0.06;

describe('fingerprint engine accuracy guard (FVC2002 DB1_B, FVC protocol, native addon)', () => {
  it(`DB1_B: 280 genuine / 45 impostor comparisons, no failure to enrol, EER <= ${DB1_MAX_EER * 100} %`, () => {
    const report = runBench(samples('fvc2002_db1_b'), {
      dpi: 500,
      impostors: 'fvc',
      extract: (bytes, dpi) => extractFeatures(decodeImage(bytes, { dpi })),
    });
    expect(report.genuine).toBe(280);
    expect(report.impostor).toBe(45);
    expect(report.failuresToEnroll).toBe(0);
    expect(report.eer).toBeLessThanOrEqual(DB1_MAX_EER);
    expect(report.zeroFmr).toBeLessThanOrEqual(DB1_MAX_ZERO_FMR);
  }, 120_000);
});
