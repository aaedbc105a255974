import { malformedReport } from '../errors';
import {
  CHUNK_DATA_MAX, DeviceErrorCode, DeviceInfoFlag, FrameKind, REPORT_SIZE, ReportId, SERIAL_MAX, StatusEvent,
  nameOf, type DeviceErrorName, type FrameKindName, type StatusEventName,
} from './constants';

/** Reports the host sends (docs/scanner-protocol.md, "Output reports"). */
export type HostReport =
  | { type: 'GET_INFO'; version: number }
  | { type: 'START_CAPTURE'; tag: number; previewDivisor: number; previewIntervalMs: number; fingerTimeoutS: number }
  | { type: 'TAKE_IMAGE'; tag: number }
  | { type: 'CANCEL'; tag: number };

export interface DeviceInfoReport {
  type: 'DEVICE_INFO';
  version: number;
  width: number;
  height: number;
  dpi: number;
  bitsPerPixel: number;
  simulated: boolean;
  firmware: { major: number; minor: number };
  serial: string;
}
/** What identifies and sizes one image frame, on the wire and once assembled. */
export interface FrameHeader {
  tag: number;
  frame: number;
  kind: FrameKindName;
  width: number;
  height: number;
  dpi: number;
}
/** One whole frame: 8-bit gray, row-major, width × height bytes. */
export interface ImageFrame extends FrameHeader {
  pixels: Uint8Array;
}
export interface ImageBeginReport extends FrameHeader {
  type: 'IMAGE_BEGIN';
  totalLength: number;
  chunkCount: number;
}
export interface ImageChunkReport { type: 'IMAGE_CHUNK'; frame: number; seq: number; data: Uint8Array }
export interface ImageEndReport { type: 'IMAGE_END'; frame: number; chunkCount: number; totalLength: number; crc32: number }

/** Reports the device sends (docs/scanner-protocol.md, "Input reports"). */
export type DeviceReport =
  | DeviceInfoReport
  | { type: 'STATUS'; tag: number; event: StatusEventName }
  | ImageBeginReport
  | ImageChunkReport
  | ImageEndReport
  | { type: 'ERROR'; tag: number; error: DeviceErrorName | 'UNKNOWN'; code: number; causeReportId: number };

export type AnyReport = HostReport | DeviceReport;

function writer(id: number): { buf: Uint8Array; view: DataView } {
  const buf = new Uint8Array(REPORT_SIZE);
  buf[0] = id;
  return { buf, view: new DataView(buf.buffer) };
}

function u8(v: number, what: string): number {
  if (!Number.isInteger(v) || v < 0 || v > 0xff) throw malformedReport(`${what} ${v} does not fit one byte`);
  return v;
}
function u16(v: number, what: string): number {
  if (!Number.isInteger(v) || v < 0 || v > 0xffff) throw malformedReport(`${what} ${v} does not fit two bytes`);
  return v;
}
function u32(v: number, what: string): number {
  if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw malformedReport(`${what} ${v} does not fit four bytes`);
  return v;
}

