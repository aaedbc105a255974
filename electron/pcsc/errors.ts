/** Typed errors of the PC/SC adapter. Card removal uses the card edge's `CardRemovedError`. */
import { StationError, type ErrorDetails } from '../common/errors';

export const PCSC_ERROR = {
  SERVICE_NOT_RUNNING: 'PCSC_SERVICE_NOT_RUNNING',
  NO_READER: 'PCSC_NO_READER',
  NO_CARD: 'PCSC_NO_CARD',
  READER_BUSY: 'PCSC_READER_BUSY',
  TIMEOUT: 'PCSC_TIMEOUT',
  CARD_RESET: 'PCSC_CARD_RESET',
  FAILURE: 'PCSC_FAILURE',
} as const;

/** The text the UI and CLI show while pcscd is unreachable. */
export const PCSC_SERVICE_NOT_RUNNING_TEXT = 'PC/SC service not running';

export class PcscError extends StationError {
  constructor(code: string, message: string, details?: ErrorDetails, options?: { cause?: unknown }) {
    super(code, message, details, options);
    this.name = 'PcscError';
  }
}

export const pcscErrors = {
  serviceNotRunning: (details?: ErrorDetails, cause?: unknown) =>
    new PcscError(PCSC_ERROR.SERVICE_NOT_RUNNING, `${PCSC_SERVICE_NOT_RUNNING_TEXT}: start pcscd (systemctl start pcscd) and the station reconnects by itself.`, details, { cause }),
  noReader: (wanted?: string) =>
    new PcscError(
      PCSC_ERROR.NO_READER,
      wanted ? `No card reader named '${wanted}' is connected. Plug it in or pick another reader.` : 'No card reader is connected. Plug one in and try again.',
      wanted ? { reader: wanted } : undefined,
    ),
  noCard: (reader: string, timeoutMs: number) =>
    new PcscError(PCSC_ERROR.NO_CARD, `No card in reader '${reader}' after ${Math.round(timeoutMs / 1000)} s. Insert the card and try again.`, { reader, timeoutMs }),
  busy: (reader: string, timeoutMs: number) =>
    new PcscError(PCSC_ERROR.READER_BUSY, `Reader '${reader}' is in use by another program. Close it (or wait) and try again.`, { reader, timeoutMs }),
  timeout: (reader: string, what: string, timeoutMs: number) =>
    new PcscError(PCSC_ERROR.TIMEOUT, `The card in '${reader}' did not answer ${what} within ${timeoutMs} ms. Re-insert the card and repeat the step.`, { reader, timeoutMs }),
  cardReset: (reader: string) =>
    new PcscError(PCSC_ERROR.CARD_RESET, `The card in '${reader}' was reset by another program during the operation. Repeat the step.`, { reader }),
  failure: (reader: string, what: string, pcscCode?: string, cause?: unknown) =>
    new PcscError(PCSC_ERROR.FAILURE, `The reader '${reader}' failed to ${what}. Re-insert the card or reconnect the reader and try again.`, { reader, ...(pcscCode ? { pcscCode } : {}) }, { cause }),
};
