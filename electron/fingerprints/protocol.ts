/**
 * Messages between the main thread and the fingerprint worker. Pixels and file bytes travel as an
 * ArrayBuffer in the transfer list (one copy on the main side, none in between); features come back as
 * plain data. Errors cross as their wire shape and are rebuilt on the main side with the same class,
 * code, message and details, so a caller sees exactly what in-process extraction would have thrown.
 */
import { InvalidInputError, StationError, type ErrorDetails } from '../common/errors';
import type { EngineName } from '../biometrics/extraction/kernels';
import type { FingerprintFeatures } from '../biometrics/types';

export type WorkerRequest =
  | { id: number; kind: 'image'; engine: EngineName; width: number; height: number; dpi: number; pixels: ArrayBuffer }
  | { id: number; kind: 'bytes'; engine: EngineName; bytes: ArrayBuffer; dpi?: number };

export interface WireError {
  name: string;
  message: string;
  code?: string;
  details?: ErrorDetails;
}

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'result'; id: number; features: FingerprintFeatures }
  | { type: 'error'; id: number; error: WireError };

export function toWireError(e: unknown): WireError {
  if (e instanceof StationError) {
    return { name: e.name, message: e.message, code: e.code, ...(e.details === undefined ? {} : { details: e.details }) };
  }
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: 'Error', message: String(e) };
}

/** The same class the worker threw where the station has one; anything else as a plain Error of that name. */
export function fromWireError(w: WireError): Error {
  if (w.code !== undefined) {
    return w.name === 'InvalidInputError' ? new InvalidInputError(w.code, w.message, w.details) : new StationError(w.code, w.message, w.details);
  }
  const e = new Error(w.message);
  e.name = w.name;
  return e;
}
