/**
 * `station fingerprint extract|compare|bench`: the fingerprint engine from the command line.
 * This file is the adapter: it reads and writes files; the engine under electron/biometrics is pure.
 * Extraction runs synchronously in this thread, unlike in the app (electron/fingerprints): a one-shot
 * or batch command has no event loop to keep responsive, and `bench` times extraction itself.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InvalidInputError, StationError } from '../../common/errors';
import type { CliCommand, CliContext } from '../command';
import { decodeImage } from '../../biometrics/image/decode';
import { extractFeatures } from '../../biometrics/extract';
import type { EngineName } from '../../biometrics/extraction/kernels';
import type { FingerprintFeatures } from '../../biometrics/types';
import { decodeTemplate, encodeTemplate, featuresToRecord, recordToFeatures, sniffTemplateFormat, type TemplateFormat } from '../../biometrics/templates';
import { verifyAny } from '../../biometrics/match';
import { runBench, type BenchSample } from '../../biometrics/bench/run';
import { parseSampleName, type ImpostorMode } from '../../biometrics/bench/protocol';

const DEFAULT_DPI = 500;

function parseDpi(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const dpi = Number(value);
  if (!Number.isFinite(dpi) || dpi <= 0) throw new InvalidInputError('INVALID_DPI', `--dpi must be a resolution in pixels per inch (e.g. 500), got '${String(value)}'.`);
  return dpi;
}

function parseEngine(value: unknown): EngineName {
  if (value === undefined || value === 'native' || value === 'typescript') return (value ?? 'native') as EngineName;
  throw new InvalidInputError('INVALID_ENGINE', `--engine must be 'native' or 'typescript', got '${String(value)}'.`);
}

function readInput(ctx: CliContext, path: string): Uint8Array {
  const full = resolve(ctx.io.cwd, path);
  try {
    return readFileSync(full);
  } catch (cause) {
    throw new InvalidInputError('FILE_UNREADABLE', `Cannot read ${path} (${(cause as NodeJS.ErrnoException).code ?? 'error'}). Check the path.`, { path }, { cause });
  }
}

const extractFrom = (engine: EngineName) => (bytes: Uint8Array, dpi: number): FingerprintFeatures =>
  extractFeatures(decodeImage(bytes, { dpi }), { engine });

/** An image is extracted; a minutiae template (sniffed by its header) gives one feature set per finger view. */
function featuresOf(ctx: CliContext, path: string, dpi: number, engine: EngineName): FingerprintFeatures[] {
  const bytes = readInput(ctx, path);
  if (sniffTemplateFormat(bytes)) {
    const record = decodeTemplate(bytes);
    return record.views.map((_, i) => recordToFeatures(record, i));
  }
  return [extractFrom(engine)(bytes, dpi)];
}

const common = {
  dpi: { type: 'string' as const },
  engine: { type: 'string' as const },
};

export const fingerprintExtractCommand: CliCommand = {
  path: ['fingerprint', 'extract'],
  summary: 'Extract minutiae from a fingerprint image into an INCITS 378 or ISO 19794-2 template',
  usage: 'IMAGE [--dpi N] [--format incits378|iso19794] -o FILE [--json]',
  help: 'IMAGE is an 8-bit TIFF, PNG, BMP or PGM. --dpi gives its resolution (default 500). --engine typescript runs the reference kernels instead of the native addon.',
  options: { ...common, format: { type: 'string' }, output: { type: 'string', short: 'o' } },
  positionals: [1, 1],
  run(ctx) {
    const format = (ctx.values.format ?? 'incits378') as TemplateFormat;
    if (format !== 'incits378' && format !== 'iso19794') {
      throw new InvalidInputError('INVALID_FORMAT', `--format must be 'incits378' or 'iso19794', got '${String(ctx.values.format)}'.`);
    }
    const output = ctx.values.output;
    if (typeof output !== 'string' || output === '') throw new InvalidInputError('USAGE', 'Give the template file to write with -o FILE.');
    const dpi = parseDpi(ctx.values.dpi) ?? DEFAULT_DPI;
    const features = extractFrom(parseEngine(ctx.values.engine))(readInput(ctx, ctx.positionals[0]), dpi);
    const bytes = encodeTemplate(featuresToRecord(features, { format }));
    try {
      writeFileSync(resolve(ctx.io.cwd, output), bytes);
    } catch (cause) {
      throw new StationError('FILE_UNWRITABLE', `Cannot write ${output} (${(cause as NodeJS.ErrnoException).code ?? 'error'}). Check the folder exists and is writable.`, { path: output }, { cause });
    }
    const summary = { file: output, format, minutiae: features.minutiae.length, quality: features.quality, bytes: bytes.length };
    if (ctx.json) ctx.printJson(summary);
    else ctx.io.out(`wrote ${output}: ${format}, ${summary.minutiae} minutiae, image quality ${summary.quality}, ${summary.bytes} bytes`);
    return 0;
  },
};

