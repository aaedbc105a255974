/**
 * Every byte of the PIV card edge with its spec name (SP 800-73-4/-5 Part 1 and 2, ISO 7816-4, and the
 * YubiKey PIV extensions). Other layers (session, virtual card, PC/SC adapter) import these; add names,
 * never rename.
 */

/** ISO 7816-4 class bytes. */
export const CLA = {
  /** Interindustry class, no secure messaging, no chaining. */
  ISO: 0x00,
  /** Command chaining: bit 5 set on every block except the last (ISO 7816-4 §5.1.1.1). */
  CHAINING: 0x10,
} as const;

/** Instruction bytes (73-4 P2 Table 1; ISO 7816-4; YubiKey extensions). */
export const INS = {
  SELECT: 0xa4,
  GET_DATA: 0xcb,
  PUT_DATA: 0xdb,
  VERIFY: 0x20,
  CHANGE_REFERENCE_DATA: 0x24,
  RESET_RETRY_COUNTER: 0x2c,
  GENERAL_AUTHENTICATE: 0x87,
  GENERATE_ASYMMETRIC_KEY_PAIR: 0x47,
  GET_RESPONSE: 0xc0,
  // YubiKey PIV extensions (yubico-piv-tool lib/ykpiv.h)
  YK_GET_VERSION: 0xfd,
  YK_GET_SERIAL: 0xf8,
  YK_SET_MANAGEMENT_KEY: 0xff,
  YK_IMPORT_KEY: 0xfe,
  YK_RESET: 0xfb,
  YK_SET_PIN_RETRIES: 0xfa,
  YK_ATTEST: 0xf9,
  YK_GET_METADATA: 0xf7,
  // YubiKey OTP application (serial on firmware < 5)
  YK_OTP_GET_SERIAL: 0x01,
} as const;

/** Parameter bytes used with the instructions above. */
export const P1P2 = {
  /** SELECT by DF name (AID). */
  SELECT_BY_AID_P1: 0x04,
  SELECT_FIRST_P2: 0x00,
  /** GET DATA / PUT DATA: P1 P2 = 3F FF (current DF). */
  DATA_P1: 0x3f,
  DATA_P2: 0xff,
  /** VERIFY P1 FF: reset the security status of the key reference in P2. */
  VERIFY_RESET_P1: 0xff,
  /** YubiKey SET MANAGEMENT KEY P1/P2: FF FF = no touch, FF FE = touch required. */
  YK_SET_MGMT_P1: 0xff,
  YK_SET_MGMT_P2_NO_TOUCH: 0xff,
  YK_SET_MGMT_P2_TOUCH: 0xfe,
  /** YubiKey OTP application: P1 for "get serial". */
  YK_OTP_SERIAL_P1: 0x10,
} as const;

/** Application identifiers (73-4 P1 §2.2; Yubico). */
export const AID = {
  /** Full PIV AID with version: A0 00 00 03 08 00 00 10 00 01 00. */
  PIV: Uint8Array.of(0xa0, 0x00, 0x00, 0x03, 0x08, 0x00, 0x00, 0x10, 0x00, 0x01, 0x00),
  /** Right-truncated PIV AID without version (OpenSC). */
  PIV_TRUNCATED: Uint8Array.of(0xa0, 0x00, 0x00, 0x03, 0x08, 0x00, 0x00, 0x10, 0x00),
  /** NIST RID only (yubico-piv-tool sends this 5-byte prefix). */
  PIV_RID: Uint8Array.of(0xa0, 0x00, 0x00, 0x03, 0x08),
  /** PIX of the PIV application as returned in the APT tag 4F. */
  PIV_PIX: Uint8Array.of(0x00, 0x00, 0x10, 0x00, 0x01, 0x00),
  /** YubiKey OTP application (serial on firmware < 5). */
  YUBICO_OTP: Uint8Array.of(0xa0, 0x00, 0x00, 0x05, 0x27, 0x20, 0x01, 0x01),
} as const;