/** Encodes one report into its 64 bytes (report id at byte 0). */
export function encodeReport(r: AnyReport): Uint8Array {
  switch (r.type) {
    case 'GET_INFO': {
      const { buf } = writer(ReportId.GET_INFO);
      buf[1] = u8(r.version, 'version');
      return buf;
    }
    case 'START_CAPTURE': {
      const { buf, view } = writer(ReportId.START_CAPTURE);
      view.setUint32(1, u32(r.tag, 'tag'), true);
      buf[5] = u8(r.previewDivisor, 'preview divisor');
      view.setUint16(6, u16(r.previewIntervalMs, 'preview interval'), true);
      view.setUint16(8, u16(r.fingerTimeoutS, 'finger timeout'), true);
      return buf;
    }
    case 'TAKE_IMAGE':
    case 'CANCEL': {
      const { buf, view } = writer(r.type === 'TAKE_IMAGE' ? ReportId.TAKE_IMAGE : ReportId.CANCEL);
      view.setUint32(1, u32(r.tag, 'tag'), true);
      return buf;
    }
    case 'DEVICE_INFO': {
      const { buf, view } = writer(ReportId.DEVICE_INFO);
      buf[1] = u8(r.version, 'version');
      view.setUint16(2, u16(r.width, 'width'), true);
      view.setUint16(4, u16(r.height, 'height'), true);
      view.setUint16(6, u16(r.dpi, 'dpi'), true);
      buf[8] = u8(r.bitsPerPixel, 'bits per pixel');
      buf[9] = r.simulated ? DeviceInfoFlag.SIMULATED : 0;
      buf[10] = u8(r.firmware.major, 'firmware major');
      buf[11] = u8(r.firmware.minor, 'firmware minor');
      const serial = new TextEncoder().encode(r.serial);
      if (serial.length > SERIAL_MAX || /[^\x20-\x7e]/.test(r.serial)) throw malformedReport('serial must be at most 32 printable ASCII characters');
      buf[12] = serial.length;
      buf.set(serial, 13);
      return buf;
    }
    case 'STATUS': {
      const { buf, view } = writer(ReportId.STATUS);
      view.setUint32(1, u32(r.tag, 'tag'), true);
      buf[5] = StatusEvent[r.event];
      return buf;
    }
    case 'IMAGE_BEGIN': {
      const { buf, view } = writer(ReportId.IMAGE_BEGIN);
      view.setUint32(1, u32(r.tag, 'tag'), true);
      view.setUint16(5, u16(r.frame, 'frame'), true);
      buf[7] = FrameKind[r.kind];
      view.setUint16(8, u16(r.width, 'width'), true);
      view.setUint16(10, u16(r.height, 'height'), true);
      view.setUint16(12, u16(r.dpi, 'dpi'), true);
      view.setUint32(14, u32(r.totalLength, 'total length'), true);
      view.setUint16(18, u16(r.chunkCount, 'chunk count'), true);
      return buf;
    }
    case 'IMAGE_CHUNK': {
      const { buf, view } = writer(ReportId.IMAGE_CHUNK);
      if (r.data.length < 1 || r.data.length > CHUNK_DATA_MAX) throw malformedReport(`chunk length ${r.data.length} is not 1..${CHUNK_DATA_MAX}`);
      view.setUint16(1, u16(r.frame, 'frame'), true);
      view.setUint16(3, u16(r.seq, 'sequence'), true);
      buf[5] = r.data.length;
      buf.set(r.data, 6);
      return buf;
    }
    case 'IMAGE_END': {
      const { buf, view } = writer(ReportId.IMAGE_END);
      view.setUint16(1, u16(r.frame, 'frame'), true);
      view.setUint16(3, u16(r.chunkCount, 'chunk count'), true);
      view.setUint32(5, u32(r.totalLength, 'total length'), true);
      view.setUint32(9, u32(r.crc32, 'crc32'), true);
      return buf;
    }
    case 'ERROR': {
      const { buf, view } = writer(ReportId.ERROR);
      view.setUint32(1, u32(r.tag, 'tag'), true);
      buf[5] = u8(r.code, 'error code');
      buf[6] = u8(r.causeReportId, 'cause report id');
      return buf;
    }
  }
}

function reader(bytes: ArrayLike<number>, need: number, what: string): { b: Uint8Array; view: DataView } {
  const b = bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes);
  if (b.length < need) throw malformedReport(`${what} is ${b.length} bytes, needs at least ${need}`, { reportId: b[0] });
  return { b, view: new DataView(b.buffer, b.byteOffset, b.byteLength) };
}

