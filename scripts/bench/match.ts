/**
 * Matcher speed on one core: extract a folder once, then time every FVC genuine + all-cross-finger
 * impostor comparison in several runs and print the median rate. Also prints the INCITS 378 size of a
 * 100-minutiae template and this process's peak RSS.
 *   npx tsx scripts/bench/match.ts [DIR] [--dpi N] [--runs N]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeImage } from '../../electron/biometrics/image/decode';
import { extractFeatures } from '../../electron/biometrics/extract';
import { compareTemplates, prepareTemplate, type MatchTemplate } from '../../electron/biometrics/match';
import { parseSampleName, protocolPairs } from '../../electron/biometrics/bench/protocol';
import { median } from '../../electron/biometrics/bench/run';
import { encodeTemplate, featuresToRecord } from '../../electron/biometrics/templates';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { dpi: { type: 'string' }, runs: { type: 'string' } } });
const dir = resolve(positionals[0] ?? resolve(import.meta.dirname, '../../../shared/data/fingerprints/fvc2002_db1_b'));
const dpi = Number(values.dpi ?? 500);
const runs = Number(values.runs ?? 7);

const templates = new Map<string, MatchTemplate>();
const ids = readdirSync(dir).flatMap((n) => {
  const id = parseSampleName(n);
  if (!id) return [];
  templates.set(n, prepareTemplate(extractFeatures(decodeImage(readFileSync(join(dir, n)), { dpi }))));
  return [id];
});
const { genuine, impostor } = protocolPairs(ids, 'all');
const pairs = [...genuine, ...impostor].map((p) => [templates.get(p.probe.name)!, templates.get(p.enrolled.name)!] as const);

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const wallRates: number[] = [];
const cpuRates: number[] = [];
let sink = 0;
for (let r = 0; r < runs; r++) {
  const w0 = performance.now(), c0 = cpuMs();
  for (const [p, c] of pairs) sink += compareTemplates(p, c);
  const wall = performance.now() - w0, cpu = cpuMs() - c0;
  wallRates.push(pairs.length / (wall / 1000));
  cpuRates.push(pairs.length / (cpu / 1000));
}
const minutiae = Array.from({ length: 100 }, (_, i) => ({ x: i, y: i, angle: 0, quality: 50, type: 'ending' as const }));
const bytes100 = encodeTemplate(featuresToRecord({ width: 388, height: 374, dpi: 500, quality: 50, minutiae }, { format: 'incits378' })).length;
console.log(JSON.stringify({
  folder: dir,
  comparisonsPerRun: pairs.length,
  runs,
  comparisonsPerSecondWallMedian: Math.round(median(wallRates)),
  comparisonsPerSecondCpuMedian: Math.round(median(cpuRates)),
  templateBytes100Minutiae: bytes100,
  peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  checksum: Math.round(sink),
}, null, 2));
