import { StationError } from '../common/errors';
import { CTAP2_STATUS as S, CTAP2_CMD, statusName } from './ctap2-constants';

/**
 * CTAP2 status codes become typed errors exactly once, here, with a sentence the operator can act on.
 * `details` carries the status name and counters, never a PIN or token.
 */
export class FidoError extends StationError {
  constructor(
    code: string,
    message: string,
    readonly status: number,
    details: Record<string, unknown> = {},
  ) {
    super(code, message, { status: statusName(status), ...details });
    this.name = 'FidoError';
  }
}

export class PinInvalidError extends FidoError {
  constructor(readonly retriesLeft: number | undefined) {
    super(
      'FIDO_PIN_INVALID',
      retriesLeft === undefined
        ? 'The PIN is wrong. Check it and try again.'
        : `The PIN is wrong: ${retriesLeft} ${retriesLeft === 1 ? 'try' : 'tries'} left before the key locks. Check it and try again.`,
      S.CTAP2_ERR_PIN_INVALID,
      retriesLeft === undefined ? {} : { retriesLeft },
    );
    this.name = 'PinInvalidError';
  }
}

export class PinBlockedError extends FidoError {
  constructor() {
    super('FIDO_PIN_BLOCKED', 'The key is locked after too many wrong PINs. It can only be reset (which erases it) and enrolled again.', S.CTAP2_ERR_PIN_BLOCKED);
    this.name = 'PinBlockedError';
  }
}

export class ResetNotAllowedError extends FidoError {
  constructor() {
    super(
      'FIDO_RESET_NOT_ALLOWED',
      'The key only accepts a reset in the first 10 seconds after it is plugged in. Unplug the key, plug it back in, and start the reset within 10 seconds.',
      S.CTAP2_ERR_NOT_ALLOWED,
    );
    this.name = 'ResetNotAllowedError';
  }
}

const MESSAGES: Partial<Record<number, [string, string]>> = {
  [S.CTAP2_ERR_PIN_AUTH_BLOCKED]: ['FIDO_PIN_AUTH_BLOCKED', 'The key refuses PINs after three wrong tries in a row. Unplug it, plug it back in, and try again.'],
  [S.CTAP2_ERR_PIN_NOT_SET]: ['FIDO_PIN_NOT_SET', 'The key has no PIN yet. Set a PIN first.'],
  [S.CTAP2_ERR_PIN_POLICY_VIOLATION]: ['FIDO_PIN_POLICY_VIOLATION', 'The key rejected the PIN: it is shorter than the key’s minimum length, the same as the old PIN, or a PIN change is required first. Choose another PIN.'],
  [S.CTAP2_ERR_PIN_AUTH_INVALID]: ['FIDO_PIN_AUTH_INVALID', 'The key rejected the station’s PIN authentication (the session may have expired). Try again.'],
  [S.CTAP2_ERR_PUAT_REQUIRED]: ['FIDO_PIN_REQUIRED', 'The key needs its PIN for this operation. Enter the PIN and try again.'],
  [S.CTAP2_ERR_UNAUTHORIZED_PERMISSION]: ['FIDO_PERMISSION_DENIED', 'The key did not grant the permission this operation needs. Try again; if it repeats, the key does not support it.'],
  [S.CTAP2_ERR_USER_ACTION_TIMEOUT]: ['FIDO_TOUCH_TIMEOUT', 'Nobody touched the key in time. Start again and touch the key when it blinks.'],
  [S.CTAP2_ERR_ACTION_TIMEOUT]: ['FIDO_TOUCH_TIMEOUT', 'The key timed out waiting for the operator. Start again.'],
  [S.CTAP2_ERR_KEEPALIVE_CANCEL]: ['FIDO_CANCELLED', 'The operation was cancelled.'],
  [S.CTAP2_ERR_OPERATION_DENIED]: ['FIDO_DENIED', 'The key refused the operation (the touch was declined).'],
  [S.CTAP1_ERR_INVALID_COMMAND]: ['FIDO_UNSUPPORTED', 'The key does not support this command.'],
  [S.CTAP2_ERR_INVALID_SUBCOMMAND]: ['FIDO_UNSUPPORTED', 'The key does not support this operation.'],
  [S.CTAP2_ERR_UNSUPPORTED_OPTION]: ['FIDO_UNSUPPORTED', 'The key does not support an option the station asked for.'],
  [S.CTAP1_ERR_CHANNEL_BUSY]: ['FIDO_BUSY', 'The key is busy with another program. Close other programs using it and try again.'],
  [S.CTAP2_ERR_NOT_ALLOWED]: ['FIDO_NOT_ALLOWED', 'The key does not allow this operation in its current state.'],
};

/** Maps a non-zero status to the typed error; `command` lets NOT_ALLOWED on reset get its own advice. */
export function ctapErrorFor(status: number, command: number, extra: { retriesLeft?: number } = {}): FidoError {
  if (status === S.CTAP2_ERR_PIN_INVALID) return new PinInvalidError(extra.retriesLeft);
  if (status === S.CTAP2_ERR_PIN_BLOCKED) return new PinBlockedError();
  if (status === S.CTAP2_ERR_NOT_ALLOWED && command === CTAP2_CMD.RESET) return new ResetNotAllowedError();
  const known = MESSAGES[status];
  if (known) return new FidoError(known[0], known[1], status);
  return new FidoError('FIDO_CTAP_ERROR', `The key answered with error ${statusName(status)}. Unplug it, plug it back in, and try again.`, status);
}
