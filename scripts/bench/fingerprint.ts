/**
 * The fingerprint engine's benchmark for issue 4, in one command: accuracy by the FVC protocol and with
 * all cross-finger impostors (the CLI bench itself, each run in its own process with its peak RSS),
 * extraction speed (scripts/bench/extract.ts), matcher speed on one core (scripts/bench/match.ts), and,
 * from CSV files of the NBIS peer (../shared/tools/libfprint_peer.py, same images), the peer's rates
 * scored with our own error-rate code so both columns follow one rule.
 *   npx tsx scripts/bench/fingerprint.ts [--peer-dir DIR] [--runs N] [--write-doc]
 * DIR holds db1_fvc.csv, db1_all.csv, db2_fvc.csv, db2_all.csv (libfprint_peer.py --out).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { errorRates, type Score } from '../../electron/biometrics/bench/metrics';
import { minuteUtc, writeDocSection } from './doc-section';

const root = resolve(import.meta.dirname, '..', '..');
const data = resolve(root, '..', 'shared', 'data', 'fingerprints');
const { values } = parseArgs({ options: { 'peer-dir': { type: 'string' }, runs: { type: 'string', default: '5' }, 'write-doc': { type: 'boolean', default: false } } });
const runs = values.runs!;

const SETS = [
  { key: 'db1', label: 'DB1_B', folder: 'fvc2002_db1_b', dpi: 500 },
  { key: 'db2', label: 'DB2_B', folder: 'fvc2002_db2_b', dpi: 569 },
] as const;
const MODES = ['fvc', 'all'] as const;

interface Rates { eer: number; fmr100: number; fmr1000: number; zeroFmr: number; fte: number }
interface BenchJson extends Rates { extractMsMedian: number; compareUsMedian: number; failuresToEnroll: number }

/** Runs a command under GNU time; returns stdout and the peak RSS in MiB. */
function timed(cmd: string, args: string[]): { stdout: string; peakMiB: number | null } {
  const hasTime = existsSync('/usr/bin/time');
  const r = hasTime
    ? spawnSync('/usr/bin/time', ['-f', 'MAXRSS_KB=%M', cmd, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 })
    : spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  const m = /MAXRSS_KB=(\d+)/.exec(r.stderr);
  return { stdout: r.stdout, peakMiB: m ? Number(m[1]) / 1024 : null };
}

/** The JSON a speed script printed: the whole output (pretty-printed) or its last one-line document. */
function lastJson(text: string): Record<string, number> {
  try {
    return JSON.parse(text) as Record<string, number>;
  } catch {
    return JSON.parse(text.trim().split('\n').filter((l) => l.startsWith('{')).pop() ?? '{}') as Record<string, number>;
  }
}

function ours(set: (typeof SETS)[number], mode: (typeof MODES)[number]): BenchJson & { peakMiB: number | null } {
  const { stdout, peakMiB } = timed(process.execPath, ['bin/station.mjs', 'fingerprint', 'bench', join(data, set.folder), '--dpi', String(set.dpi), '--impostors', mode, '--json']);
  const j = JSON.parse(stdout) as BenchJson;
  return { ...j, fte: j.failuresToEnroll, peakMiB };
}

const peerProblems: string[] = [];
/** The NBIS all-impostor runs of the morning of 28 Nov 2026 (13:39–13:47 UTC, same images, no errored comparisons). */
const EARLIER_PEER_ALL = 'The same day\'s earlier NBIS all-impostor runs (28 Nov 2026, 13:39–13:47 UTC, every comparison scored): DB1_B EER 4.12 %, FMR100 6.79 %, FMR1000 12.86 %, ZeroFMR 15.00 %, 3 FTE; DB2_B EER 0.99 %, FMR100 1.07 %, FMR1000 2.14 %, ZeroFMR 2.86 %, 9 FTE.';

