import { OperatorService } from '../../operators/service';
import type { CliCommand } from '../command';
import { DB_OPTION, OPERATOR_OPTION, actAsOperator, withStore } from '../acting-operator';

export const operatorsUnlock: CliCommand = {
  path: ['operators', 'unlock'],
  summary: 'Unlock an account locked after failed sign-ins (System Manager).',
  usage: 'NAME --operator NAME [--db PATH] [--json]',
  options: { ...DB_OPTION, ...OPERATOR_OPTION },
  positionals: [1, 1],
  run(ctx) {
    return withStore(ctx, async (store) => {
      const actor = await actAsOperator(ctx, store, ['system_manager'], 'unlock accounts');
      const o = new OperatorService(store.db).unlock(actor, ctx.positionals[0]!);
      if (ctx.json) ctx.printJson({ operator: { name: o.name, role: o.role, locked: false } });
      else ctx.io.out(`Unlocked ${o.name}.`);
      return 0;
    });
  },
};
