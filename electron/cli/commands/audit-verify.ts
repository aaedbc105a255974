import { AuditJournal } from '../../audit/journal';
import type { CliCommand } from '../command';
import { DB_OPTION, withStore } from '../acting-operator';

export const auditVerify: CliCommand = {
  path: ['audit', 'verify'],
  summary: 'Check the hash chain of the audit journal; names the first broken link (exit 1 if any).',
  usage: '[--db PATH] [--json]',
  options: { ...DB_OPTION },
  run(ctx) {
    return withStore(ctx, (store) => {
      const r = new AuditJournal(store.db).verify();
      if (ctx.json) ctx.printJson(r);
      else if (r.ok) ctx.io.out(`Audit journal intact: ${r.entries} entries, head hash ${r.headHash}.`);
      else ctx.io.out(`Audit journal BROKEN at entry ${r.firstBroken.seq}: ${r.firstBroken.reason}. Entries before it verify; keep this database for investigation.`);
      if (!r.ok) ctx.io.err(`station: audit journal broken at entry ${r.firstBroken.seq}`);
      return r.ok ? 0 : 1;
    });
  },
};