function peer(set: (typeof SETS)[number], mode: (typeof MODES)[number]): Rates | null {
  const dir = values['peer-dir'];
  const file = dir ? join(dir, `${set.key}_${mode}.csv`) : '';
  if (!file || !existsSync(file)) return null;
  const rows = readFileSync(file, 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
  const fte = new Set<string>();
  const scores = (kind: string): Score[] =>
    rows.filter((r) => r[0] === kind).map((r) => {
      if ((r[5] ?? '').startsWith('FTE')) {
        fte.add((r[5] ?? '').slice(5));
        return null;
      }
      return Number(r[4]);
    });
  // libfprint's virtual device has a thermal model: on long runs it answers "Device disabled to prevent
  // overheating." instead of scoring. Such a run is not a measurement of NBIS: leave it out, say so.
  const errored = rows.filter((r) => (r[5] ?? '') !== '' && !(r[5] ?? '').startsWith('FTE'));
  if (errored.length > 0) {
    peerProblems.push(`${set.label} ${mode}: ${errored.length} of ${rows.length} comparisons errored in libfprint ("${errored[0]![5]}"), so that run is left out`);
    return null;
  }
  const g = scores('genuine'), i = scores('impostor');
  // A file still being written (the peer takes minutes) is left out rather than rated on part of the pairs.
  if (g.length !== 280 || i.length !== (mode === 'fvc' ? 45 : 2880)) {
    console.error(`peer ${file}: ${g.length} genuine / ${i.length} impostor rows, incomplete: left out`);
    return null;
  }
  return { ...errorRates(g, i), fte: fte.size };
}

const pct = (v: number) => `${(v * 100).toFixed(2)} %`;
const tsx = join(root, 'node_modules', '.bin', 'tsx');

const accuracy = new Map<string, { ours: ReturnType<typeof ours>; peer: Rates | null }>();
const speed = new Map<string, { extract: Record<string, number>; match: Record<string, number> }>();
for (const set of SETS) {
  for (const mode of MODES) {
    console.error(`bench ${set.label} ${mode}…`);
    accuracy.set(`${set.key}_${mode}`, { ours: ours(set, mode), peer: peer(set, mode) });
  }
  console.error(`speed ${set.label}…`);
  const dirArgs = [join(data, set.folder), '--dpi', String(set.dpi), '--runs', runs];
  speed.set(set.key, {
    extract: lastJson(execFileSync(tsx, ['scripts/bench/extract.ts', ...dirArgs], { cwd: root, encoding: 'utf8' })),
    match: lastJson(execFileSync(tsx, ['scripts/bench/match.ts', ...dirArgs], { cwd: root, encoding: 'utf8' })),
  });
}

const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
const dirty = execFileSync('git', ['status', '--porcelain', '--', 'electron', 'native'], { cwd: root, encoding: 'utf8' }).trim() ? ' (with uncommitted changes)' : '';
const when = minuteUtc();
const table = (mode: (typeof MODES)[number]) => {
  const lines = ['| Folder | Engine | EER | FMR100 | FMR1000 | ZeroFMR | FTE |', '|---|---|---:|---:|---:|---:|---:|'];
  for (const set of SETS) {
    const a = accuracy.get(`${set.key}_${mode}`)!;
    const row = (name: string, r: Rates) => `| ${set.label} | ${name} | ${pct(r.eer)} | ${pct(r.fmr100)} | ${pct(r.fmr1000)} | ${pct(r.zeroFmr)} | ${r.fte} |`;
    lines.push(row('ours', a.ours));
    if (a.peer) lines.push(row('NBIS (libfprint)', a.peer));
  }
  return lines.join('\n');
};
const a = (k: string) => accuracy.get(k)!;
const s = (k: string) => speed.get(k)!;
/** Three decimals where a goal is read against a rounded figure (2.00 % can be 2.004 %). */
const pct3 = (v: number) => `${(v * 100).toFixed(3)} %`;
const meets = (ok: boolean) => (ok ? 'met' : '**not met**');
const peerNote = (k: string) => (a(k).peer ? ` (NBIS ${pct(a(k).peer!.eer)})` : '');
const peakMiB = Math.max(...[...accuracy.values()].map((x) => x.ours.peakMiB ?? 0));
const extract1 = s('db1').extract, match1 = s('db1').match, match2 = s('db2').match;

/** Back-to-back measurements of the speed work (old and new build alternating on the same machine state). */
const HISTORY = `### Speed work of 28 Nov 2026, measured back to back against the previous build (61e8980)

The speed work left every output bit-identical (all 160 images, every extraction step; all 12,640
comparison scores). The day's one accuracy change is separate: the matcher's overlap prior counted in
the print's mean weight (commit 4333898; DB1_B ZeroFMR 3.57 % → 2.50 %, nothing else moved).

| Measure | before (61e8980) | after | how |
|---|---:|---:|---|
| Extraction, DB1_B | 43–59 ms | 27–31 ms (22–24 ms in a quiet spell) | \`extract.ts --runs 5\`, load 0.8–1.6, alternating |
| Extraction, DB2_B | 73–83 ms | 37–45 ms | same |
| Skeleton repair + minutia walks, DB1_B | 2.7–3.0 + 2.9–3.0 ms | 0.7–0.8 + 0.3–0.4 ms | \`extract.ts --steps --runs 5\`, 26abe18 vs d7528c4, load ~2.5 |
| Comparisons per CPU-second, DB1_B | 18,726 | 30,905 | \`match.ts --runs 5\`, 3 interleaved runs each, load 3.4–6.3 |
| Comparisons per CPU-second, DB2_B | 18,209 | 25,021 | same |

Extraction: the per-pixel stages run in the addon (orientation, segmentation statistics and distance
map, ridge-period x-signatures, enhancement with its own direction/period quantisation, binarization
with its component cleanup, skeleton repair and the minutia walks — their angles stay in TypeScript so
both engines round alike), and the kernels reuse their work buffers. Matcher: per-minutia
angle masks let growth skip edges that cannot pass, a bucket grid serves consolidation, root voting
reads 16-bit arrays.

### Local-rank normalisation (28 Nov 2026, evening), measured back to back against 358d2ea

The extractor now ranks each pixel within a 33 × 33 px window before orientation, ridge period and
enhancement (and smooths the orientation over 8 px instead of 10), so dark sweat and dirt blobs no
longer steer the Gabor filter. Rates from \`station fingerprint bench\` at each commit:

| Measure | before (358d2ea) | after |
|---|---:|---:|
| EER DB1_B / DB2_B, FVC protocol | 2.36 % / 2.54 % | 2.004 % / 0.536 % |
| EER DB1_B / DB2_B, all impostors | 2.15 % / 2.85 % | 1.80 % / 1.78 % |
| ZeroFMR DB1_B / DB2_B, all impostors | 2.50 % / 4.64 % | 2.50 % / 3.57 % |
| FNMR at the threshold 12, DB1_B / DB2_B | 5.0 % / 5.0 % | 3.2 % / 3.9 % |
| Extraction median, DB1_B (\`extract.ts --runs 5\`, 3 alternating runs each, load 0.9–1.1) | 20.2 / 25.5 / 25.2 ms | 32.1 / 29.5 / 30.1 ms |

The rank step costs 4–6 ms per image (native; column histograms with lazily updated fine segments),
and it takes extraction back over the 25 ms goal on this machine today. The same build measured
17.1 ms at 18:09 UTC, so the machine is slower now as well; the comparison that counts is the
back-to-back one.

### Speed and the DB1_B floor (28 Nov 2026, night), measured back to back against 4354843

Speed: every change below gives the same output in both engines, checked on all 160 images. Only the
enhancement's arithmetic changed what the reference computes. It is now integers: weights in 1/32768,
the smoothed image in 1/128 gray levels. Rates stayed the same and minutiae moved on 4 + 6 of the 160
images. Extraction is \`extract.ts --runs 5\`, alternating builds, load 0.3–0.8. Kernels are from a
scratch profiler that wraps each native call (one run each, ms per DB1_B image).

| Measure | before (4354843) | after |
|---|---:|---:|
| Extraction median, DB1_B | 22.8 / 29.4 / 31.0 ms | 16.0 / 15.3 / 19.6 ms |
| Extraction median, DB2_B | 41.4 / 33.7 ms | 21.9 / 21.4 ms |
| Enhancement (16-bit SSE2 multiply-adds, vectorised mask dilation, neighbour-bin shortcut) | 10.2 ms | 5.4 ms (3.2 ms in a quiet spell) |
| Rank normalisation (reciprocal instead of division, counts in registers; exact) | 5.8 ms | 3.1 ms |
| Binarization (components as runs joined by union-find; exact) | 2.1 ms | 0.9 ms |
| X-signatures (two sample positions rounded at a time; exact) | 1.7 ms | 0.9 ms |

Accuracy came from five changes, each with rates not worse on either set:
- **Image frame.** The mask no longer erodes where the print runs off the sensor (a415dd5).
- **Frame strip.** A frame strip narrower than half a block copies its neighbour, so a dark sensor
  line at the frame is not a print (085bd85).
- **Blank blocks.** The mask closing never adds blank blocks, where the sensor saw no skin (def77c1).
- **Raw-contrast check.** A minutia needs raw-image contrast around it (a35340d).
- **One-to-one roots.** Each probe minutia offers only its most-voted mate, and each candidate
  minutia keeps only its most-voted probe minutia (8e114d7).

| Measure (\`station fingerprint bench\`) | before (4354843) | after |
|---|---:|---:|
| EER DB1_B / DB2_B, FVC protocol | 2.004 % / 0.536 % | 1.825 % / 0.357 % |
| EER DB1_B / DB2_B, all impostors | 1.796 % / 1.778 % | 1.426 % / 1.074 % |
| ZeroFMR DB1_B / DB2_B, all impostors | 2.50 % / 3.57 % | 2.50 % / 1.79 % |
| Highest of the 5,760 impostor scores | 10.6 | 9.0 |
| FNMR at the threshold 12, DB1_B / DB2_B | 3.2 % / 3.9 % | 3.6 % / 2.9 % |

DB1_B's FVC EER rests on one pair: 110_6/110_7 scores 5.3, against a top FVC impostor of 4.15.`;

const body = `## Fingerprint engine (issue 4)

Measured ${when} UTC at commit ${commit}${dirty} on this 2-core machine (${cpus().length} CPUs, load average
${loadavg()[0].toFixed(1)} at the end). Data: FVC2002 DB1_B (500 dpi) and DB2_B (569 dpi), 10 fingers × 8 impressions.
**Tuned on both sets** (there is no held-out set here): these are development numbers.
${values['peer-dir'] ? 'The NBIS peer ran the same day on the same images (`libfprint_peer.py`, Debian libfprint 2); its scores are rated here by our own error-rate code.' : 'No peer CSVs were given to this run.'}

Command (everything below): \`npx tsx scripts/bench/fingerprint.ts --peer-dir DIR --write-doc\`, which runs
\`node bin/station.mjs fingerprint bench <folder> --dpi N --impostors fvc|all --json\` (each in its own process,
peak RSS by GNU time), \`npx tsx scripts/bench/extract.ts <folder> --dpi N --runs ${runs}\`,
\`npx tsx scripts/bench/match.ts <folder> --dpi N --runs ${runs}\`, and reads the peer's CSVs from
\`/usr/bin/python3 ../shared/tools/libfprint_peer.py <folder> --impostors fvc|all --out DIR/db1_fvc.csv\` (etc.).

EER is taken where |FMR − FNMR| is smallest over all observed scores (mean of the two), for both engines.
Failures to enrol count as non-matches, never dropped.

### FVC protocol (280 genuine, 45 impostor comparisons per folder)

${table('fvc')}

With 45 impostors one false match is 2.2 % FMR, so FMR100 = FMR1000 = ZeroFMR.

### All cross-finger impostors (not FVC protocol: 280 genuine, 2,880 impostor comparisons per folder)

${table('all')}

${peerProblems.length ? `Peer runs left out: ${peerProblems.join('; ')}. ${EARLIER_PEER_ALL}` : ''}

### Against the goals of issue 4

| Goal | Target | Reached | |
|---|---|---|---|
| EER DB1_B (FVC) | ≤ 2.0 % | ${pct3(a('db1_fvc').ours.eer)} | ${meets(a('db1_fvc').ours.eer <= 0.02)}${peerNote('db1_fvc')} |
| EER DB2_B (FVC) | ≤ 1.0 % | ${pct3(a('db2_fvc').ours.eer)} | ${meets(a('db2_fvc').ours.eer <= 0.01)}${peerNote('db2_fvc')} |
| FNMR at zero FM, all impostors | ≤ 5 % each set | ${pct(a('db1_all').ours.zeroFmr)} / ${pct(a('db2_all').ours.zeroFmr)} | ${meets(a('db1_all').ours.zeroFmr <= 0.05 && a('db2_all').ours.zeroFmr <= 0.05)} |
| Extraction median, 388×374 (DB1_B) | ≤ 25 ms | ${extract1.extractMsMedian} ms wall (${extract1.cpuMsMedian} ms CPU) | ${meets(extract1.extractMsMedian <= 25)} |
| Comparisons per second, one core | ≥ 20,000 | ${match1.comparisonsPerSecondCpuMedian} (DB1_B) / ${match2.comparisonsPerSecondCpuMedian} (DB2_B) per CPU-second | ${meets(match1.comparisonsPerSecondCpuMedian >= 20000 && match2.comparisonsPerSecondCpuMedian >= 20000)} |
| Template of 100 minutiae | ≤ 2 KB | ${match1.templateBytes100Minutiae} bytes (INCITS 378, one view) | ${meets(match1.templateBytes100Minutiae <= 2048)} |
| Bench process peak RSS | ≤ 200 MB | ${peakMiB ? `${peakMiB.toFixed(0)} MiB = ${(peakMiB * 1.048576).toFixed(0)} MB (highest of the four bench runs)` : 'not measured (no /usr/bin/time)'} | ${peakMiB ? meets(peakMiB * 1.048576 <= 200) : ''} |

What limits accuracy (image names and details in \`docs/biometrics-notes.md\` §6–§8). Four DB1_B genuine
pairs still score below its top FVC impostor (107_1/108_1, 4.15):
- 103_4/103_8: 103_8's lower half is a dotted print with no visible minutiae;
- 110_4/110_6, 110_6/110_8 and 110_5/110_6: the impressions overlap little, and the skin is stretched 8–10 %.

That gives (4/280 + 1/45)/2 = 1.825 %. The margin is one pair: 110_6/110_7 scores 5.3. DB2_B's weakest
are 109_1/109_4 and 109_1/109_8. Every score here comes from the two sets the engine was tuned on; a
new sensor is the real test.

Peak RSS: \`node bin/station.mjs --version\` alone takes about 117 MiB (Node, tsx and every command module).
Under extraction's allocation rate (full-size planes per image) V8 grows its young generation to ~50 MB
of mostly garbage, so \`station fingerprint bench\` re-runs itself once with a 2 MB semi-space
(\`bin/station.mjs\`): 190–200 MiB before, about 140–150 MiB after, at the same speed. Reusing the planes
between images would remove the cause (next step).

### Speed details

| Folder | Extraction median (wall / CPU) | Comparisons per CPU-second | per wall second | Speed script peak RSS |
|---|---:|---:|---:|---:|
${SETS.map((set) => `| ${set.label} | ${s(set.key).extract.extractMsMedian} / ${s(set.key).extract.cpuMsMedian} ms | ${s(set.key).match.comparisonsPerSecondCpuMedian} | ${s(set.key).match.comparisonsPerSecondWallMedian} | ${s(set.key).match.peakRssMB} MB |`).join('\n')}

Extraction: median over ${extract1.images} images × ${runs} runs, native addon, decode excluded. Matcher: 3,160
comparisons per run (FVC genuine + all impostors), median of ${runs} runs; CPU seconds are the one-core figure.
On this shared machine the same build swings by ±25 % with what else runs; compare runs made back to back.

${HISTORY}
`;

console.log(body);
if (values['write-doc']) writeDocSection(join(root, 'docs', 'benchmarks.md'), '## Fingerprint engine (issue 4)', body);
