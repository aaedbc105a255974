import { timingSafeEqual } from 'node:crypto';
import { InvalidInputError } from '../../common/errors';
import { OperatorService } from '../../operators/service';
import { ROLES, isRole } from '../../operators/roles';
import type { CliCommand } from '../command';
import { DB_OPTION, OPERATOR_OPTION, PASSWORD_ENV, actAsOperator, promptHidden, withStore } from '../acting-operator';

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const NEW_PASSWORD_ENV = 'STATION_NEW_PASSWORD';

export const operatorsAdd: CliCommand = {
  path: ['operators', 'add'],
  summary: 'Create an operator account (the first System Manager, or by a System Manager).',
  usage: 'NAME --role ROLE [--operator NAME] [--db PATH] [--json]',
  help: `Roles: ${ROLES.join(', ')}.
On a new station (no System Manager yet) the first account is created without --operator and must be
--role system_manager. After that, --operator must name a System Manager (password from ${PASSWORD_ENV}
or a prompt). The new account's password comes from ${NEW_PASSWORD_ENV}, or is asked twice on the
terminal; for the first account ${PASSWORD_ENV} is accepted too.`,
  options: { ...DB_OPTION, ...OPERATOR_OPTION, role: { type: 'string' } },
  positionals: [1, 1],
  async run(ctx) {
    const name = ctx.positionals[0]!;
    const role = ctx.values.role;
    if (!isRole(role)) throw new InvalidInputError('OPERATOR_ROLE_INVALID', `--role must be one of: ${ROLES.join(', ')}.`);
    return withStore(ctx, async (store) => {
      const ops = new OperatorService(store.db);
      const first = ops.status().firstRun;
      if (!first && !ctx.values.operator) {
        throw new InvalidInputError('OPERATOR_REQUIRED', 'This station already has a System Manager: add operators as one, with --operator NAME.');
      }
      if (first && role !== 'system_manager') {
        throw new InvalidInputError('FIRST_OPERATOR_ROLE', 'This station has no System Manager yet: the first account must be one (--role system_manager).');
      }
      const actor = first ? undefined : await actAsOperator(ctx, store, ['system_manager'], 'add operators');
      const env = ctx.io.env;
      let password = env[NEW_PASSWORD_ENV] || (first ? env[PASSWORD_ENV] : undefined) || '';
      if (!password) {
        password = await promptHidden(`New password for ${name}:`, ctx.io);
        if (!sameText(await promptHidden('Repeat it:', ctx.io), password)) throw new InvalidInputError('PASSWORD_MISMATCH', 'The two passwords differ; nothing was created. Try again.');
      }
      const created = actor ? await ops.addOperator(actor, { name, role, password }) : await ops.createFirstSystemManager({ name, password });
      if (ctx.json) ctx.printJson({ operator: { name: created.name, role: created.role, createdAt: created.createdAt, createdBy: created.createdBy } });
      else ctx.io.out(`Created ${created.role} ${created.name}.`);
      return 0;
    });
  },
};
