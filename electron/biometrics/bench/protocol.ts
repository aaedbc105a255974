/**
 * Which comparisons the FVC2000/2002/2004 protocol runs on a folder of `<finger>_<impression>` images.
 * Genuine: every (i, j), i < j, of the same finger — enrol i, verify j. Impostor ("fvc"): the first
 * impression of each finger against the first of every later finger. "all" (not FVC; for finer FMR
 * steps): every impression against every impression of every other finger, no symmetric pairs.
 */
import { InvalidInputError } from '../../common/errors';

export interface SampleId {
  readonly finger: string;
  readonly impression: number;
  readonly name: string;
}

export type ImpostorMode = 'fvc' | 'all';

export interface Pair {
  readonly enrolled: SampleId;
  readonly probe: SampleId;
}

const NAME = /^([^_/\\]+)_(\d+)\.(tif|tiff|png|bmp|pgm)$/i;

export function parseSampleName(name: string): SampleId | undefined {
  const m = NAME.exec(name);
  return m ? { finger: m[1], impression: Number(m[2]), name } : undefined;
}

function byFinger(samples: readonly SampleId[]): Map<string, SampleId[]> {
  const map = new Map<string, SampleId[]>();
  const sorted = [...samples].sort((a, b) => (a.finger < b.finger ? -1 : a.finger > b.finger ? 1 : a.impression - b.impression));
  for (const s of sorted) {
    const list = map.get(s.finger) ?? [];
    list.push(s);
    map.set(s.finger, list);
  }
  return map;
}

export function protocolPairs(samples: readonly SampleId[], impostors: ImpostorMode): { genuine: Pair[]; impostor: Pair[] } {
  const fingers = byFinger(samples);
  if (fingers.size < 2) {
    throw new InvalidInputError('BENCH_TOO_FEW_FINGERS', 'The folder needs images of at least two fingers named <finger>_<impression>.<tif|png|bmp|pgm>.', { fingers: fingers.size });
  }
  const genuine: Pair[] = [];
  for (const list of fingers.values()) {
    for (let a = 0; a < list.length; a++) for (let b = a + 1; b < list.length; b++) genuine.push({ enrolled: list[a], probe: list[b] });
  }
  const impostor: Pair[] = [];
  const pool = impostors === 'fvc' ? [...fingers.values()].map((l) => l[0]) : [...fingers.values()].flat();
  for (let a = 0; a < pool.length; a++) {
    for (let b = a + 1; b < pool.length; b++) {
      if (pool[a].finger !== pool[b].finger) impostor.push({ enrolled: pool[a], probe: pool[b] });
    }
  }
  return { genuine, impostor };
}
