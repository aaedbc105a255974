/**
 * The validation-server export: every OTP seed, decrypted from the vault only to be sealed at once
 * into a passphrase-encrypted seed file (otp/seed-file.ts). Only System Managers export; the journal
 * records who, when and how many seeds — never the seeds or the passphrase.
 */
import type { Db } from '../store/database';
import { AuditJournal } from '../audit/journal';
import type { Actor } from '../operators/roles';
import { requireRole } from '../operators/errors';
import { encryptSeedFile } from '../otp/seed-file';
import type { SqliteOtpSeedVault } from './otp-vault';

export const SEED_EXPORTERS = ['system_manager'] as const;

export function exportSeedFile(
  db: Db,
  vault: SqliteOtpSeedVault,
  actor: Actor,
  passphrase: string,
  options: { now?: () => Date; scrypt?: { N: number; r: number; p: number } } = {},
): { content: string; seeds: number } {
  requireRole(actor, SEED_EXPORTERS, 'export OTP seeds');
  const now = options.now ?? (() => new Date());
  const seeds = vault.all();
  try {
    const content = encryptSeedFile({ exportedAt: now().toISOString(), seeds: seeds.map(({ applicantId: _a, ...s }) => s) }, passphrase, options.scrypt ? { scrypt: options.scrypt } : {});
    new AuditJournal(db, now).append({ actor: actor.name, action: 'device.otp.seeds-exported', details: { count: seeds.length, ids: seeds.map((s) => s.id) } });
    return { content, seeds: seeds.length };
  } finally {
    for (const s of seeds) s.secret.fill(0);
  }
}
