import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeDeviceReport, decodeHostReport, encodeReport, type DeviceReport, type HostReport } from '../../../electron/scanners/protocol/codec';
import { REPORT_SIZE, ReportId } from '../../../electron/scanners/protocol/constants';
import { crc32 } from '../../../electron/scanners/protocol/crc32';
import { ScannerErrorCode } from '../../../electron/scanners/errors';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
}

describe('scanner protocol codec', () => {
  it('CRC-32 is the ISO-HDLC CRC (check value of "123456789" is 0xCBF43926)', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('round-trips every host report at exactly 64 bytes', () => {
    const reports: HostReport[] = [
      { type: 'GET_INFO', version: 1 },
      { type: 'START_CAPTURE', tag: 0xdeadbeef, previewDivisor: 4, previewIntervalMs: 150, fingerTimeoutS: 30 },
      { type: 'TAKE_IMAGE', tag: 7 },
      { type: 'CANCEL', tag: 8 },
    ];
    for (const r of reports) {
      const bytes = encodeReport(r);
      expect(bytes.length).toBe(REPORT_SIZE);
      expect(decodeHostReport(bytes)).toEqual(r);
    }
  });

  it('round-trips every device report', () => {
    const reports: DeviceReport[] = [
      { type: 'DEVICE_INFO', version: 1, width: 388, height: 374, dpi: 500, bitsPerPixel: 8, simulated: true, firmware: { major: 1, minor: 2 }, serial: 'SIM-0001' },
      { type: 'STATUS', tag: 3, event: 'FINGER_LIFTED' },
      { type: 'IMAGE_BEGIN', tag: 3, frame: 9, kind: 'FINAL', width: 388, height: 374, dpi: 500, totalLength: 145112, chunkCount: 2502 },
      { type: 'IMAGE_CHUNK', frame: 9, seq: 2501, data: Uint8Array.from([1, 2, 3]) },
      { type: 'IMAGE_END', frame: 9, chunkCount: 2502, totalLength: 145112, crc32: 0xcbf43926 },
      { type: 'ERROR', tag: 3, error: 'FINGER_TIMEOUT', code: 0x06, causeReportId: ReportId.START_CAPTURE },
    ];
    for (const r of reports) {
      const bytes = encodeReport(r);
      expect(bytes.length).toBe(REPORT_SIZE);
      expect(decodeDeviceReport(bytes)).toEqual(r);
    }
  });

  it('puts fields at the documented offsets (START_CAPTURE, little-endian)', () => {
    const b = encodeReport({ type: 'START_CAPTURE', tag: 0x04030201, previewDivisor: 4, previewIntervalMs: 0x0102, fingerTimeoutS: 30 });
    expect(Array.from(b.subarray(0, 10))).toEqual([0x02, 0x01, 0x02, 0x03, 0x04, 4, 0x02, 0x01, 30, 0]);
  });

  it('rejects unknown report ids, short reports and bad fields with SCANNER_REPORT_MALFORMED', () => {
    expect(codeOf(() => decodeDeviceReport([0x99, 0, 0]))).toBe(ScannerErrorCode.REPORT_MALFORMED);
    expect(codeOf(() => decodeDeviceReport([ReportId.IMAGE_BEGIN, 1, 2]))).toBe(ScannerErrorCode.REPORT_MALFORMED);
    expect(codeOf(() => decodeDeviceReport([]))).toBe(ScannerErrorCode.REPORT_MALFORMED);
    const status = encodeReport({ type: 'STATUS', tag: 1, event: 'CANCELLED' });
    status[5] = 0x7f;
    expect(codeOf(() => decodeDeviceReport(status))).toBe(ScannerErrorCode.REPORT_MALFORMED);
    const chunk = encodeReport({ type: 'IMAGE_CHUNK', frame: 1, seq: 0, data: new Uint8Array(10) });
    chunk[5] = 59;
    expect(codeOf(() => decodeDeviceReport(chunk))).toBe(ScannerErrorCode.REPORT_MALFORMED);
    expect(codeOf(() => encodeReport({ type: 'TAKE_IMAGE', tag: 2 ** 32 }))).toBe(ScannerErrorCode.REPORT_MALFORMED);
    expect(codeOf(() => decodeHostReport([0x81]))).toBe(ScannerErrorCode.REPORT_MALFORMED);
  });

  it('names an unknown device error code UNKNOWN and keeps the byte', () => {
    const b = encodeReport({ type: 'ERROR', tag: 0, error: 'UNKNOWN', code: 0x42, causeReportId: 0 });
    expect(decodeDeviceReport(b)).toMatchObject({ error: 'UNKNOWN', code: 0x42 });
  });

  it('property: any START_CAPTURE round-trips', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 0xffff }),
      (tag, previewDivisor, previewIntervalMs, fingerTimeoutS) => {
        const r: HostReport = { type: 'START_CAPTURE', tag, previewDivisor, previewIntervalMs, fingerTimeoutS };
        expect(decodeHostReport(encodeReport(r))).toEqual(r);
      }));
  });
});
