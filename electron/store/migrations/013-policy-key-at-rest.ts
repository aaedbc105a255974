import type { Migration } from '../migration';

/**
 * The station's policy-signing private key is kept encrypted by the station's key protector (OS keyring
 * in the desktop app, STATION_KEY_PASSPHRASE elsewhere), like the issuance keys. `private_key` then
 * holds the protected blob (base64) and this column names the protector. A key written by an earlier
 * version has no protector yet: it is still in clear and is encrypted in place the first time the
 * station opens it with a protector (journalled as policy.signing_key_protected).
 */
export const m013PolicyKeyAtRest: Migration = {
  version: 13,
  name: 'policy-signing private key encrypted at rest',
  up(db) {
    db.exec('ALTER TABLE policy_signers ADD COLUMN private_key_protector TEXT');
  },
};