/** BER tags of PIV data objects for GET/PUT DATA (73-4 P1 §3.5 Table 3). */
export const OBJECT_TAG = {
  CARD_CAPABILITY_CONTAINER: 0x5fc107,
  CHUID: 0x5fc102,
  X509_PIV_AUTHENTICATION: 0x5fc105,
  CARDHOLDER_FINGERPRINTS: 0x5fc103,
  SECURITY_OBJECT: 0x5fc106,
  CARDHOLDER_FACIAL_IMAGE: 0x5fc108,
  X509_CARD_AUTHENTICATION: 0x5fc101,
  X509_DIGITAL_SIGNATURE: 0x5fc10a,
  X509_KEY_MANAGEMENT: 0x5fc10b,
  PRINTED_INFORMATION: 0x5fc109,
  DISCOVERY: 0x7e,
  KEY_HISTORY: 0x5fc10c,
  /** Retired key management certificate 1; certificate n (1..20) is 0x5FC10D + n - 1. */
  RETIRED_X509_KEY_MANAGEMENT_1: 0x5fc10d,
  RETIRED_X509_KEY_MANAGEMENT_20: 0x5fc120,
  CARDHOLDER_IRIS_IMAGES: 0x5fc121,
  BIOMETRIC_INFORMATION_TEMPLATES_GROUP: 0x7f61,
  SECURE_MESSAGING_CERTIFICATE_SIGNER: 0x5fc122,
  PAIRING_CODE_REFERENCE_DATA: 0x5fc123,
  // YubiKey
  YK_ADMIN_DATA: 0x5fff00,
  YK_ATTESTATION: 0x5fff01,
} as const;

/** Container IDs (73-4 P1 Table 3), used in the Security Object mapping (tag BA). */
export const CONTAINER_ID = {
  CARD_CAPABILITY_CONTAINER: 0xdb00,
  CHUID: 0x3000,
  X509_PIV_AUTHENTICATION: 0x0101,
  CARDHOLDER_FINGERPRINTS: 0x6010,
  SECURITY_OBJECT: 0x9000,
  CARDHOLDER_FACIAL_IMAGE: 0x6030,
  X509_CARD_AUTHENTICATION: 0x0500,
  X509_DIGITAL_SIGNATURE: 0x0100,
  X509_KEY_MANAGEMENT: 0x0102,
  PRINTED_INFORMATION: 0x3001,
  DISCOVERY: 0x6050,
  KEY_HISTORY: 0x6060,
  RETIRED_X509_KEY_MANAGEMENT_1: 0x1001,
  CARDHOLDER_IRIS_IMAGES: 0x1015,
} as const;

/** Object identifiers of data objects and CMS content (73-4 P1 Table 3; F201 App. B; 78). */
export const OID = {
  CHUID: '2.16.840.1.101.3.7.2.48.0',
  PRINTED_INFORMATION: '2.16.840.1.101.3.7.2.48.1',
  CARD_CAPABILITY_CONTAINER: '2.16.840.1.101.3.7.1.219.0',
  SECURITY_OBJECT: '2.16.840.1.101.3.7.2.144.0',
  CARDHOLDER_FINGERPRINTS: '2.16.840.1.101.3.7.2.96.16',
  /** id-PIV-CHUIDSecurityObject: eContentType of the CHUID signature. */
  ID_PIV_CHUID_SECURITY_OBJECT: '2.16.840.1.101.3.6.1',
  /** id-PIV-biometricObject: eContentType of the CBEFF signature block. */
  ID_PIV_BIOMETRIC_OBJECT: '2.16.840.1.101.3.6.2',
  /** pivSigner-DN signed attribute. */
  PIV_SIGNER_DN: '2.16.840.1.101.3.6.5',
  /** pivFASC-N signed attribute / SAN otherName. */
  PIV_FASCN: '2.16.840.1.101.3.6.6',
  /** id-PIV-content-signing extended key usage. */
  ID_PIV_CONTENT_SIGNING: '2.16.840.1.101.3.6.7',
  ID_PIVI_CONTENT_SIGNING: '2.16.840.1.101.3.8.7',
  ID_FPKI_COMMON_PIV_CONTENT_SIGNING: '2.16.840.1.101.3.2.1.3.39',
  /** entryUUID signed attribute (card UUID) in biometric signatures. */
  ENTRY_UUID: '1.3.6.1.1.16.4',
  /** ICAO LDS security object, eContentType of the PIV Security Object (as GSA tools require). */
  LDS_SECURITY_OBJECT: '1.3.27.1.1.1',
  // CMS / PKCS #9
  ID_SIGNED_DATA: '1.2.840.113549.1.7.2',
  ID_DATA: '1.2.840.113549.1.7.1',
  CONTENT_TYPE: '1.2.840.113549.1.9.3',
  MESSAGE_DIGEST: '1.2.840.113549.1.9.4',
  SIGNING_TIME: '1.2.840.113549.1.9.5',
  SHA256: '2.16.840.1.101.3.4.2.1',
  SHA384: '2.16.840.1.101.3.4.2.2',
  SHA512: '2.16.840.1.101.3.4.2.3',
  RSA_ENCRYPTION: '1.2.840.113549.1.1.1',
  ECDSA_WITH_SHA256: '1.2.840.10045.4.3.2',
  ECDSA_WITH_SHA384: '1.2.840.10045.4.3.3',
} as const;

