import { OperatorService } from '../../operators/service';
import { operatorView } from '../../operators/repository';
import { ROLE_LABELS } from '../../operators/roles';
import type { CliCommand } from '../command';
import { DB_OPTION, withStore } from '../acting-operator';

export const operatorsList: CliCommand = {
  path: ['operators', 'list'],
  summary: 'List operator accounts with their role and lock state (never a password hash).',
  usage: '[--db PATH] [--json]',
  options: { ...DB_OPTION },
  run(ctx) {
    return withStore(ctx, (store) => {
      const operators = new OperatorService(store.db).listAll().map((o) => operatorView(o));
      if (ctx.json) ctx.printJson({ operators });
      else if (operators.length === 0) ctx.io.out('No operators yet. Create the first System Manager: station operators add NAME --role system_manager');
      else for (const o of operators) ctx.io.out(`${o.name.padEnd(20)} ${ROLE_LABELS[o.role].padEnd(20)} ${o.locked ? `locked until ${o.lockedUntil}` : ''}`.trimEnd());
      return 0;
    });
  },
};
