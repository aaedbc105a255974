/**
 * Typed errors shared by every layer. An error that crosses IPC is always `{code, message, details}`:
 * `code` is stable and machine-readable, `message` is a sentence a user can act on (what happened and
 * what to do), `details` carries data (never secrets).
 */
export type ErrorDetails = Record<string, unknown>;

export interface StationErrorShape {
  code: string;
  message: string;
  details?: ErrorDetails;
}

export class StationError extends Error implements StationErrorShape {
  readonly code: string;
  readonly details?: ErrorDetails;

  constructor(code: string, message: string, details?: ErrorDetails, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StationError';
    this.code = code;
    if (details !== undefined) this.details = details;
  }

  toJSON(): StationErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isStationError(e: unknown): e is StationError {
  return e instanceof StationError;
}

/** Turn anything thrown into the wire shape; unknown errors never leak their stack or internals. */
export function toErrorShape(e: unknown): StationErrorShape {
  if (e instanceof StationError) return e.toJSON();
  return {
    code: 'INTERNAL',
    message: 'Something went wrong inside the station. The details are in the station log; try again, and report it if it repeats.',
  };
}

/**
 * Bad input from the person or file at the other end (a malformed field, a garbage hex string, an
 * unreadable image). The CLI exits 2 for these; the UI shows them beside the field.
 */
export class InvalidInputError extends StationError {
  constructor(code: string, message: string, details?: ErrorDetails, options?: { cause?: unknown }) {
    super(code, message, details, options);
    this.name = 'InvalidInputError';
  }
}
