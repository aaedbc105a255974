import { contract as defaultContract, type ChannelName, type RequestOf, type ResponseOf } from '../ipc/contract';
import type { ChannelSpec, IpcResult } from '../ipc/define';
import { StationError, toErrorShape } from '../common/errors';
import type { CallContext } from './context';
import type { Logger } from './logger';

export type Handler<C extends ChannelName> = (request: RequestOf<C>, ctx: CallContext) => Promise<ResponseOf<C>> | ResponseOf<C>;
export type HandlerTable = { [C in ChannelName]: Handler<C> };

export type Dispatch = (channel: unknown, payload: unknown, ctx: CallContext) => Promise<IpcResult<unknown>>;

function fail(code: string, message: string, details?: Record<string, unknown>): IpcResult<never> {
  return { ok: false, error: details ? { code, message, details } : { code, message } };
}

/**
 * The one place a renderer request enters the main process, for Electron IPC and browser mode alike:
 * known channel → valid payload → allowed caller → handler → valid reply. Nothing thrown escapes.
 */
export interface DispatchHooks {
  /** Runs before the access check of every call (e.g. idle sign-out, which must happen before the session is touched). */
  beforeAccess?(session: CallContext['session']): void;
}

export function createDispatcher(handlers: HandlerTable, log: Logger, contract: Record<string, ChannelSpec> = defaultContract, hooks: DispatchHooks = {}): Dispatch {
  const known = (name: unknown): name is ChannelName => typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
  return async (channel, payload, ctx) => {
    if (!known(channel)) {
      log.warn('ipc.unknown-channel', { channel: typeof channel === 'string' ? channel.slice(0, 80) : typeof channel });
      return fail('IPC_UNKNOWN_CHANNEL', 'The app asked for something this station does not offer. Update or restart the app.', {
        channel: typeof channel === 'string' ? channel.slice(0, 80) : null,
      });
    }
    const spec = contract[channel]!;
    const parsed = spec.request.safeParse(payload ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 5).map((i) => ({ path: i.path.join('.'), message: i.message }));
      log.warn('ipc.invalid-payload', { channel, issues });
      return fail('IPC_INVALID_PAYLOAD', `The request to ${channel} was not valid: ${issues.map((i) => `${i.path || 'request'}: ${i.message}`).join('; ')}.`, { channel, issues });
    }
    hooks.beforeAccess?.(ctx.session);
    if (spec.access !== 'public') {
      const operator = ctx.session.operator;
      if (!operator) return fail('AUTH_REQUIRED', 'Sign in first.', { channel });
      if (Array.isArray(spec.access) && !spec.access.includes(operator.role)) {
        log.warn('ipc.forbidden', { channel, role: operator.role });
        return fail('FORBIDDEN', `Your role (${operator.role}) may not do this. Ask a System Manager.`, { channel, role: operator.role });
      }
      ctx.session.touch();
    }
    try {
      const handler = handlers[channel] as Handler<typeof channel>;
      const value = await handler(parsed.data as never, ctx);
      const checked = spec.response.safeParse(value);
      if (!checked.success) {
        log.error('ipc.invalid-response', { channel, issues: checked.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`) });
        return fail('INTERNAL', 'The station produced an answer it could not check. The details are in the station log.', { channel });
      }
      return { ok: true, value: checked.data };
    } catch (e) {
      if (e instanceof StationError) log.info('ipc.error', { channel, code: e.code });
      else log.error('ipc.exception', { channel, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      return { ok: false, error: toErrorShape(e) };
    }
  };
}
