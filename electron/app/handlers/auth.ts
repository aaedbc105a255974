import type { Station } from '../station';
import type { HandlerTable } from '../dispatch';
import type { CallContext } from '../context';
import type { Actor } from '../../operators/roles';
import { operatorView, type OperatorSummary } from '../../operators/repository';
import { actorOf, adminServices } from './admin-services';

type AuthHandlers = Pick<
  HandlerTable,
  'auth.status' | 'auth.setup' | 'auth.signIn' | 'auth.signOut' | 'operators.list' | 'operators.add' | 'operators.unlock' | 'settings.security.get' | 'settings.security.set'
>;

const dto = (o: OperatorSummary) => operatorView(o);

function signInOn(ctx: CallContext, actor: Actor): void {
  ctx.session.operator = { id: String(actor.id), name: actor.name, role: actor.role };
  ctx.session.touch();
}

export function authHandlers(station: Station): AuthHandlers {
  const ops = () => adminServices(station).operators;
  return {
    'auth.status': (_req, ctx) => {
      let operator: { name: string; role: Actor['role'] } | null = null;
      if (ctx.session.operator) {
        try {
          const a = actorOf(station, ctx);
          operator = { name: a.name, role: a.role };
        } catch {
          ctx.session.operator = null;
        }
      }
      return { firstRun: ops().status().firstRun, operator, idleMinutes: ops().settings().sessionIdleMinutes };
    },
    'auth.setup': async ({ name, password }, ctx) => {
      await ops().createFirstSystemManager({ name, password });
      const actor = await ops().authenticate(name, password);
      signInOn(ctx, actor);
      return { operator: { name: actor.name, role: actor.role }, idleMinutes: ops().settings().sessionIdleMinutes };
    },
    'auth.signIn': async ({ name, password }, ctx) => {
      const actor = await ops().authenticate(name, password);
      signInOn(ctx, actor);
      return { operator: { name: actor.name, role: actor.role }, idleMinutes: ops().settings().sessionIdleMinutes };
    },
    'auth.signOut': ({ reason }, ctx) => {
      if (ctx.session.operator) {
        try {
          ops().recordSignOut(actorOf(station, ctx), reason ?? 'user');
        } catch {
          // the account is gone: nothing to record
        }
      }
      ctx.session.operator = null;
      return {};
    },
    'operators.list': (_req, ctx) => ({ operators: ops().list(actorOf(station, ctx)).map((o) => dto(o)) }),
    'operators.add': async (req, ctx) => ({ operator: dto(await ops().addOperator(actorOf(station, ctx), req)) }),
    'operators.unlock': ({ name }, ctx) => ({ operator: dto(ops().unlock(actorOf(station, ctx), name)) }),
    'settings.security.get': () => ops().settings(),
    'settings.security.set': (req, ctx) => ops().updateSettings(actorOf(station, ctx), req),
  };
}
