import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InvalidInputError } from '../../common/errors';
import { lazyPassphraseProtector } from '../../keys/key-protector';
import { PolicyService } from '../../policy/service';
import type { CliCommand } from '../command';
import { DB_OPTION, withStore } from '../acting-operator';

export const policyExport: CliCommand = {
  path: ['policy', 'export'],
  summary: "Write a policy as a JSON bundle signed with this station's policy-signing key.",
  usage: 'NAME -o FILE [--db PATH] [--json]',
  help: 'Other stations import it after trusting this station\'s key (station policy signer / station policy trust). Signing needs STATION_KEY_PASSPHRASE: the private key is kept encrypted with it.',
  options: { ...DB_OPTION, output: { type: 'string', short: 'o' } },
  positionals: [1, 1],
  run(ctx) {
    const output = typeof ctx.values.output === 'string' ? ctx.values.output : '';
    if (!output) throw new InvalidInputError('USAGE', 'Name the bundle file to write: -o FILE.');
    return withStore(ctx, (store) => {
      const bundle = new PolicyService(store.db, undefined, lazyPassphraseProtector(ctx.io.env)).exportBundle('(command line)', ctx.positionals[0]!);
      const file = resolve(ctx.io.cwd, output);
      writeFileSync(file, `${JSON.stringify(bundle, null, 2)}\n`, 'utf8');
      if (ctx.json) ctx.printJson({ file, name: bundle.policy.name, version: bundle.policy.version, signer: bundle.signer.fingerprint });
      else ctx.io.out(`Wrote ${bundle.policy.name} version ${bundle.policy.version} to ${file} (signed by key ${bundle.signer.fingerprint.slice(0, 16)}…).`);
      return 0;
    });
  },
};
