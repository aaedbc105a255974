import { lazyPassphraseProtector } from '../../keys/key-protector';
import { PolicyService } from '../../policy/service';
import type { CliCommand } from '../command';
import { DB_OPTION, withStore } from '../acting-operator';

export const policySigner: CliCommand = {
  path: ['policy', 'signer'],
  summary: "Print this station's policy-signing public key (PEM) and the signers it trusts.",
  usage: '[--db PATH] [--json]',
  help: 'The private key is kept encrypted: the first use (which makes the key) needs STATION_KEY_PASSPHRASE, as issuing does.',
  options: { ...DB_OPTION },
  run(ctx) {
    return withStore(ctx, (store) => {
      const svc = new PolicyService(store.db, undefined, lazyPassphraseProtector(ctx.io.env));
      const own = svc.stationSigner();
      if (ctx.json) ctx.printJson({ station: own, trusted: svc.signers() });
      else ctx.io.out(`${own.publicKey.trimEnd()}\n# fingerprint (SHA-256 of the key): ${own.fingerprint}`);
      return 0;
    });
  },
};
