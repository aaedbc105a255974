import type { Migration } from '../migration';
import { DEFAULT_CARD_PROFILES } from '../../policy/model/card-profiles';
import { DEFAULT_CREDENTIAL_TYPE, DEFAULT_DEVICE_ISSUANCE, DEFAULT_POLICY_NAME } from '../../policy/model/defaults';
import { canonicalJson } from '../../audit/canonical-json';

/**
 * Credential types, their policies with every saved version, card profiles, and the keys used to sign
 * and trust policy bundles. Seeds the default profiles, credential type and policy (version 1) so a
 * fresh station works out of the box.
 */
export const m012Policy: Migration = {
  version: 12,
  name: 'credential types, policies, card profiles',
  up(db) {
    db.exec(`
      CREATE TABLE card_profiles (
        name    TEXT PRIMARY KEY,
        purpose TEXT NOT NULL CHECK (purpose IN ('initial', 'replacement')),
        profile TEXT NOT NULL
      ) STRICT;
      CREATE TABLE credential_types (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
        description TEXT NOT NULL DEFAULT '',
        created_at  TEXT NOT NULL
      ) STRICT;
      -- One policy per credential type (UNIQUE credential_type_id).
      CREATE TABLE credential_policies (
        id                 INTEGER PRIMARY KEY,
        name               TEXT NOT NULL UNIQUE COLLATE NOCASE,
        credential_type_id INTEGER NOT NULL UNIQUE REFERENCES credential_types (id),
        current_version    INTEGER NOT NULL
      ) STRICT;
      -- Every save is a new row; rows are never changed.
      CREATE TABLE policy_versions (
        policy_id       INTEGER NOT NULL REFERENCES credential_policies (id),
        version         INTEGER NOT NULL,
        device_issuance TEXT NOT NULL,
        created_at      TEXT NOT NULL,
        created_by      TEXT NOT NULL,
        source          TEXT NOT NULL CHECK (source IN ('seed', 'edit', 'revert', 'import')),
        note            TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (policy_id, version)
      ) STRICT;
      CREATE TRIGGER policy_versions_no_update BEFORE UPDATE ON policy_versions
        BEGIN SELECT RAISE(ABORT, 'policy versions are immutable: save a new version instead'); END;
      -- The station's own signing key (has private_key) and trusted signers (public key only).
      -- private_key: encrypted since migration 13 (see 013-policy-key-at-rest.ts).
      CREATE TABLE policy_signers (
        fingerprint TEXT PRIMARY KEY,
        label       TEXT NOT NULL,
        public_key  TEXT NOT NULL,
        private_key TEXT,
        own         INTEGER NOT NULL DEFAULT 0,
        added_at    TEXT NOT NULL,
        added_by    TEXT NOT NULL
      ) STRICT;
    `);
    const now = new Date().toISOString();
    const insertProfile = db.prepare('INSERT INTO card_profiles (name, purpose, profile) VALUES (?, ?, ?)');
    for (const p of DEFAULT_CARD_PROFILES) insertProfile.run(p.name, p.purpose, canonicalJson(p));
    const type = db.prepare('INSERT INTO credential_types (name, description, created_at) VALUES (?, ?, ?)').run(DEFAULT_CREDENTIAL_TYPE.name, DEFAULT_CREDENTIAL_TYPE.description, now);
    const policy = db.prepare('INSERT INTO credential_policies (name, credential_type_id, current_version) VALUES (?, ?, 1)').run(DEFAULT_POLICY_NAME, type.lastInsertRowid);
    db.prepare("INSERT INTO policy_versions (policy_id, version, device_issuance, created_at, created_by, source, note) VALUES (?, 1, ?, ?, '(first run)', 'seed', ?)").run(
      policy.lastInsertRowid,
      canonicalJson(DEFAULT_DEVICE_ISSUANCE),
      now,
      'Seeded defaults with TEST agency/system codes (0032/0001).',
    );
  },
};
