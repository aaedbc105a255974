import { StationError, type ErrorDetails } from '../common/errors';

/**
 * Typed scanner errors. Codes are stable (the UI maps them to prompts); messages tell the operator
 * what happened and what to do.
 */
export const ScannerErrorCode = {
  REPORT_MALFORMED: 'SCANNER_REPORT_MALFORMED',
  CHUNK_OUT_OF_ORDER: 'SCANNER_CHUNK_OUT_OF_ORDER',
  CHUNK_MISSING: 'SCANNER_CHUNK_MISSING',
  IMAGE_CORRUPT: 'SCANNER_IMAGE_CORRUPT',
  TIMEOUT: 'SCANNER_TIMEOUT',
  DISCONNECTED: 'SCANNER_DISCONNECTED',
  UNSUPPORTED_VERSION: 'SCANNER_UNSUPPORTED_VERSION',
  DEVICE_ERROR: 'SCANNER_DEVICE_ERROR',
  CAPTURE_TIMEOUT: 'SCANNER_CAPTURE_TIMEOUT',
  CAPTURE_CANCELLED: 'SCANNER_CAPTURE_CANCELLED',
  BUSY: 'SCANNER_BUSY',
  NOT_FOUND: 'SCANNER_NOT_FOUND',
  NOT_OPEN: 'SCANNER_NOT_OPEN',
  HID_UNAVAILABLE: 'SCANNER_HID_UNAVAILABLE',
} as const;

const RECAPTURE = 'Ask the applicant to place the finger again and capture again.';

export class ScannerProtocolError extends StationError {
  constructor(code: string, message: string, details?: ErrorDetails) {
    super(code, message, details);
    this.name = 'ScannerProtocolError';
  }
}

export function malformedReport(why: string, details?: ErrorDetails): ScannerProtocolError {
  return new ScannerProtocolError(ScannerErrorCode.REPORT_MALFORMED, `The scanner sent a report the station cannot read (${why}). Unplug and replug the scanner; if it repeats, the scanner firmware is not compatible.`, details);
}

export function chunkOutOfOrder(details: ErrorDetails): ScannerProtocolError {
  return new ScannerProtocolError(ScannerErrorCode.CHUNK_OUT_OF_ORDER, `The scanner's image arrived out of order, so it was discarded. ${RECAPTURE}`, details);
}

export function chunkMissing(details: ErrorDetails): ScannerProtocolError {
  return new ScannerProtocolError(ScannerErrorCode.CHUNK_MISSING, `Part of the scanner's image did not arrive, so it was discarded. ${RECAPTURE}`, details);
}

export function imageCorrupt(details: ErrorDetails): ScannerProtocolError {
  return new ScannerProtocolError(ScannerErrorCode.IMAGE_CORRUPT, `The scanner's image was damaged in transfer (checksum mismatch), so it was discarded. ${RECAPTURE}`, details);
}

/** The scanner went away (unplugged, or the HID read/write failed). */
export class ScannerDisconnected extends StationError {
  constructor(scannerId: string, details?: ErrorDetails, options?: { cause?: unknown }) {
    super(ScannerErrorCode.DISCONNECTED, 'The fingerprint scanner was disconnected. Plug it back in, wait until it shows as ready, then capture again.', { scannerId, ...details }, options);
    this.name = 'ScannerDisconnected';
  }
}

/** The device stopped answering in the middle of a command or transfer. */
export class ScannerTimeout extends StationError {
  constructor(scannerId: string, waitedMs: number, details?: ErrorDetails) {
    super(ScannerErrorCode.TIMEOUT, `The fingerprint scanner stopped responding (nothing for ${waitedMs} ms). Unplug and replug it, then capture again.`, { scannerId, waitedMs, ...details });
    this.name = 'ScannerTimeout';
  }
}

/** No good image within the capture time limit (the device is fine; the finger never settled). */
export class CaptureTimeout extends StationError {
  constructor(captureId: string, timeoutMs: number) {
    super(ScannerErrorCode.CAPTURE_TIMEOUT, `No usable fingerprint within ${Math.round(timeoutMs / 1000)} s. Ask the applicant to place the finger flat in the middle of the sensor and start the capture again.`, { captureId, timeoutMs });
    this.name = 'CaptureTimeout';
  }
}

export class CaptureCancelled extends StationError {
  constructor(captureId: string) {
    super(ScannerErrorCode.CAPTURE_CANCELLED, 'The capture was cancelled. Start it again when ready.', { captureId });
    this.name = 'CaptureCancelled';
  }
}

export class ScannerDeviceError extends StationError {
  constructor(scannerId: string, deviceError: string, message: string) {
    super(ScannerErrorCode.DEVICE_ERROR, message, { scannerId, deviceError });
    this.name = 'ScannerDeviceError';
  }
}
