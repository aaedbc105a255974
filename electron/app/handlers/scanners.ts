import type { Station } from '../station';
import type { HandlerTable } from '../dispatch';

type ScannerHandlers = Pick<HandlerTable, 'scanners.testCapture' | 'scanners.cancelCapture'>;

export function scannerHandlers(station: Station): ScannerHandlers {
  const service = station.hardware.scannerService;
  return {
    'scanners.testCapture': ({ scannerId, timeoutMs }) => service.startTestCapture(scannerId, timeoutMs === undefined ? {} : { timeoutMs }),
    'scanners.cancelCapture': async ({ captureId }) => ({ cancelled: await service.cancelCapture(captureId) }),
  };
}
