import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InvalidInputError } from '../../common/errors';
import type { CliCommand } from '../command';
import { DB_OPTION, OPERATOR_OPTION, actAsOperator, withStore } from '../acting-operator';
import { SqliteOtpSeedVault } from '../../device-issuance/otp-vault';
import { lazyPassphraseProtector } from '../../keys/key-protector';
import { loadOrCreateVaultKey, vaultKeyPathFor } from '../../device-issuance/vault-key-file';
import { exportSeedFile } from '../../device-issuance/seed-export';

/** The passphrase that encrypts the exported seed file (agreed with the validation server's operators). */
export const SEED_PASSPHRASE_ENV = 'STATION_SEED_PASSPHRASE';

export const otpExportCommand: CliCommand = {
  path: ['otp', 'export-seeds'],
  summary: 'Export every issued OTP seed as an encrypted seed file for the validation server.',
  usage: `-o FILE --operator NAME [--db PATH] [--json]`,
  help: `The seed file is AES-256-GCM under scrypt(passphrase); the passphrase comes from $${SEED_PASSPHRASE_ENV} (at least 12 characters). The station's vault key is opened with $STATION_KEY_PASSPHRASE. System Managers only.`,
  options: { ...DB_OPTION, ...OPERATOR_OPTION, output: { type: 'string', short: 'o' } },
  async run(ctx) {
    const output = typeof ctx.values.output === 'string' ? ctx.values.output : undefined;
    if (!output) throw new InvalidInputError('USAGE', 'Name the seed file to write: -o FILE.');
    const passphrase = ctx.io.env[SEED_PASSPHRASE_ENV];
    if (!passphrase) throw new InvalidInputError('SEED_PASSPHRASE_REQUIRED', `Set ${SEED_PASSPHRASE_ENV} to the passphrase that will encrypt the seed file.`);
    return withStore(ctx, async (store) => {
      const actor = await actAsOperator(ctx, store, ['system_manager'], 'export OTP seeds');
      const vault = new SqliteOtpSeedVault(store.db, () => loadOrCreateVaultKey(vaultKeyPathFor(store.path), lazyPassphraseProtector(ctx.io.env)));
      const { content, seeds } = exportSeedFile(store.db, vault, actor, passphrase);
      const file = resolve(ctx.io.cwd, output);
      writeFileSync(file, content, { encoding: 'utf8', mode: 0o600 });
      if (ctx.json) ctx.printJson({ file, seeds });
      else ctx.io.out(`Wrote ${seeds} OTP seed(s), encrypted, to ${file}.`);
      return 0;
    });
  },
};
