/**
 * Typed errors of the card edge. Status words become these exactly once (see status.ts); everything
 * above the transport catches by class or by `code`. Details carry the status word and counters, never
 * PINs or keys.
 */
import { StationError, type ErrorDetails } from '../common/errors';

export const PIV_ERROR = {
  MALFORMED_DATA: 'PIV_MALFORMED_DATA',
  INVALID_PIN: 'PIV_INVALID_PIN',
  SECURITY_STATUS_NOT_SATISFIED: 'PIV_SECURITY_STATUS_NOT_SATISFIED',
  AUTHENTICATION_BLOCKED: 'PIV_AUTHENTICATION_BLOCKED',
  CONDITIONS_NOT_SATISFIED: 'PIV_CONDITIONS_NOT_SATISFIED',
  NOT_FOUND: 'PIV_NOT_FOUND',
  WRONG_LENGTH: 'PIV_WRONG_LENGTH',
  INCORRECT_DATA: 'PIV_INCORRECT_DATA',
  INCORRECT_PARAMETERS: 'PIV_INCORRECT_PARAMETERS',
  NOT_SUPPORTED: 'PIV_NOT_SUPPORTED',
  NOT_ENOUGH_MEMORY: 'PIV_NOT_ENOUGH_MEMORY',
  UNEXPECTED_STATUS: 'PIV_UNEXPECTED_STATUS',
  MANAGEMENT_KEY_REJECTED: 'PIV_MANAGEMENT_KEY_REJECTED',
  CARD_AUTHENTICATION_FAILED: 'PIV_CARD_AUTHENTICATION_FAILED',
  SIGNATURE_INVALID: 'PIV_SIGNATURE_INVALID',
  CARD_REMOVED: 'CARD_REMOVED',
} as const;

export function swHex(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}

/** Base class of every card-edge error, so callers can `instanceof PivError`. */
export class PivError extends StationError {
  constructor(code: string, message: string, details?: ErrorDetails, options?: { cause?: unknown }) {
    super(code, message, details, options);
    this.name = 'PivError';
  }
}

/** Bytes from the card (or a file) that do not parse: short response, truncated TLV, wrong tag. */
export class MalformedDataError extends PivError {
  constructor(what: string, details?: ErrorDetails, options?: { cause?: unknown }) {
    super(PIV_ERROR.MALFORMED_DATA, `${what}. The data is damaged or not a PIV object; re-insert the card and try again.`, details, options);
    this.name = 'MalformedDataError';
  }
}

/** A status word the card returned; `sw` is the 16-bit value. */
export class CardStatusError extends PivError {
  readonly sw: number;
  constructor(code: string, message: string, sw: number, details?: ErrorDetails) {
    super(code, message, { sw: swHex(sw), ...details });
    this.name = 'CardStatusError';
    this.sw = sw;
  }
}

export class InvalidPinError extends CardStatusError {
  readonly attemptsRemaining: number;
  constructor(sw: number, attemptsRemaining: number, context = 'PIN') {
    super(
      PIV_ERROR.INVALID_PIN,
      attemptsRemaining === 0
        ? `Wrong ${context}: no attempts left, it is now blocked. Unblock it with the PUK.`
        : `Wrong ${context}: ${attemptsRemaining} attempt(s) left before it is blocked. Check it and try again.`,
      sw,
      { attemptsRemaining },
    );
    this.name = 'InvalidPinError';
    this.attemptsRemaining = attemptsRemaining;
  }
}

export class SecurityStatusNotSatisfiedError extends CardStatusError {
  constructor(sw: number, context: string) {
    super(PIV_ERROR.SECURITY_STATUS_NOT_SATISFIED, `The card refused ${context}: the PIN or the management key has not been presented. Authenticate first and try again.`, sw);
    this.name = 'SecurityStatusNotSatisfiedError';
  }
}

export class AuthenticationBlockedError extends CardStatusError {
  constructor(sw: number, context: string) {
    super(PIV_ERROR.AUTHENTICATION_BLOCKED, `The card refused ${context}: the PIN, PUK or key is blocked. Unblock it (PUK) or reset the card.`, sw);
    this.name = 'AuthenticationBlockedError';
  }
}