/** Tags inside the data objects and command templates (73-4 P1 App. A; P2 §3). */
export const TAG = {
  /** Wrapper of every container's content in GET/PUT DATA. */
  DATA: 0x53,
  /** Tag list in GET/PUT DATA command data. */
  TAG_LIST: 0x5c,
  /** Dynamic authentication template (GENERAL AUTHENTICATE). */
  DYNAMIC_AUTH_TEMPLATE: 0x7c,
  AUTH_WITNESS: 0x80,
  AUTH_CHALLENGE: 0x81,
  AUTH_RESPONSE: 0x82,
  AUTH_EXPONENTIATION: 0x85,
  /** Control reference template in GENERATE ASYMMETRIC KEY PAIR. */
  CONTROL_REFERENCE_TEMPLATE: 0xac,
  CRT_ALGORITHM: 0x80,
  CRT_PARAMETER: 0x81,
  /** YubiKey PIN / touch policy inside the AC template. */
  YK_PIN_POLICY: 0xaa,
  YK_TOUCH_POLICY: 0xab,
  /** Public key template returned by GENERATE ASYMMETRIC KEY PAIR. */
  PUBLIC_KEY_TEMPLATE: 0x7f49,
  RSA_MODULUS: 0x81,
  RSA_PUBLIC_EXPONENT: 0x82,
  EC_POINT: 0x86,
  /** Application property template (SELECT response). */
  APPLICATION_PROPERTY_TEMPLATE: 0x61,
  APPLICATION_IDENTIFIER: 0x4f,
  COEXISTENT_TAG_ALLOCATION_AUTHORITY: 0x79,
  APPLICATION_LABEL: 0x50,
  UNIFORM_RESOURCE_LOCATOR: 0x5f50,
  CRYPTOGRAPHIC_ALGORITHMS: 0xac,
  /** Error Detection Code, always present with zero length (FE 00). */
  ERROR_DETECTION_CODE: 0xfe,
} as const;

/** CHUID element tags (73-4 P1 App. A Table 9). */
export const CHUID_TAG = {
  /** Deprecated in -4, removed in -5: tolerated on read, never written. */
  BUFFER_LENGTH: 0xee,
  FASCN: 0x30,
  /** Deprecated/removed: read only. */
  ORGANIZATIONAL_IDENTIFIER: 0x32,
  /** Deprecated/removed: read only. */
  DUNS: 0x33,
  GUID: 0x34,
  EXPIRATION_DATE: 0x35,
  CARDHOLDER_UUID: 0x36,
  /** Removed since 73-3: read only. */
  AUTHENTICATION_KEY_MAP: 0x3d,
  ISSUER_ASYMMETRIC_SIGNATURE: 0x3e,
  ERROR_DETECTION_CODE: 0xfe,
} as const;

/** Printed Information element tags (73-4 P1 Table 14). */
export const PRINTED_TAG = {
  NAME: 0x01,
  EMPLOYEE_AFFILIATION: 0x02,
  EXPIRATION_DATE: 0x04,
  AGENCY_CARD_SERIAL_NUMBER: 0x05,
  ISSUER_IDENTIFICATION: 0x06,
  ORGANIZATION_AFFILIATION_LINE_1: 0x07,
  ORGANIZATION_AFFILIATION_LINE_2: 0x08,
  ERROR_DETECTION_CODE: 0xfe,
} as const;

/** Card Capability Container element tags (73-4 P1 Table 8). */
export const CCC_TAG = {
  CARD_IDENTIFIER: 0xf0,
  CAPABILITY_CONTAINER_VERSION: 0xf1,
  CAPABILITY_GRAMMAR_VERSION: 0xf2,
  APPLICATIONS_CARD_URL: 0xf3,
  PKCS15: 0xf4,
  REGISTERED_DATA_MODEL_NUMBER: 0xf5,
  ACCESS_CONTROL_RULE_TABLE: 0xf6,
  CARD_APDUS: 0xf7,
  REDIRECTION_TAG: 0xfa,
  CAPABILITY_TUPLES: 0xfb,
  STATUS_TUPLES: 0xfc,
  NEXT_CCC: 0xfd,
  /** Removed in 73-5; read only. */
  EXTENDED_APPLICATION_CARD_URL: 0xe3,
  /** Removed in 73-5; read only. */
  SECURITY_OBJECT_BUFFER: 0xb4,
  ERROR_DETECTION_CODE: 0xfe,
} as const;

/** Discovery Object tags (73-4 P1 §3.3.2). */
export const DISCOVERY_TAG = {
  OBJECT: 0x7e,
  PIV_CARD_APPLICATION_AID: 0x4f,
  PIN_USAGE_POLICY: 0x5f2f,
} as const;

