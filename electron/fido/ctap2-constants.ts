/** Every CTAP2 byte the station uses, named as in CTAP 2.1 PS (§6 commands, §8.2 status codes). */

/** authenticator command bytes (§6). */
export const CTAP2_CMD = {
  MAKE_CREDENTIAL: 0x01,
  GET_ASSERTION: 0x02,
  GET_INFO: 0x04,
  CLIENT_PIN: 0x06,
  RESET: 0x07,
  GET_NEXT_ASSERTION: 0x08,
  CREDENTIAL_MANAGEMENT: 0x0a,
  SELECTION: 0x0b,
  CONFIG: 0x0d,
} as const;

/** Status codes (§8.2). Names keep the spec's prefixes. */
export const CTAP2_STATUS = {
  CTAP2_OK: 0x00,
  CTAP1_ERR_INVALID_COMMAND: 0x01,
  CTAP1_ERR_INVALID_PARAMETER: 0x02,
  CTAP1_ERR_INVALID_LENGTH: 0x03,
  CTAP1_ERR_INVALID_SEQ: 0x04,
  CTAP1_ERR_TIMEOUT: 0x05,
  CTAP1_ERR_CHANNEL_BUSY: 0x06,
  CTAP1_ERR_LOCK_REQUIRED: 0x0a,
  CTAP1_ERR_INVALID_CHANNEL: 0x0b,
  CTAP2_ERR_CBOR_UNEXPECTED_TYPE: 0x11,
  CTAP2_ERR_INVALID_CBOR: 0x12,
  CTAP2_ERR_MISSING_PARAMETER: 0x14,
  CTAP2_ERR_LIMIT_EXCEEDED: 0x15,
  CTAP2_ERR_CREDENTIAL_EXCLUDED: 0x19,
  CTAP2_ERR_PROCESSING: 0x21,
  CTAP2_ERR_INVALID_CREDENTIAL: 0x22,
  CTAP2_ERR_USER_ACTION_PENDING: 0x23,
  CTAP2_ERR_OPERATION_PENDING: 0x24,
  CTAP2_ERR_NO_OPERATIONS: 0x25,
  CTAP2_ERR_UNSUPPORTED_ALGORITHM: 0x26,
  CTAP2_ERR_OPERATION_DENIED: 0x27,
  CTAP2_ERR_KEY_STORE_FULL: 0x28,
  CTAP2_ERR_UNSUPPORTED_OPTION: 0x2b,
  CTAP2_ERR_INVALID_OPTION: 0x2c,
  CTAP2_ERR_KEEPALIVE_CANCEL: 0x2d,
  CTAP2_ERR_NO_CREDENTIALS: 0x2e,
  CTAP2_ERR_USER_ACTION_TIMEOUT: 0x2f,
  CTAP2_ERR_NOT_ALLOWED: 0x30,
  CTAP2_ERR_PIN_INVALID: 0x31,
  CTAP2_ERR_PIN_BLOCKED: 0x32,
  CTAP2_ERR_PIN_AUTH_INVALID: 0x33,
  CTAP2_ERR_PIN_AUTH_BLOCKED: 0x34,
  CTAP2_ERR_PIN_NOT_SET: 0x35,
  CTAP2_ERR_PUAT_REQUIRED: 0x36,
  CTAP2_ERR_PIN_POLICY_VIOLATION: 0x37,
  CTAP2_ERR_REQUEST_TOO_LARGE: 0x39,
  CTAP2_ERR_ACTION_TIMEOUT: 0x3a,
  CTAP2_ERR_UP_REQUIRED: 0x3b,
  CTAP2_ERR_UV_BLOCKED: 0x3c,
  CTAP2_ERR_INTEGRITY_FAILURE: 0x3d,
  CTAP2_ERR_INVALID_SUBCOMMAND: 0x3e,
  CTAP2_ERR_UV_INVALID: 0x3f,
  CTAP2_ERR_UNAUTHORIZED_PERMISSION: 0x40,
  CTAP1_ERR_OTHER: 0x7f,
} as const;
export type Ctap2StatusName = keyof typeof CTAP2_STATUS;

export function statusName(code: number): string {
  const hit = (Object.entries(CTAP2_STATUS) as [string, number][]).find(([, v]) => v === code);
  return hit ? hit[0] : `0x${code.toString(16).padStart(2, '0')}`;
}

/** authenticatorGetInfo response keys (§6.4). */
export const GET_INFO = {
  VERSIONS: 0x01,
  EXTENSIONS: 0x02,
  AAGUID: 0x03,
  OPTIONS: 0x04,
  MAX_MSG_SIZE: 0x05,
  PIN_UV_AUTH_PROTOCOLS: 0x06,
  MAX_CREDENTIAL_COUNT_IN_LIST: 0x07,
  MAX_CREDENTIAL_ID_LENGTH: 0x08,
  TRANSPORTS: 0x09,
  ALGORITHMS: 0x0a,
  MAX_SERIALIZED_LARGE_BLOB_ARRAY: 0x0b,
  FORCE_PIN_CHANGE: 0x0c,
  MIN_PIN_LENGTH: 0x0d,
  FIRMWARE_VERSION: 0x0e,
  MAX_CRED_BLOB_LENGTH: 0x0f,
  MAX_RPIDS_FOR_SET_MIN_PIN_LENGTH: 0x10,
  PREFERRED_PLATFORM_UV_ATTEMPTS: 0x11,
  UV_MODALITY: 0x12,
  CERTIFICATIONS: 0x13,
  REMAINING_DISCOVERABLE_CREDENTIALS: 0x14,
} as const;

