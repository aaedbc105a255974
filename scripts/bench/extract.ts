/**
 * Extraction speed: median wall-clock milliseconds per image over several runs.
 *   npx tsx scripts/bench/extract.ts [DIR] [--dpi N] [--engine native|typescript] [--runs N] [--images N] [--steps]
 * Default DIR is ../shared/data/fingerprints/fvc2002_db1_b (388×374 px, 500 dpi). Prints one JSON line.
 * The machine is shared: CPU time and the load average are printed too, since a busy machine inflates wall time.
 */
import { readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { extractFeatures } from '../../electron/biometrics/extract';
import { loadImageFile } from '../../electron/biometrics/image/load-file';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    dpi: { type: 'string' },
    engine: { type: 'string', default: 'native' },
    runs: { type: 'string', default: '5' },
    images: { type: 'string', default: '16' },
    steps: { type: 'boolean', default: false },
  },
});
const dir = positionals[0] ?? join('..', 'shared', 'data', 'fingerprints', 'fvc2002_db1_b');
const engine = values.engine as 'native' | 'typescript';
const files = readdirSync(dir).filter((f) => /\.(tif|tiff|png|bmp|pgm)$/i.test(f)).sort().slice(0, Number(values.images));
const images = files.map((f) => loadImageFile(join(dir, f), values.dpi ? { dpi: Number(values.dpi) } : {}));
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };

for (const im of images.slice(0, 3)) extractFeatures(im, { engine }); // warm up the JIT
const times: number[] = [];
const cpuTimes: number[] = [];
const stepTimes = new Map<string, number[]>();
for (let r = 0; r < Number(values.runs); r++) {
  for (const im of images) {
    let last = performance.now();
    const t0 = last;
    const c0 = process.cpuUsage();
    extractFeatures(im, {
      engine,
      transparency: values.steps ? (e) => {
        const now = performance.now();
        if (!stepTimes.has(e.step)) stepTimes.set(e.step, []);
        stepTimes.get(e.step)!.push(now - last);
        last = now;
      } : undefined,
    });
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpuTimes.push((c.user + c.system) / 1000);
  }
}
const out: Record<string, unknown> = {
  dir, engine, images: images.length, runs: Number(values.runs), size: `${images[0].width}x${images[0].height}`,
  extractMsMedian: Number(median(times).toFixed(2)), extractMsMin: Number(Math.min(...times).toFixed(2)),
  // CPU time of this process: less sensitive than wall time to other processes sharing the cores.
  cpuMsMedian: Number(median(cpuTimes).toFixed(2)),
  loadAverage1m: Number(loadavg()[0].toFixed(2)),
};
if (values.steps) out.stepMsMedian = Object.fromEntries([...stepTimes].map(([k, v]) => [k, Number(median(v).toFixed(2))]));
console.log(JSON.stringify(out));
