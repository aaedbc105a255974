/**
 * The one place where status words become typed errors. Callers pass a short context ("GET DATA 5FC102",
 * "VERIFY PIN") that ends up in the message so the user learns which step failed.
 */
import { SW, SW1, SW2_RETRY_COUNTER_MASK } from './constants';
import type { ResponseApdu } from './apdu';
import {
  AuthenticationBlockedError,
  type CardStatusError,
  ConditionsNotSatisfiedError,
  IncorrectDataError,
  IncorrectParametersError,
  InvalidPinError,
  NotEnoughMemoryError,
  NotFoundError,
  NotSupportedError,
  SecurityStatusNotSatisfiedError,
  UnexpectedStatusError,
  WrongLengthError,
} from './errors';

/** 63 Cx → x (tries left); undefined for any other status word. */
export function retriesFromSw(sw: number): number | undefined {
  if (sw >>> 8 !== SW1.VERIFY_FAILED) return undefined;
  const sw2 = sw & 0xff;
  if ((sw2 & 0xf0) !== SW2_RETRY_COUNTER_MASK) return undefined;
  return sw2 & 0x0f;
}

/** Maps a non-success status word to its typed error. */
export function errorForStatus(sw: number, context: string, credential = 'PIN'): CardStatusError {
  const retries = retriesFromSw(sw);
  if (retries !== undefined) return new InvalidPinError(sw, retries, credential);
  if (sw >>> 8 === SW1.WRONG_LE) return new WrongLengthError(sw, context);
  switch (sw) {
    case SW.WRONG_LENGTH:
      return new WrongLengthError(sw, context);
    case SW.SECURITY_STATUS_NOT_SATISFIED:
      return new SecurityStatusNotSatisfiedError(sw, context);
    case SW.AUTHENTICATION_METHOD_BLOCKED:
      return new AuthenticationBlockedError(sw, context);
    case SW.CONDITIONS_OF_USE_NOT_SATISFIED:
      return new ConditionsNotSatisfiedError(sw, context);
    case SW.INCORRECT_DATA:
      return new IncorrectDataError(sw, context);
    case SW.FILE_OR_APPLICATION_NOT_FOUND:
      return new NotFoundError(sw, context);
    case SW.NOT_ENOUGH_MEMORY:
      return new NotEnoughMemoryError(sw, context);
    case SW.INCORRECT_P1_P2:
    case SW.REFERENCED_DATA_NOT_FOUND:
    case SW.WRONG_P1_P2:
      return new IncorrectParametersError(sw, context);
    case SW.FUNCTION_NOT_SUPPORTED:
    case SW.INS_NOT_SUPPORTED:
    case SW.CLA_NOT_SUPPORTED:
    case SW.COMMAND_CHAINING_NOT_SUPPORTED:
      return new NotSupportedError(sw, context);
    default:
      return new UnexpectedStatusError(sw, context);
  }
}

/** Returns the response data when the SW is 90 00, else throws the typed error. */
export function expectSuccess(res: ResponseApdu, context: string, credential?: string): Uint8Array {
  if (res.sw === SW.SUCCESS) return res.data;
  throw errorForStatus(res.sw, context, credential);
}
