import { PolicyService } from '../../policy/service';
import { FIELD_LABELS } from '../../policy/model/model';
import type { CliCommand } from '../command';
import { DB_OPTION, withStore } from '../acting-operator';

function flatten(v: unknown, prefix = ''): Array<[string, unknown]> {
  if (v && typeof v === 'object' && !Array.isArray(v)) return Object.entries(v).flatMap(([k, x]) => flatten(x, prefix ? `${prefix}.${k}` : k));
  return [[prefix, v]];
}
const show = (v: unknown) => (typeof v === 'boolean' ? (v ? 'Yes' : 'No') : Array.isArray(v) ? v.join(', ') : String(v));

export const policyShow: CliCommand = {
  path: ['policy', 'show'],
  summary: "Show a credential policy's Device Issuance settings.",
  usage: 'NAME [--db PATH] [--json]',
  options: { ...DB_OPTION },
  positionals: [1, 1],
  run(ctx) {
    return withStore(ctx, (store) => {
      const p = new PolicyService(store.db).get(ctx.positionals[0]!);
      if (ctx.json) {
        ctx.printJson({ name: p.name, credentialType: p.credentialType, version: p.version, updatedAt: p.updatedAt, updatedBy: p.updatedBy, deviceIssuance: p.deviceIssuance });
      } else {
        ctx.io.out(`${p.name} — credential type ${p.credentialType}, version ${p.version} (${p.source} by ${p.updatedBy} at ${p.updatedAt})`);
        for (const [field, value] of flatten(p.deviceIssuance)) ctx.io.out(`  ${(FIELD_LABELS[field] ?? field).padEnd(36)} ${show(value)}`);
      }
      return 0;
    });
  },
};
