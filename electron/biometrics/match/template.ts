/**
 * The matcher's precomputed view of one print: minutiae in the reference frame, each minutia's nearest
 * neighbour edges described by rotation/translation-invariant shapes, a hash of those shapes for fast
 * root finding, and an occupancy grid standing in for the print area. Built once per template, then
 * compared many times with typed arrays only.
 */
import type { FingerprintFeatures } from '../types';
import { MatchParams, REFERENCE_DPI } from '../parameters';
import { StationError } from '../../common/errors';
import { edgeKeyRange, KEY_COUNT } from './edge-hash';
import { buildMinutiaGrid, type MinutiaGrid } from './minutia-grid';
import { buildAngleMasks, type AngleMasks } from './angle-masks';

const TWO_PI = 2 * Math.PI;

// Root voting reads the hash as 16-bit entries (half the memory it pulls in per comparison): keys,
// entries (at most 8 per voting edge) and minutia indices must fit.
if (KEY_COUNT > 0xffff || MatchParams.maxMinutiae * MatchParams.rootNeighbors * 8 > 0xffff) {
  throw new StationError('MATCH_HASH_TOO_LARGE', 'MatchParams give more edge-hash keys or entries than the matcher\'s 16-bit hash holds; lower maxMinutiae or rootNeighbors, or widen the bins.', { keys: KEY_COUNT });
}

/**
 * The fields of the minutia grid (minutiae by position, for consolidation) and of the angle masks
 * (growth's pre-filter) are inlined to keep one object shape.
 */
export interface MatchTemplate extends MinutiaGrid, AngleMasks {
  readonly count: number;
  readonly x: Float32Array;
  readonly y: Float32Array;
  /** Radians in [0, 2π), y axis up (as in types.ts). */
  readonly angle: Float32Array;
  /** Reliability 0..1 of each minutia (from its quality): spurious minutiae in poor areas weigh less. */
  readonly weight: Float32Array;
  /** Mean of `weight`: what one minutia of this print weighs on average (the unit of the overlap prior). */
  readonly meanWeight: number;
  /** Edges: CSR by owner minutia, nearest first. */
  readonly edgeStart: Int32Array;
  readonly edgeTo: Int32Array;
  readonly edgeLength: Float32Array;
  /** Edge direction relative to the owner's direction, [0, 2π). */
  readonly edgeFrom: Float32Array;
  /** Edge direction relative to the neighbour's direction, [0, 2π). */
  readonly edgeAt: Float32Array;
  /** The edge's own hash key (the bin its exact shape falls in). */
  readonly edgeKey: Int32Array;
  /** Edge ids by key, each edge listed under every bin within tolerance of its shape (CSR over keys). */
  readonly hashStart: Uint16Array;
  readonly hashEdge: Int32Array;
  /** Owner minutia of each hash entry, copied inline so root voting reads memory in order. */
  readonly hashOwner: Uint16Array;
  readonly edgeOwner: Int32Array;
  /** The edges that vote for roots (each owner's `rootNeighbors` nearest), in edge order: their key and owner. */
  readonly rootKey: Uint16Array;
  readonly rootOwner: Uint16Array;
  /** Occupancy grid (1 = print area) of `gridWidth` × `gridHeight` cells from (gridX, gridY). */
  readonly grid: Uint8Array;
  readonly gridX: number;
  readonly gridY: number;
  readonly gridWidth: number;
  readonly gridHeight: number;
  /** 0..100 image quality carried from extraction or the template. */
  readonly quality: number;
}

export const normalizeAngle = (a: number): number => {
  const r = a % TWO_PI;
  return r < 0 ? r + TWO_PI : r;
};

function buildGrid(x: Float32Array, y: Float32Array) {
  const cell = MatchParams.areaCell;
  const dil = MatchParams.areaDilation;
  if (x.length === 0) return { grid: new Uint8Array(0), gridX: 0, gridY: 0, gridWidth: 0, gridHeight: 0 };
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < x.length; i++) {
    minX = Math.min(minX, x[i]); maxX = Math.max(maxX, x[i]);
    minY = Math.min(minY, y[i]); maxY = Math.max(maxY, y[i]);
  }
  const gridX = minX - dil * cell;
  const gridY = minY - dil * cell;
  const gridWidth = Math.floor((maxX - gridX) / cell) + dil + 1;
  const gridHeight = Math.floor((maxY - gridY) / cell) + dil + 1;
  const grid = new Uint8Array(gridWidth * gridHeight);
  for (let i = 0; i < x.length; i++) {
    const cx = Math.floor((x[i] - gridX) / cell);
    const cy = Math.floor((y[i] - gridY) / cell);
    for (let dy = -dil; dy <= dil; dy++) {
      for (let dx = -dil; dx <= dil; dx++) {
        const gx = cx + dx, gy = cy + dy;
        if (gx >= 0 && gy >= 0 && gx < gridWidth && gy < gridHeight) grid[gy * gridWidth + gx] = 1;
      }
    }
  }
  return { grid, gridX, gridY, gridWidth, gridHeight };
}

