import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InvalidInputError } from '../../common/errors';
import { PolicyService } from '../../policy/service';
import type { CliCommand } from '../command';
import { DB_OPTION, OPERATOR_OPTION, actAsOperator, withStore } from '../acting-operator';

export const policyTrust: CliCommand = {
  path: ['policy', 'trust'],
  summary: "Trust another station's policy-signing public key (PEM file) so its bundles can be imported.",
  usage: 'PEMFILE --label TEXT --operator NAME [--db PATH] [--json]',
  options: { ...DB_OPTION, ...OPERATOR_OPTION, label: { type: 'string' } },
  positionals: [1, 1],
  run(ctx) {
    const file = resolve(ctx.io.cwd, ctx.positionals[0]!);
    let pem: string;
    try {
      pem = readFileSync(file, 'utf8');
    } catch (e) {
      throw new InvalidInputError('FILE_UNREADABLE', `Cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}.`);
    }
    return withStore(ctx, async (store) => {
      const actor = await actAsOperator(ctx, store, ['system_manager'], 'add trusted policy signers');
      const r = new PolicyService(store.db).trustSigner(actor, { publicKey: pem, label: typeof ctx.values.label === 'string' ? ctx.values.label : '' });
      if (ctx.json) ctx.printJson(r);
      else ctx.io.out(`Trusted signer ${r.fingerprint}.`);
      return 0;
    });
  },
};
