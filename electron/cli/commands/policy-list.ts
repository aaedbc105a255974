import { PolicyService } from '../../policy/service';
import type { CliCommand } from '../command';
import { DB_OPTION, withStore } from '../acting-operator';

export const policyList: CliCommand = {
  path: ['policy', 'list'],
  summary: 'List credential policies with their credential type and the version this station runs.',
  usage: '[--db PATH] [--json]',
  options: { ...DB_OPTION },
  run(ctx) {
    return withStore(ctx, (store) => {
      const policies = new PolicyService(store.db).list();
      if (ctx.json) ctx.printJson({ policies: policies.map((p) => ({ name: p.name, credentialType: p.credentialType, version: p.version, updatedAt: p.updatedAt, updatedBy: p.updatedBy })) });
      else for (const p of policies) ctx.io.out(`${p.name} (${p.credentialType}) version ${p.version}, ${p.source} by ${p.updatedBy} at ${p.updatedAt}`);
      return 0;
    });
  },
};
