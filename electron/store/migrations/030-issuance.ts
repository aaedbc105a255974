import type { Migration } from '../migration';

/**
 * Applicants (enrollment records), the station's protected keys, the credential-number ledger and the
 * issued cards. The ledger row is the issuance attempt: it is inserted (state `reserved`) in its own
 * committed transaction before anything is written to a card, so a number is consumed even if the
 * process dies a moment later; rows are never deleted, which is what makes numbers never reused.
 */
export const m030Issuance: Migration = {
  version: 30,
  name: 'applicants, station keys, credential ledger, issued cards',
  up(db) {
    db.exec(`
      CREATE TABLE applicants (
        id                         TEXT PRIMARY KEY,
        given_name                 TEXT NOT NULL,
        surname                    TEXT NOT NULL,
        person_identifier          TEXT NOT NULL CHECK (length(person_identifier) = 10),
        organizational_category    TEXT NOT NULL,
        organizational_identifier  TEXT NOT NULL,
        poa_category               TEXT NOT NULL,
        credential_series          TEXT NOT NULL DEFAULT '1',
        initial_ici                TEXT NOT NULL DEFAULT '1',
        credential_type            TEXT,
        photo                      BLOB,
        imported_at                TEXT NOT NULL,
        imported_by                TEXT NOT NULL,
        source                     TEXT NOT NULL
      ) STRICT;
      CREATE INDEX applicants_name ON applicants (surname, given_name);

      CREATE TABLE applicant_fingerprints (
        applicant_id  TEXT NOT NULL REFERENCES applicants (id),
        position      INTEGER NOT NULL CHECK (position BETWEEN 0 AND 10),
        template      BLOB NOT NULL,
        quality       INTEGER NOT NULL,
        minutiae      INTEGER NOT NULL,
        origin        TEXT NOT NULL CHECK (origin IN ('image', 'template')),
        captured_at   TEXT NOT NULL,
        PRIMARY KEY (applicant_id, position)
      ) STRICT;

      CREATE TABLE station_keys (
        name         TEXT PRIMARY KEY,
        label        TEXT NOT NULL,
        certificate  BLOB,
        protected    BLOB NOT NULL,
        protector    TEXT NOT NULL,
        test_issuer  INTEGER NOT NULL DEFAULT 0,
        created_at   TEXT NOT NULL,
        created_by   TEXT NOT NULL
      ) STRICT;

      CREATE TABLE credential_ledger (
        id                 INTEGER PRIMARY KEY,
        agency_code        TEXT NOT NULL,
        system_code        TEXT NOT NULL,
        credential_number  TEXT NOT NULL,
        state              TEXT NOT NULL CHECK (state IN ('reserved', 'written', 'issued', 'failed')),
        applicant_id       TEXT NOT NULL,
        operator           TEXT NOT NULL,
        reader             TEXT NOT NULL,
        owner_pid          INTEGER NOT NULL,
        fascn_hex          TEXT,
        guid               TEXT,
        failure            TEXT,
        reserved_at        TEXT NOT NULL,
        updated_at         TEXT NOT NULL,
        UNIQUE (agency_code, system_code, credential_number)
      ) STRICT;
      CREATE INDEX credential_ledger_state ON credential_ledger (state);

      CREATE TABLE issued_cards (
        id                   INTEGER PRIMARY KEY,
        ledger_id            INTEGER NOT NULL UNIQUE REFERENCES credential_ledger (id),
        applicant_id         TEXT NOT NULL REFERENCES applicants (id),
        credential_number    TEXT NOT NULL,
        ici                  TEXT NOT NULL,
        fascn_hex            TEXT NOT NULL,
        guid                 TEXT NOT NULL,
        expiration_date      TEXT NOT NULL,
        card_profile         TEXT NOT NULL,
        policy               TEXT NOT NULL,
        policy_version       INTEGER NOT NULL,
        reader               TEXT NOT NULL,
        issued_at            TEXT NOT NULL,
        issued_by            TEXT NOT NULL,
        status               TEXT NOT NULL CHECK (status IN ('active', 'revoked', 'superseded')),
        temporary            INTEGER NOT NULL DEFAULT 0,
        replaces_card_id     INTEGER REFERENCES issued_cards (id),
        replaced_by_card_id  INTEGER REFERENCES issued_cards (id),
        replacement_reason   TEXT,
        status_changed_at    TEXT
      ) STRICT;
      CREATE INDEX issued_cards_applicant ON issued_cards (applicant_id);
    `);
  },
};