/** Quality 0..100 → weight in [minimum, 1]: a floor so that no minutia is ignored outright. */
export function minutiaWeight(quality: number): number {
  const floor = MatchParams.minimumWeight;
  return floor + (1 - floor) * Math.min(1, Math.max(0, quality / 100));
}

export function prepareTemplate(features: FingerprintFeatures): MatchTemplate {
  const scale = REFERENCE_DPI / features.dpi;
  const chosen = features.minutiae.length <= MatchParams.maxMinutiae
    ? features.minutiae
    : [...features.minutiae].sort((a, b) => b.quality - a.quality).slice(0, MatchParams.maxMinutiae);
  const n = chosen.length;
  const x = new Float32Array(n), y = new Float32Array(n), angle = new Float32Array(n), weight = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = chosen[i].x * scale;
    // Flip y so that positions and angles share one counter-clockwise, y-up frame.
    y[i] = -chosen[i].y * scale;
    angle[i] = normalizeAngle(chosen[i].angle);
    weight[i] = minutiaWeight(chosen[i].quality);
  }
  let weightSum = 0;
  for (let i = 0; i < n; i++) weightSum += weight[i];
  const meanWeight = n ? weightSum / n : 1;

  // k nearest neighbours of each minutia within the edge length window.
  const k = MatchParams.neighbors;
  const edgeStart = new Int32Array(n + 1);
  const to: number[] = [], len: number[] = [];
  const dist = new Float64Array(n);
  const order: number[] = [];
  for (let i = 0; i < n; i++) {
    edgeStart[i] = to.length;
    order.length = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const d = Math.hypot(x[j] - x[i], y[j] - y[i]);
      dist[j] = d;
      if (d >= MatchParams.minEdgeLength && d <= MatchParams.maxEdgeLength) order.push(j);
    }
    order.sort((a, b) => dist[a] - dist[b]);
    for (let t = 0; t < Math.min(k, order.length); t++) {
      to.push(order[t]);
      len.push(dist[order[t]]);
    }
  }
  edgeStart[n] = to.length;
  const m = to.length;
  const edgeTo = Int32Array.from(to);
  const edgeLength = Float32Array.from(len);
  const edgeFrom = new Float32Array(m), edgeAt = new Float32Array(m), edgeOwner = new Int32Array(m), edgeKey = new Int32Array(m);
  const ranges: number[][] = [];
  for (let i = 0; i < n; i++) {
    for (let e = edgeStart[i]; e < edgeStart[i + 1]; e++) {
      const j = edgeTo[e];
      const dir = Math.atan2(y[j] - y[i], x[j] - x[i]);
      edgeOwner[e] = i;
      edgeFrom[e] = normalizeAngle(dir - angle[i]);
      edgeAt[e] = normalizeAngle(dir - angle[j]);
      const r = edgeKeyRange(edgeLength[e], edgeFrom[e], edgeAt[e]);
      edgeKey[e] = r.exact;
      // Only the nearest edges vote for roots (the rest still serve pairing growth).
      ranges.push(e - edgeStart[i] < MatchParams.rootNeighbors ? r.keys : []);
    }
  }
  // Counting sort of (key, edge) into CSR.
  const hashStart = new Uint16Array(KEY_COUNT + 1);
  for (const keys of ranges) for (const key of keys) hashStart[key + 1]++;
  for (let q = 0; q < KEY_COUNT; q++) hashStart[q + 1] += hashStart[q];
  const fill = hashStart.slice(0, KEY_COUNT);
  const hashEdge = new Int32Array(hashStart[KEY_COUNT]);
  ranges.forEach((keys, e) => {
    for (const key of keys) hashEdge[fill[key]++] = e;
  });
  const hashOwner = new Uint16Array(hashEdge.length);
  hashEdge.forEach((e, h) => {
    hashOwner[h] = edgeOwner[e];
  });
  const voting = Array.from(edgeOwner.keys()).filter((e) => e - edgeStart[edgeOwner[e]] < MatchParams.rootNeighbors);
  const rootKey = Uint16Array.from(voting, (e) => edgeKey[e]);
  const rootOwner = Uint16Array.from(voting, (e) => edgeOwner[e]);
  const g = buildGrid(x, y);
  const near = buildMinutiaGrid(x, y);
  const masks = buildAngleMasks(edgeStart, edgeFrom, edgeAt);
  // A fixed-shape object (not a spread literal) keeps property access monomorphic in the hot loops.
  const t: MatchTemplate = {
    count: n, x, y, angle, weight, meanWeight, edgeStart, edgeTo, edgeLength, edgeFrom, edgeAt, edgeKey, hashStart, hashEdge, hashOwner, edgeOwner, rootKey, rootOwner,
    grid: g.grid, gridX: g.gridX, gridY: g.gridY, gridWidth: g.gridWidth, gridHeight: g.gridHeight,
    nearX: near.nearX, nearY: near.nearY, nearWidth: near.nearWidth, nearHeight: near.nearHeight, nearStart: near.nearStart, nearItem: near.nearItem,
    fromBin: masks.fromBin, atBin: masks.atBin, fromMask: masks.fromMask, atMask: masks.atMask,
    quality: features.quality,
  };
  return t;
}
