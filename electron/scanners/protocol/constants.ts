/**
 * Byte values of the station reference scanner protocol, version 1 (docs/scanner-protocol.md).
 * Every name here matches the document.
 */
export const PROTOCOL_VERSION = 1;

/** Vendor-defined usage page and usage of the reference protocol's HID interface. */
export const USAGE_PAGE_VENDOR_REFERENCE = 0xff00;
export const USAGE_REFERENCE_SCANNER = 0x01;

/** Every report is 64 bytes including the report id at byte 0. */
export const REPORT_SIZE = 64;
/** Image bytes carried by one IMAGE_CHUNK (64 − id − frame(2) − seq(2) − length(1)). */
export const CHUNK_DATA_MAX = 58;

/** Output reports, host → device. */
export const ReportId = {
  GET_INFO: 0x01,
  START_CAPTURE: 0x02,
  TAKE_IMAGE: 0x03,
  CANCEL: 0x04,
  /** Input reports, device → host. */
  DEVICE_INFO: 0x81,
  STATUS: 0x82,
  IMAGE_BEGIN: 0x83,
  IMAGE_CHUNK: 0x84,
  IMAGE_END: 0x85,
  ERROR: 0x86,
} as const;

/** STATUS byte 5. */
export const StatusEvent = {
  WAITING_FOR_FINGER: 0x01,
  FINGER_PRESENT: 0x02,
  FINGER_LIFTED: 0x03,
  CAPTURE_COMPLETE: 0x04,
  CANCELLED: 0x05,
} as const;
export type StatusEventName = keyof typeof StatusEvent;

/** IMAGE_BEGIN byte 7. */
export const FrameKind = {
  PREVIEW: 0x01,
  FINAL: 0x02,
} as const;
export type FrameKindName = keyof typeof FrameKind;

/** ERROR byte 5. */
export const DeviceErrorCode = {
  UNSUPPORTED_VERSION: 0x01,
  UNKNOWN_COMMAND: 0x02,
  BAD_PARAMETER: 0x03,
  BUSY: 0x04,
  NO_CAPTURE: 0x05,
  FINGER_TIMEOUT: 0x06,
  SENSOR_FAULT: 0x07,
  NO_FINGER: 0x08,
} as const;
export type DeviceErrorName = keyof typeof DeviceErrorCode;

/** DEVICE_INFO byte 9. */
export const DeviceInfoFlag = {
  SIMULATED: 0x01,
} as const;

export const SERIAL_MAX = 32;
export const PREVIEW_DIVISOR_MAX = 16;
/** ≤ 10 frames per second. */
export const PREVIEW_INTERVAL_MIN_MS = 100;
export const BITS_PER_PIXEL_GRAY8 = 8;

export function nameOf<T extends Record<string, number>>(table: T, value: number): keyof T | undefined {
  return (Object.keys(table) as (keyof T)[]).find((k) => table[k] === value);
}
