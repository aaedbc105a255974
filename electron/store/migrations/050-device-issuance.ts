import type { Migration } from '../migration';

/**
 * What operators issue besides the card (policy "Permitted Device Types"): FIDO keys, OTP credentials
 * with their seeds (encrypted by the station's vault key, never in clear), and derived-PIV-credential
 * activation codes (only a SHA-256 of the code is kept). `applicant_id` is a plain id string: the
 * applicants table belongs to another migration range and is joined by the caller when it exists.
 */
export const m050DeviceIssuance: Migration = {
  version: 50,
  name: 'issued FIDO keys, OTP credentials and seeds, derived-credential activation codes',
  up(db) {
    db.exec(`
      CREATE TABLE fido_keys (
        id                  TEXT PRIMARY KEY,
        applicant_id        TEXT NOT NULL,
        credential_type     TEXT NOT NULL,
        aaguid              TEXT NOT NULL,
        attestation_subject TEXT,
        attestation_source  TEXT NOT NULL CHECK (attestation_source IN ('makeCredential', 'no-certificate', 'unavailable')),
        serial              TEXT,
        record              TEXT NOT NULL,
        issued_by           TEXT NOT NULL,
        issued_at           TEXT NOT NULL
      ) STRICT;
      CREATE INDEX fido_keys_applicant ON fido_keys (applicant_id);

      -- The seed itself: AES-256-GCM blob (see device-issuance/otp-vault.ts); key_id names the vault key.
      CREATE TABLE otp_seeds (
        id           TEXT PRIMARY KEY,
        applicant_id TEXT NOT NULL,
        key_id       TEXT NOT NULL,
        blob         BLOB NOT NULL,
        stored_at    TEXT NOT NULL
      ) STRICT;

      CREATE TABLE otp_credentials (
        id              TEXT PRIMARY KEY REFERENCES otp_seeds (id),
        applicant_id    TEXT NOT NULL,
        credential_type TEXT NOT NULL,
        kind            TEXT NOT NULL CHECK (kind IN ('authenticator-app', 'oath-token')),
        type            TEXT NOT NULL CHECK (type IN ('totp', 'hotp')),
        issuer          TEXT NOT NULL,
        account         TEXT NOT NULL,
        algorithm       TEXT NOT NULL,
        digits          INTEGER NOT NULL,
        period          INTEGER,
        token_device_id TEXT,
        issued_by       TEXT NOT NULL,
        issued_at       TEXT NOT NULL
      ) STRICT;
      CREATE INDEX otp_credentials_applicant ON otp_credentials (applicant_id);

      CREATE TABLE derived_activation_codes (
        id              TEXT PRIMARY KEY,
        applicant_id    TEXT NOT NULL,
        credential_type TEXT NOT NULL,
        code_hash       TEXT NOT NULL UNIQUE,
        card_fascn      TEXT NOT NULL,
        card_guid       TEXT NOT NULL,
        cert_sha256     TEXT NOT NULL,
        expires_at      TEXT NOT NULL,
        issued_by       TEXT NOT NULL,
        issued_at       TEXT NOT NULL,
        redeemed_at     TEXT,
        revoked_at      TEXT,
        revoked_reason  TEXT
      ) STRICT;
      CREATE INDEX derived_codes_applicant ON derived_activation_codes (applicant_id);
      CREATE INDEX derived_codes_card ON derived_activation_codes (card_fascn, card_guid);

      -- Cards reported revoked by issuance: no new activation code is issued from them.
      CREATE TABLE derived_revoked_cards (
        card_fascn TEXT NOT NULL,
        card_guid  TEXT NOT NULL,
        revoked_at TEXT NOT NULL,
        revoked_by TEXT NOT NULL,
        PRIMARY KEY (card_fascn, card_guid)
      ) STRICT;
    `);
  },
};
