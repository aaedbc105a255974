import { describe, expect, it } from 'vitest';
import { errorRates } from '../../../electron/biometrics/bench/metrics';
import { parseSampleName, protocolPairs } from '../../../electron/biometrics/bench/protocol';
import { median } from '../../../electron/biometrics/bench/run';

const folder = (fingers: number, impressions: number) =>
  Array.from({ length: fingers * impressions }, (_, k) => parseSampleName(`${101 + Math.floor(k / impressions)}_${(k % impressions) + 1}.tif`)!);

describe('FVC protocol pairs', () => {
  it('10 fingers x 8 impressions: 280 genuine, 45 FVC impostors, 2,880 all-cross-finger impostors', () => {
    const s = folder(10, 8);
    const fvc = protocolPairs(s, 'fvc');
    expect(fvc.genuine).toHaveLength(280);
    expect(fvc.impostor).toHaveLength(45);
    expect(protocolPairs(s, 'all').impostor).toHaveLength(2880);
  });
  it('enrols the earlier impression and never runs the symmetric pair', () => {
    const { genuine, impostor } = protocolPairs(folder(3, 3), 'fvc');
    expect(genuine.map((p) => `${p.enrolled.name}>${p.probe.name}`)).toContain('101_1.tif>101_3.tif');
    expect(genuine.map((p) => `${p.enrolled.name}>${p.probe.name}`)).not.toContain('101_3.tif>101_1.tif');
    expect(impostor.map((p) => `${p.enrolled.name}>${p.probe.name}`)).toEqual(['101_1.tif>102_1.tif', '101_1.tif>103_1.tif', '102_1.tif>103_1.tif']);
  });
  it('ignores files that are not <finger>_<impression>.<image>', () => {
    expect(parseSampleName('README.md')).toBeUndefined();
    expect(parseSampleName('104_3.tif')).toEqual({ finger: '104', impression: 3, name: '104_3.tif' });
  });
});

describe('error rates', () => {
  it('separable scores: EER 0, every FNMR at FMR bound 0', () => {
    const r = errorRates([10, 11, 12], [1, 2, 3]);
    expect(r).toMatchObject({ eer: 0, fmr100: 0, fmr1000: 0, zeroFmr: 0 });
  });
  it('hand-computed overlap', () => {
    // genuine 1..10, impostors 0,0,0,0,5: at t=5 FNMR 4/10, FMR 1/5; at t=6 FNMR 5/10, FMR 0.
    const r = errorRates([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [0, 0, 0, 0, 5]);
    expect(r.zeroFmr).toBeCloseTo(0.5);
    expect(r.zeroFmrThreshold).toBe(6);
    // At t=3: FNMR 2/10 (scores 1, 2), FMR 1/5 (the 5): they meet, EER = 0.2.
    expect(r.eer).toBeCloseTo(0.2);
    expect(r.eerThreshold).toBe(3);
  });
  it('a failure to enrol (null) is a non-match at every threshold, never dropped', () => {
    const r = errorRates([null, 10, 10, 10], [1, 1, 1, null]);
    // t=10: FNMR 1/4 (the failure), FMR 0/4 (the failed impostor never matches): EER (0.25 + 0) / 2.
    expect(r.zeroFmr).toBeCloseTo(0.25);
    expect(r.eer).toBeCloseTo(0.125);
  });
  it('median of odd and even lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
});
