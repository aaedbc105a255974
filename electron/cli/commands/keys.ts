/** `station keys status` and `station keys import-p12 FILE`: the station's content signer and master key. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InvalidInputError } from '../../common/errors';
import type { CliCommand } from '../command';
import { DB_OPTION, OPERATOR_OPTION, actAsOperator, withStore } from '../acting-operator';
import { StationKeys } from '../../keys/station-keys';
import { KEY_PASSPHRASE_ENV, PassphraseKeyProtector } from '../../keys/key-protector';

export const P12_PASSWORD_ENV = 'STATION_P12_PASSWORD';

export const keysStatus: CliCommand = {
  path: ['keys', 'status'],
  summary: 'Show the content-signing certificate (TEST or imported) and whether a master key exists',
  usage: '[--db PATH] [--json]',
  options: { ...DB_OPTION },
  run(ctx) {
    return withStore(ctx, (store) => {
      // Status reads only public data, so no passphrase is needed; the protector is never asked here.
      const status = new StationKeys(store.db, { kind: 'none', protect: () => new Uint8Array(0), unprotect: () => new Uint8Array(0) }).status();
      if (ctx.json) ctx.printJson(status);
      else {
        const s = status.contentSigner;
        ctx.io.out(s ? `Content signer: ${s.subject}${s.testIssuer ? ' (TEST issuer)' : ''}\nValid until:    ${s.notAfter}\nProtected by:   ${s.protector}` : 'Content signer: none yet (created as a TEST issuer on first issuance)');
        ctx.io.out(`Master key:     ${status.masterKey ? 'present' : 'none yet'}`);
      }
      return 0;
    });
  },
};

export const keysImportP12: CliCommand = {
  path: ['keys', 'import-p12'],
  summary: 'Import the content-signing certificate and key from a PKCS#12 file (System Manager)',
  usage: `FILE --operator NAME [--db PATH] [--json]`,
  help: `The PKCS#12 password comes from ${P12_PASSWORD_ENV}; the key is stored encrypted with ${KEY_PASSPHRASE_ENV}.`,
  options: { ...DB_OPTION, ...OPERATOR_OPTION },
  positionals: [1, 1],
  run(ctx) {
    return withStore(ctx, async (store) => {
      const actor = await actAsOperator(ctx, store, ['system_manager'], 'import the content-signing key');
      const password = ctx.io.env[P12_PASSWORD_ENV];
      if (typeof password !== 'string') throw new InvalidInputError('P12_PASSWORD_REQUIRED', `Set ${P12_PASSWORD_ENV} to the PKCS#12 file's password.`);
      const path = resolve(ctx.io.cwd, ctx.positionals[0]!);
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(path);
      } catch (cause) {
        throw new InvalidInputError('P12_FILE_UNREADABLE', `Cannot read ${ctx.positionals[0]}. Check the path.`, { path }, { cause });
      }
      const keys = new StationKeys(store.db, PassphraseKeyProtector.fromEnv(ctx.io.env));
      const info = await keys.importPkcs12(actor.name, bytes, password);
      await keys.ensure(actor.name); // a master key too, if this is the first key work on this station
      if (ctx.json) ctx.printJson({ contentSigner: info });
      else ctx.io.out(`Imported content signer ${info.subject}, valid until ${info.notAfter}.`);
      return 0;
    });
  },
};

export const keysCommands: CliCommand[] = [keysStatus, keysImportP12];