/** Decodes one input report (device → host). Throws SCANNER_REPORT_MALFORMED for anything it cannot read. */
export function decodeDeviceReport(bytes: ArrayLike<number>): DeviceReport {
  if (bytes.length < 1) throw malformedReport('empty report');
  const id = bytes[0];
  switch (id) {
    case ReportId.DEVICE_INFO: {
      const { b, view } = reader(bytes, 13, 'DEVICE_INFO');
      const n = b[12];
      if (n > SERIAL_MAX || b.length < 13 + n) throw malformedReport(`DEVICE_INFO serial length ${n} is out of range`);
      return {
        type: 'DEVICE_INFO', version: b[1], width: view.getUint16(2, true), height: view.getUint16(4, true),
        dpi: view.getUint16(6, true), bitsPerPixel: b[8], simulated: (b[9] & DeviceInfoFlag.SIMULATED) !== 0,
        firmware: { major: b[10], minor: b[11] }, serial: new TextDecoder('ascii').decode(b.subarray(13, 13 + n)),
      };
    }
    case ReportId.STATUS: {
      const { b, view } = reader(bytes, 6, 'STATUS');
      const event = nameOf(StatusEvent, b[5]);
      if (!event) throw malformedReport(`unknown status event 0x${b[5].toString(16)}`);
      return { type: 'STATUS', tag: view.getUint32(1, true), event };
    }
    case ReportId.IMAGE_BEGIN: {
      const { b, view } = reader(bytes, 20, 'IMAGE_BEGIN');
      const kind = nameOf(FrameKind, b[7]);
      if (!kind) throw malformedReport(`unknown frame kind 0x${b[7].toString(16)}`);
      return {
        type: 'IMAGE_BEGIN', tag: view.getUint32(1, true), frame: view.getUint16(5, true), kind,
        width: view.getUint16(8, true), height: view.getUint16(10, true), dpi: view.getUint16(12, true),
        totalLength: view.getUint32(14, true), chunkCount: view.getUint16(18, true),
      };
    }
    case ReportId.IMAGE_CHUNK: {
      const { b, view } = reader(bytes, 6, 'IMAGE_CHUNK');
      const len = b[5];
      if (len < 1 || len > CHUNK_DATA_MAX || b.length < 6 + len) throw malformedReport(`chunk data length ${len} is out of range`);
      // Copy: node-hid may reuse the buffer behind the report.
      return { type: 'IMAGE_CHUNK', frame: view.getUint16(1, true), seq: view.getUint16(3, true), data: b.slice(6, 6 + len) };
    }
    case ReportId.IMAGE_END: {
      const { view } = reader(bytes, 13, 'IMAGE_END');
      return { type: 'IMAGE_END', frame: view.getUint16(1, true), chunkCount: view.getUint16(3, true), totalLength: view.getUint32(5, true), crc32: view.getUint32(9, true) };
    }
    case ReportId.ERROR: {
      const { b, view } = reader(bytes, 7, 'ERROR');
      return { type: 'ERROR', tag: view.getUint32(1, true), error: nameOf(DeviceErrorCode, b[5]) ?? 'UNKNOWN', code: b[5], causeReportId: b[6] };
    }
    default:
      throw malformedReport(`unknown input report id 0x${id.toString(16).padStart(2, '0')}`, { reportId: id });
  }
}

/** Decodes one output report (host → device); the simulator uses it. */
export function decodeHostReport(bytes: ArrayLike<number>): HostReport {
  if (bytes.length < 1) throw malformedReport('empty report');
  const id = bytes[0];
  switch (id) {
    case ReportId.GET_INFO: {
      const { b } = reader(bytes, 2, 'GET_INFO');
      return { type: 'GET_INFO', version: b[1] };
    }
    case ReportId.START_CAPTURE: {
      const { b, view } = reader(bytes, 10, 'START_CAPTURE');
      return { type: 'START_CAPTURE', tag: view.getUint32(1, true), previewDivisor: b[5], previewIntervalMs: view.getUint16(6, true), fingerTimeoutS: view.getUint16(8, true) };
    }
    case ReportId.TAKE_IMAGE:
    case ReportId.CANCEL: {
      const { view } = reader(bytes, 5, 'command');
      return { type: id === ReportId.TAKE_IMAGE ? 'TAKE_IMAGE' : 'CANCEL', tag: view.getUint32(1, true) };
    }
    default:
      throw malformedReport(`unknown output report id 0x${id.toString(16).padStart(2, '0')}`, { reportId: id });
  }
}