/** authenticatorClientPIN request parameter keys (§6.5.5). */
export const CLIENT_PIN_PARAM = {
  PIN_UV_AUTH_PROTOCOL: 0x01,
  SUB_COMMAND: 0x02,
  KEY_AGREEMENT: 0x03,
  PIN_UV_AUTH_PARAM: 0x04,
  NEW_PIN_ENC: 0x05,
  PIN_HASH_ENC: 0x06,
  PERMISSIONS: 0x09,
  RP_ID: 0x0a,
} as const;

/** authenticatorClientPIN subcommands (§6.5.5). */
export const CLIENT_PIN_SUB = {
  GET_PIN_RETRIES: 0x01,
  GET_KEY_AGREEMENT: 0x02,
  SET_PIN: 0x03,
  CHANGE_PIN: 0x04,
  GET_PIN_TOKEN: 0x05,
  GET_PIN_UV_AUTH_TOKEN_USING_UV_WITH_PERMISSIONS: 0x06,
  GET_UV_RETRIES: 0x07,
  GET_PIN_UV_AUTH_TOKEN_USING_PIN_WITH_PERMISSIONS: 0x09,
} as const;

/** authenticatorClientPIN response keys (§6.5.5). */
export const CLIENT_PIN_RESP = {
  KEY_AGREEMENT: 0x01,
  PIN_UV_AUTH_TOKEN: 0x02,
  PIN_RETRIES: 0x03,
  POWER_CYCLE_STATE: 0x04,
  UV_RETRIES: 0x05,
} as const;

/** pinUvAuthToken permissions (§6.5.5.7). */
export const PERMISSION = {
  MAKE_CREDENTIAL: 0x01,
  GET_ASSERTION: 0x02,
  CREDENTIAL_MANAGEMENT: 0x04,
  BIO_ENROLLMENT: 0x08,
  LARGE_BLOB_WRITE: 0x10,
  AUTHENTICATOR_CONFIG: 0x20,
} as const;

/** authenticatorConfig parameter keys and subcommands (§6.11). */
export const CONFIG_PARAM = {
  SUB_COMMAND: 0x01,
  SUB_COMMAND_PARAMS: 0x02,
  PIN_UV_AUTH_PROTOCOL: 0x03,
  PIN_UV_AUTH_PARAM: 0x04,
} as const;
export const CONFIG_SUB = {
  ENABLE_ENTERPRISE_ATTESTATION: 0x01,
  TOGGLE_ALWAYS_UV: 0x02,
  SET_MIN_PIN_LENGTH: 0x03,
} as const;
/** setMinPINLength subCommandParams keys (§6.11.4). */
export const SET_MIN_PIN_LENGTH_PARAM = {
  NEW_MIN_PIN_LENGTH: 0x01,
  MIN_PIN_LENGTH_RPIDS: 0x02,
  FORCE_CHANGE_PIN: 0x03,
} as const;

/** COSE_Key labels and values used for the ECDH key agreement key (RFC 9052/9053; CTAP 2.1 §6.5.6). */
export const COSE = {
  KTY: 1,
  ALG: 3,
  CRV: -1,
  X: -2,
  Y: -3,
  KTY_EC2: 2,
  /** "ECDH-ES + HKDF-256": the algorithm CTAP pins to the key agreement key, whatever the KDF used. */
  ALG_ECDH_ES_HKDF_256: -25,
  CRV_P256: 1,
} as const;

/** The 10-second window after power-up in which authenticatorReset is allowed (§6.6). */
export const RESET_WINDOW_MS = 10_000;
/** PIN length limits (§6.5.1): at least 4 Unicode code points, at most 63 bytes UTF-8. */
export const PIN_MIN_CODE_POINTS = 4;
export const PIN_MAX_BYTES = 63;
export const PADDED_PIN_LENGTH = 64;
/** pinRetries counter maximum (§6.5.2.2). */
export const PIN_RETRIES_MAX = 8;
/** Consecutive wrong PINs before the key demands a power cycle (§6.5.5.5). */
export const PIN_MISMATCHES_BEFORE_POWER_CYCLE = 3;

/** authenticatorMakeCredential parameter keys (§6.1) and response keys (§6.1.2). */
export const MAKE_CREDENTIAL_PARAM = {
  CLIENT_DATA_HASH: 0x01,
  RP: 0x02,
  USER: 0x03,
  PUB_KEY_CRED_PARAMS: 0x04,
  EXCLUDE_LIST: 0x05,
  EXTENSIONS: 0x06,
  OPTIONS: 0x07,
  PIN_UV_AUTH_PARAM: 0x08,
  PIN_UV_AUTH_PROTOCOL: 0x09,
} as const;
export const MAKE_CREDENTIAL_RESP = { FMT: 0x01, AUTH_DATA: 0x02, ATT_STMT: 0x03 } as const;
/** COSE algorithm ES256 (ECDSA P-256 with SHA-256). */
export const COSE_ALG_ES256 = -7;
/** authenticatorData flags (WebAuthn §6.1). */
export const AUTH_DATA_FLAG = { UP: 0x01, UV: 0x04, AT: 0x40, ED: 0x80 } as const;
