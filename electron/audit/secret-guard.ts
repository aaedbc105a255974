import { StationError } from '../common/errors';

/**
 * Words that, as a whole word of a detail key, mean the value is (or may be) a secret. Keys are split
 * on camelCase, snake_case and kebab-case, so `newPin`, `puk_value`, `managementKey`, `privateKeyPem`
 * and `password` are refused while `pinned` or `keyboard` are not.
 */
const SECRET_WORDS = new Set(['pin', 'pins', 'puk', 'puks', 'password', 'passwords', 'passphrase', 'passcode', 'secret', 'secrets', 'key', 'keys', 'seed', 'seeds', 'otp', 'token', 'privatekey', 'mgmkey']);

function words(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

export function isSecretKey(key: string): boolean {
  return words(key).some((w) => SECRET_WORDS.has(w)) || SECRET_WORDS.has(key.toLowerCase().replace(/[^a-z]/g, ''));
}

/**
 * Throws when any object key anywhere in `details` names a secret. This is a programming error (a
 * caller tried to journal a secret), so it fails loudly; the message names the key, never the value.
 */
export function assertNoSecrets(details: unknown, path = 'details'): void {
  if (details === null || typeof details !== 'object') return;
  if (Array.isArray(details)) {
    details.forEach((v, i) => assertNoSecrets(v, `${path}[${i}]`));
    return;
  }
  for (const [k, v] of Object.entries(details as Record<string, unknown>)) {
    if (isSecretKey(k)) {
      throw new StationError('AUDIT_SECRET_REFUSED', `Refused to write '${path}.${k}' to the audit journal: it looks like a secret (PINs, PUKs, passwords and keys never go to the journal).`, { field: `${path}.${k}` });
    }
    assertNoSecrets(v, `${path}.${k}`);
  }
}
