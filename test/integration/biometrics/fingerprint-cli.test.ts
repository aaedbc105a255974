import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../../../electron/cli/main';
import type { CliIo } from '../../../electron/cli/command';
import { decodeTemplate, encodeTemplate, featuresToRecord, recordToFeatures } from '../../../electron/biometrics/templates';

/** FVC2002 DB1_B (500 dpi) from the shared development data beside the repository. */
const DB1 = resolve(process.env.FVC_DATA_DIR ?? resolve(__dirname, '../../../../shared/data/fingerprints'), 'fvc2002_db1_b');

function fakeIo(cwd: string) {
  const out: string[] = [], err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env: {}, cwd };
  return { io, out, err };
}

describe('station fingerprint (in-process)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fp-cli-'));
    // A small bench folder: three fingers, two impressions each.
    mkdirSync(join(dir, 'mini'));
    for (const f of ['101_1', '101_2', '102_1', '102_2', '103_1', '103_2']) copyFileSync(join(DB1, `${f}.tif`), join(dir, 'mini', `${f}.tif`));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('extract writes an INCITS 378 template that decodes, with the image resolution', async () => {
    const { io, out } = fakeIo(dir);
    const code = await runCli(['fingerprint', 'extract', join(DB1, '101_1.tif'), '-o', 'a.fmr', '--json'], io);
    expect(code).toBe(0);
    const summary = JSON.parse(out.join(''));
    const record = decodeTemplate(readFileSync(join(dir, 'a.fmr')));
    expect(record.format).toBe('incits378');
    expect(record.xResolution).toBe(197);
    expect(record.views[0].minutiae.length).toBe(summary.minutiae);
    expect(summary.minutiae).toBeGreaterThan(5);
  });

  it('extract --format iso19794 writes an ISO template', async () => {
    const { io } = fakeIo(dir);
    expect(await runCli(['fingerprint', 'extract', join(DB1, '101_2.tif'), '--format', 'iso19794', '-o', 'b.fmr'], io)).toBe(0);
    expect(decodeTemplate(readFileSync(join(dir, 'b.fmr'))).format).toBe('iso19794');
  });

  it('compare: image against template of the same finger matches, another finger does not', async () => {
    const same = fakeIo(dir);
    expect(await runCli(['fingerprint', 'compare', join(DB1, '101_2.tif'), 'a.fmr', '--json'], same.io)).toBe(0);
    const r = JSON.parse(same.out.join(''));
    expect(Object.keys(r).sort()).toEqual(['candidateQuality', 'match', 'probeQuality', 'score', 'threshold']);
    expect(r.match).toBe(true);
    const other = fakeIo(dir);
    expect(await runCli(['fingerprint', 'compare', join(DB1, '102_1.tif'), 'a.fmr', '--json'], other.io)).toBe(0);
    expect(JSON.parse(other.out.join('')).match).toBe(false);
  });

  it('compare: a candidate template with two finger views is matched best-of-two', async () => {
    // Two views: finger 102 (wrong) and finger 101 (right), both from templates extract wrote.
    const wrong = fakeIo(dir);
    expect(await runCli(['fingerprint', 'extract', join(DB1, '102_1.tif'), '-o', 'w.fmr'], wrong.io)).toBe(0);
    const views = ['w.fmr', 'a.fmr'].map((f) => recordToFeatures(decodeTemplate(readFileSync(join(dir, f)))));
    writeFileSync(join(dir, 'two.fmr'), encodeTemplate(featuresToRecord(views, { format: 'incits378' })));
    expect(decodeTemplate(readFileSync(join(dir, 'two.fmr'))).views).toHaveLength(2);
    const single = fakeIo(dir), both = fakeIo(dir);
    expect(await runCli(['fingerprint', 'compare', join(DB1, '101_2.tif'), 'a.fmr', '--json'], single.io)).toBe(0);
    expect(await runCli(['fingerprint', 'compare', join(DB1, '101_2.tif'), 'two.fmr', '--json'], both.io)).toBe(0);
    const r = JSON.parse(both.out.join(''));
    expect(r.match).toBe(true);
    expect(r.score).toBe(JSON.parse(single.out.join('')).score);
  });

  it('compare: a corrupt template or image is bad input (exit 2) with a reason', async () => {
    writeFileSync(join(dir, 'bad.fmr'), Uint8Array.of(0x46, 0x4d, 0x52, 0x00, 0x20, 0x32, 0x30, 0x00, 0x00, 0x20, 1, 2, 3, 4));
    const { io, err } = fakeIo(dir);
    expect(await runCli(['fingerprint', 'compare', 'bad.fmr', 'a.fmr'], io)).toBe(2);
    expect(err.join('\n')).toMatch(/station: /);
    const missing = fakeIo(dir);
    expect(await runCli(['fingerprint', 'compare', 'nope.tif', 'a.fmr'], missing.io)).toBe(2);
    expect(missing.err.join('\n')).toMatch(/Cannot read nope.tif/);
  });

  it('bench scores a small folder by the FVC protocol and prints the documented JSON', async () => {
    const { io, out } = fakeIo(dir);
    expect(await runCli(['fingerprint', 'bench', 'mini', '--impostors', 'all', '--json'], io)).toBe(0);
    const r = JSON.parse(out.join(''));
    for (const k of ['genuine', 'impostor', 'eer', 'fmr100', 'fmr1000', 'zeroFmr', 'failuresToEnroll', 'extractMsMedian', 'compareUsMedian']) expect(r).toHaveProperty(k);
    expect(r.genuine).toBe(3);
    expect(r.impostor).toBe(12);
    expect(r.eer).toBeGreaterThanOrEqual(0);
    expect(r.eer).toBeLessThanOrEqual(1);
    const bad = fakeIo(dir);
    expect(await runCli(['fingerprint', 'bench', 'mini', '--impostors', 'some'], bad.io)).toBe(2);
  });

  it('the installed command (spawned once): bench re-runs itself with a small young generation and keeps stdout and exit codes', () => {
    const bin = resolve(__dirname, '../../../bin/station.mjs');
    const ok = spawnSync(process.execPath, [bin, 'fingerprint', 'bench', 'mini', '--impostors', 'fvc', '--json'], { cwd: dir, encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ genuine: 3, impostor: 3, impostorMode: 'fvc', failuresToEnroll: 0 });
    const bad = spawnSync(process.execPath, [bin, 'fingerprint', 'bench', 'no-such-folder'], { cwd: dir, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^station: Cannot read the folder no-such-folder/)]);
  }, 60_000);
});
