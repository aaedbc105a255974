/**
 * PC/SC return codes (pcsc-lite `pcsclite.h`, same values as WinSCard) that the adapter acts on.
 * The npm `pcsclite` addon reports them inside the error message as `(0x8010xxxx)`.
 */
export const SCARD = {
  E_SHARING_VIOLATION: 0x8010000b,
  E_NO_SMARTCARD: 0x8010000c,
  E_TIMEOUT: 0x8010000a,
  E_UNKNOWN_READER: 0x80100009,
  F_COMM_ERROR: 0x80100013,
  E_NOT_TRANSACTED: 0x80100016,
  E_READER_UNAVAILABLE: 0x80100017,
  E_NO_SERVICE: 0x8010001d,
  E_SERVICE_STOPPED: 0x8010001e,
  E_NO_READERS_AVAILABLE: 0x8010002e,
  W_UNRESPONSIVE_CARD: 0x80100066,
  W_UNPOWERED_CARD: 0x80100067,
  W_RESET_CARD: 0x80100068,
  W_REMOVED_CARD: 0x80100069,
  E_INVALID_HANDLE: 0x80100003,
} as const;

/** Extracts the PC/SC code from a `pcsclite` error message, if there is one. */
export function pcscCodeOf(error: unknown): number | undefined {
  const message = error instanceof Error ? error.message : String(error);
  const match = /\(0x([0-9a-fA-F]{8})\)/.exec(message);
  return match ? parseInt(match[1], 16) : undefined;
}

export function pcscCodeHex(code: number | undefined): string | undefined {
  return code === undefined ? undefined : `0x${code.toString(16).toUpperCase().padStart(8, '0')}`;
}

/** Codes meaning the card (or its reader) went away under us. */
export const CARD_GONE_CODES: ReadonlySet<number> = new Set([
  SCARD.W_REMOVED_CARD,
  SCARD.E_NO_SMARTCARD,
  SCARD.E_READER_UNAVAILABLE,
  SCARD.E_UNKNOWN_READER,
  SCARD.W_UNRESPONSIVE_CARD,
  SCARD.W_UNPOWERED_CARD,
  SCARD.E_NOT_TRANSACTED,
  SCARD.F_COMM_ERROR,
]);

/** Codes meaning pcscd itself is gone. */
export const SERVICE_GONE_CODES: ReadonlySet<number> = new Set([SCARD.E_NO_SERVICE, SCARD.E_SERVICE_STOPPED]);
