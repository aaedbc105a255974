/** YKOATH protocol bytes (Yubico "YKOATH Protocol Specification"), named as there. */

/** OATH application identifier: A0 00 00 05 27 21 01. */
export const OATH_AID = Uint8Array.of(0xa0, 0x00, 0x00, 0x05, 0x27, 0x21, 0x01);

export const CLA_ISO = 0x00;
export const INS = {
  SELECT: 0xa4,
  PUT: 0x01,
  DELETE: 0x02,
  SET_CODE: 0x03,
  RESET: 0x04,
  LIST: 0xa1,
  CALCULATE: 0xa2,
  VALIDATE: 0xa3,
  SEND_REMAINING: 0xa5,
} as const;
/** SELECT by DF name. */
export const P1_SELECT_BY_NAME = 0x04;
/** CALCULATE P2: 0x01 asks for the truncated response (tag 0x76), 0x00 for the full HMAC. */
export const P2_CALCULATE_TRUNCATED = 0x01;
/** RESET must carry P1 P2 = DE AD so it cannot happen by accident. */
export const P1_RESET = 0xde;
export const P2_RESET = 0xad;

export const TAG = {
  NAME: 0x71,
  NAME_LIST: 0x72,
  KEY: 0x73,
  CHALLENGE: 0x74,
  RESPONSE: 0x75,
  TRUNCATED_RESPONSE: 0x76,
  HOTP: 0x77,
  PROPERTY: 0x78,
  VERSION: 0x79,
  IMF: 0x7a,
  ALGORITHM: 0x7b,
  TOUCH: 0x7c,
} as const;

/** High nibble of the type/algorithm byte. */
export const OATH_TYPE = { HOTP: 0x10, TOTP: 0x20 } as const;
export const TYPE_MASK = 0xf0;
/** Low nibble of the type/algorithm byte. */
export const OATH_ALG = { SHA1: 0x01, SHA256: 0x02, SHA512: 0x03 } as const;
export const ALG_MASK = 0x0f;
/** PROPERTY values. */
export const PROPERTY = { ONLY_INCREASING: 0x01, REQUIRE_TOUCH: 0x02 } as const;

export const SW = {
  SUCCESS: 0x9000,
  /** 61xx: more data; fetch it with SEND REMAINING. */
  MORE_DATA_SW1: 0x61,
  NO_SPACE: 0x6a84,
  NO_SUCH_OBJECT: 0x6984,
  AUTH_REQUIRED: 0x6982,
  WRONG_SYNTAX: 0x6a80,
  GENERIC_ERROR: 0x6581,
  FILE_NOT_FOUND: 0x6a82,
  INS_NOT_SUPPORTED: 0x6d00,
  CONDITIONS_NOT_SATISFIED: 0x6985,
} as const;

/** Keys shorter than this are zero-padded (HMAC pads anyway; some applets need the minimum). */
export const HMAC_MINIMUM_KEY_SIZE = 14;
/** Credential names are at most 64 bytes. */
export const MAX_NAME_BYTES = 64;
/** TOTP challenge: the 8-byte big-endian time step. */
export const CHALLENGE_BYTES = 8;
