import type { Db } from '../store/database';
import { InvalidInputError } from '../common/errors';

/** Security settings of the station, kept in `station_settings` (values are text). */
export const SECURITY_DEFAULTS = {
  /** Minutes without activity before a session signs out. */
  sessionIdleMinutes: 15,
  /** Failed sign-ins in a row that lock an account. */
  lockoutThreshold: 5,
  /** Minutes an account stays locked (a System Manager can unlock earlier). */
  lockoutMinutes: 15,
} as const;
export type SecuritySettings = { -readonly [K in keyof typeof SECURITY_DEFAULTS]: number };

const KEYS: Record<keyof SecuritySettings, string> = {
  sessionIdleMinutes: 'security.session_idle_minutes',
  lockoutThreshold: 'security.lockout_threshold',
  lockoutMinutes: 'security.lockout_minutes',
};
const LIMITS: Record<keyof SecuritySettings, [number, number]> = {
  sessionIdleMinutes: [1, 240],
  lockoutThreshold: [3, 10],
  lockoutMinutes: [1, 24 * 60],
};

export function readSecuritySettings(db: Db): SecuritySettings {
  const out = { ...SECURITY_DEFAULTS } as SecuritySettings;
  const get = db.prepare('SELECT value FROM station_settings WHERE key = ?');
  for (const k of Object.keys(KEYS) as Array<keyof SecuritySettings>) {
    const row = get.get(KEYS[k]) as { value: string } | undefined;
    const n = row ? Number(row.value) : NaN;
    if (Number.isInteger(n)) out[k] = n;
  }
  return out;
}

export function writeSecuritySetting(db: Db, key: keyof SecuritySettings, value: number): void {
  const [min, max] = LIMITS[key];
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidInputError('SETTING_OUT_OF_RANGE', `${key} must be a whole number from ${min} to ${max}.`, { key, min, max });
  }
  db.prepare('INSERT INTO station_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(KEYS[key], String(value));
}
