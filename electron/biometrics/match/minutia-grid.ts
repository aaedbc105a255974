/**
 * A bucket grid of one print's minutiae by position, so that "which minutiae lie within
 * `consolidationDistance` of this point" looks at the 3 × 3 cells around the point instead of every
 * minutia. Cells are a few pixels wider than that distance: a neighbour within it is then always in
 * an adjacent cell, with a margin far above any floating-point rounding of the cell index.
 */
import { MatchParams } from '../parameters';

export const NEAR_CELL = MatchParams.consolidationDistance + 4;

export interface MinutiaGrid {
  /** Origin and size (cells) of the grid. */
  readonly nearX: number;
  readonly nearY: number;
  readonly nearWidth: number;
  readonly nearHeight: number;
  /** Minutia indices by cell (CSR over cells, row-major), ascending within a cell. */
  readonly nearStart: Int32Array;
  readonly nearItem: Int32Array;
}

const EMPTY: MinutiaGrid = { nearX: 0, nearY: 0, nearWidth: 0, nearHeight: 0, nearStart: new Int32Array(1), nearItem: new Int32Array(0) };

export function buildMinutiaGrid(x: Float32Array, y: Float32Array): MinutiaGrid {
  // Consolidation off: nothing will ask.
  if (x.length === 0 || MatchParams.consolidationDistance <= 0) return EMPTY;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < x.length; i++) {
    minX = Math.min(minX, x[i]); maxX = Math.max(maxX, x[i]);
    minY = Math.min(minY, y[i]); maxY = Math.max(maxY, y[i]);
  }
  const nearWidth = Math.floor((maxX - minX) / NEAR_CELL) + 1;
  const nearHeight = Math.floor((maxY - minY) / NEAR_CELL) + 1;
  const cellOf = new Int32Array(x.length);
  const nearStart = new Int32Array(nearWidth * nearHeight + 1);
  for (let i = 0; i < x.length; i++) {
    const gx = Math.floor((x[i] - minX) / NEAR_CELL), gy = Math.floor((y[i] - minY) / NEAR_CELL);
    cellOf[i] = gy * nearWidth + gx;
    nearStart[cellOf[i] + 1]++;
  }
  for (let c = 0; c < nearWidth * nearHeight; c++) nearStart[c + 1] += nearStart[c];
  const fill = nearStart.slice(0, nearWidth * nearHeight);
  const nearItem = new Int32Array(x.length);
  for (let i = 0; i < x.length; i++) nearItem[fill[cellOf[i]]++] = i;
  return { nearX: minX, nearY: minY, nearWidth, nearHeight, nearStart, nearItem };
}