/** Security Object tags (73-4 P1 Table 12). */
export const SECURITY_OBJECT_TAG = {
  MAPPING_OF_DG_TO_CONTAINER_ID: 0xba,
  SECURITY_OBJECT: 0xbb,
  ERROR_DETECTION_CODE: 0xfe,
} as const;

/** Cardholder Fingerprints tags (73-4 P1 Table 11). */
export const FINGERPRINTS_TAG = {
  FINGERPRINT_I_AND_II: 0xbc,
  ERROR_DETECTION_CODE: 0xfe,
} as const;

/** Key references (73-4 P1 §5.1 Tables 4a/4b). */
export const KEY_REF = {
  GLOBAL_PIN: 0x00,
  PIV_PIN: 0x80,
  PUK: 0x81,
  PIV_AUTHENTICATION: 0x9a,
  /** PIV Card Application Administration key (management key). */
  CARD_MANAGEMENT: 0x9b,
  DIGITAL_SIGNATURE: 0x9c,
  KEY_MANAGEMENT: 0x9d,
  CARD_AUTHENTICATION: 0x9e,
  RETIRED_KEY_MANAGEMENT_1: 0x82,
  RETIRED_KEY_MANAGEMENT_20: 0x95,
  SECURE_MESSAGING: 0x04,
  /** YubiKey attestation key slot. */
  YK_ATTESTATION: 0xf9,
} as const;

/** Cryptographic mechanism identifiers (78-4 §6; 78-5 Tables 8–10). */
export const ALGORITHM = {
  TDEA_3KEY_ECB_LEGACY: 0x00,
  TDEA_3KEY: 0x03,
  RSA_1024: 0x06,
  RSA_2048: 0x07,
  RSA_3072: 0x05,
  AES_128: 0x08,
  AES_192: 0x0a,
  AES_256: 0x0c,
  ECC_P256: 0x11,
  ECC_P384: 0x14,
  CS2: 0x27,
  CS7: 0x2e,
} as const;

/** Status words (73-4 P1 §5.6; ISO 7816-4), as 16-bit numbers SW1<<8 | SW2. */
export const SW = {
  SUCCESS: 0x9000,
  /** 63 00: verification failed without counter (pairing code). */
  VERIFICATION_FAILED: 0x6300,
  WRONG_LENGTH: 0x6700,
  SECURITY_STATUS_NOT_SATISFIED: 0x6982,
  AUTHENTICATION_METHOD_BLOCKED: 0x6983,
  CONDITIONS_OF_USE_NOT_SATISFIED: 0x6985,
  INCORRECT_DATA: 0x6a80,
  FUNCTION_NOT_SUPPORTED: 0x6a81,
  FILE_OR_APPLICATION_NOT_FOUND: 0x6a82,
  NOT_ENOUGH_MEMORY: 0x6a84,
  INCORRECT_P1_P2: 0x6a86,
  REFERENCED_DATA_NOT_FOUND: 0x6a88,
  WRONG_P1_P2: 0x6b00,
  INS_NOT_SUPPORTED: 0x6d00,
  CLA_NOT_SUPPORTED: 0x6e00,
  /** Generic "no precise diagnosis". */
  NO_PRECISE_DIAGNOSIS: 0x6f00,
  /** Memory failure (execution error). */
  MEMORY_FAILURE: 0x6581,
  /** Last command of a chain expected (ISO 7816-4). */
  LAST_COMMAND_OF_CHAIN_EXPECTED: 0x6883,
  /** Command chaining not supported. */
  COMMAND_CHAINING_NOT_SUPPORTED: 0x6884,
} as const;

/** SW1 values that carry a count in SW2. */
export const SW1 = {
  /** 61 xx: success, xx more bytes available with GET RESPONSE (00 = 256 or more). */
  MORE_DATA: 0x61,
  /** 6C xx: wrong Le, re-send with Le = xx. */
  WRONG_LE: 0x6c,
  /** 63 Cx: verification failed, x tries left. */
  VERIFY_FAILED: 0x63,
  /** 90: success. */
  SUCCESS: 0x90,
} as const;

/** 63 Cx: the high nibble of SW2 that marks a retry counter. */
export const SW2_RETRY_COUNTER_MASK = 0xc0;

/** PIN / PUK reference data is right-padded with FF to 8 bytes (73-4 P2 §3.2.1). */
export const PIN_BLOCK_LENGTH = 8;
export const PIN_PAD_BYTE = 0xff;

/** Command chaining block size both reference tools use (255-byte blocks). */
export const CHAIN_BLOCK_SIZE = 255;

/** Yubico factory defaults (also the PIV test defaults). Public knowledge, not secrets. */
export const YUBICO_DEFAULT = {
  PIN: '123456',
  PUK: '12345678',
  MANAGEMENT_KEY: Uint8Array.of(
    1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8,
  ),
} as const;