export const fingerprintCompareCommand: CliCommand = {
  path: ['fingerprint', 'compare'],
  summary: 'Compare two fingerprints (images or templates) 1:1',
  usage: 'PROBE CANDIDATE [--dpi N] [--json]',
  help: 'Each side is an image or an INCITS 378 / ISO 19794-2 template (recognised by its header). A candidate template with two finger views is matched best-of-two. --dpi applies to images only.',
  options: { ...common },
  positionals: [2, 2],
  run(ctx) {
    const dpi = parseDpi(ctx.values.dpi) ?? DEFAULT_DPI;
    const engine = parseEngine(ctx.values.engine);
    const [probe] = featuresOf(ctx, ctx.positionals[0], dpi, engine);
    const candidates = featuresOf(ctx, ctx.positionals[1], dpi, engine);
    const r = verifyAny(probe, candidates);
    if (ctx.json) ctx.printJson(r);
    else ctx.io.out(`${r.match ? 'MATCH' : 'NO MATCH'}: score ${r.score} (threshold ${r.threshold}); quality probe ${r.probeQuality}, candidate ${r.candidateQuality}`);
    return 0;
  },
};

export const fingerprintBenchCommand: CliCommand = {
  path: ['fingerprint', 'bench'],
  summary: 'Score the engine on a folder of <finger>_<impression> images by the FVC protocol',
  usage: 'DIR [--dpi N] [--impostors fvc|all] [--scores] [--json]',
  help: [
    'Genuine: every pair of impressions of a finger (enrol the earlier one). Impostors: fvc = impression 1',
    'of each finger against impression 1 of every later finger; all = every impression against every',
    'impression of every other finger (not the FVC protocol). A failure to enrol is a non-match, never',
    'dropped. Rates are fractions (0.021 = 2.1 %). --scores adds every score to the JSON.',
  ].join('\n'),
  options: { ...common, impostors: { type: 'string' }, scores: { type: 'boolean' } },
  positionals: [1, 1],
  run(ctx) {
    const dir = resolve(ctx.io.cwd, ctx.positionals[0]);
    const impostors = (ctx.values.impostors ?? 'fvc') as ImpostorMode;
    if (impostors !== 'fvc' && impostors !== 'all') throw new InvalidInputError('INVALID_IMPOSTORS', `--impostors must be 'fvc' or 'all', got '${String(ctx.values.impostors)}'.`);
    let names: string[];
    try {
      if (!statSync(dir).isDirectory()) throw new Error('not a directory');
      names = readdirSync(dir);
    } catch (cause) {
      throw new InvalidInputError('BENCH_DIR_UNREADABLE', `Cannot read the folder ${ctx.positionals[0]}. Give a folder of <finger>_<impression>.tif images.`, { dir }, { cause });
    }
    const samples: BenchSample[] = names.flatMap((n) => {
      const id = parseSampleName(n);
      return id ? [{ id, read: () => readFileSync(join(dir, n)) }] : [];
    });
    const report = runBench(samples, {
      dpi: parseDpi(ctx.values.dpi) ?? DEFAULT_DPI,
      impostors,
      extract: extractFrom(parseEngine(ctx.values.engine)),
      progress: (line) => ctx.io.err(line),
    });
    const { scores, ...summary } = report;
    if (ctx.json) {
      ctx.printJson(ctx.values.scores ? report : summary);
      return 0;
    }
    const pct = (v: number) => `${(100 * v).toFixed(2)} %`;
    ctx.io.out([
      `${ctx.positionals[0]}: ${summary.genuine} genuine, ${summary.impostor} impostor (${impostors}) comparisons, ${summary.failuresToEnroll} failures to enrol`,
      `EER ${pct(summary.eer)}  FMR100 ${pct(summary.fmr100)}  FMR1000 ${pct(summary.fmr1000)}  ZeroFMR ${pct(summary.zeroFmr)}`,
      `extraction median ${summary.extractMsMedian} ms, comparison median ${summary.compareUsMedian} µs`,
    ].join('\n'));
    void scores;
    return 0;
  },
};

export const fingerprintCommands: CliCommand[] = [fingerprintExtractCommand, fingerprintCompareCommand, fingerprintBenchCommand];