export class ConditionsNotSatisfiedError extends CardStatusError {
  constructor(sw: number, context: string) {
    super(PIV_ERROR.CONDITIONS_NOT_SATISFIED, `The card refused ${context}: conditions of use not satisfied.`, sw);
    this.name = 'ConditionsNotSatisfiedError';
  }
}

export class NotFoundError extends CardStatusError {
  constructor(sw: number, context: string) {
    super(PIV_ERROR.NOT_FOUND, `${context}: the card has no such object or application. Check that this is a PIV card and that the object was written.`, sw);
    this.name = 'NotFoundError';
  }
}

export class WrongLengthError extends CardStatusError {
  constructor(sw: number, context: string) {
    super(PIV_ERROR.WRONG_LENGTH, `The card rejected the length of ${context}.`, sw);
    this.name = 'WrongLengthError';
  }
}

export class IncorrectDataError extends CardStatusError {
  constructor(sw: number, context: string) {
    super(PIV_ERROR.INCORRECT_DATA, `The card rejected the data of ${context} (bad format, e.g. a PIN that is not 6-8 digits).`, sw);
    this.name = 'IncorrectDataError';
  }
}

export class IncorrectParametersError extends CardStatusError {
  constructor(sw: number, context: string) {
    super(PIV_ERROR.INCORRECT_PARAMETERS, `The card rejected the parameters of ${context} (wrong slot, key reference or algorithm).`, sw);
    this.name = 'IncorrectParametersError';
  }
}

export class NotSupportedError extends CardStatusError {
  constructor(sw: number, context: string) {
    super(PIV_ERROR.NOT_SUPPORTED, `The card does not support ${context}.`, sw);
    this.name = 'NotSupportedError';
  }
}

export class NotEnoughMemoryError extends CardStatusError {
  constructor(sw: number, context: string) {
    super(PIV_ERROR.NOT_ENOUGH_MEMORY, `The card has no room for ${context}. Use a card with more memory or a smaller object.`, sw);
    this.name = 'NotEnoughMemoryError';
  }
}

export class UnexpectedStatusError extends CardStatusError {
  constructor(sw: number, context: string) {
    super(PIV_ERROR.UNEXPECTED_STATUS, `The card answered ${context} with unexpected status ${swHex(sw)}.`, sw);
    this.name = 'UnexpectedStatusError';
  }
}

/** The card did not accept our management key (9B) response. */
export class ManagementKeyRejectedError extends PivError {
  constructor(details?: ErrorDetails) {
    super(PIV_ERROR.MANAGEMENT_KEY_REJECTED, 'The card rejected the management key. Check the key and its algorithm (3DES or AES) and try again.', details);
    this.name = 'ManagementKeyRejectedError';
  }
}

/** In mutual authentication the card's answer to our challenge was wrong: not the card we expected. */
export class CardAuthenticationFailedError extends PivError {
  constructor() {
    super(PIV_ERROR.CARD_AUTHENTICATION_FAILED, 'The card did not prove it holds the same management key. Do not use this card; check it is genuine.');
    this.name = 'CardAuthenticationFailedError';
  }
}

/** A CMS signature (CHUID, Security Object, biometric) did not verify. */
export class SignatureInvalidError extends PivError {
  constructor(what: string, details?: ErrorDetails) {
    super(PIV_ERROR.SIGNATURE_INVALID, `The signature of ${what} is not valid. The object was altered or signed with another key; do not trust it.`, details);
    this.name = 'SignatureInvalidError';
  }
}

/** The card left the reader during an operation (thrown by transports/adapters). */
export class CardRemovedError extends PivError {
  constructor(details?: ErrorDetails, options?: { cause?: unknown }) {
    super(PIV_ERROR.CARD_REMOVED, 'The card was removed during the operation. Insert it again and repeat the step.', details, options);
    this.name = 'CardRemovedError';
  }
}
