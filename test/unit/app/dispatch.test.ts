import { describe, expect, it } from 'vitest';
import { createDispatcher, type HandlerTable } from '../../../electron/app/dispatch';
import { createLogger } from '../../../electron/app/logger';
import { Session } from '../../../electron/app/session';
import { StationError } from '../../../electron/common/errors';
import { contract } from '../../../electron/ipc/contract';
import { channel } from '../../../electron/ipc/define';
import { z } from 'zod';

function ctx(role?: string) {
  const session = new Session();
  if (role) session.operator = { id: '1', name: 'ada', role };
  return { session, emit: () => undefined };
}

describe('IPC dispatcher', () => {
  const lines: string[] = [];
  const log = createLogger((l) => lines.push(l), 'debug');

  it('carries a StationError across intact as {code, message, details}', async () => {
    const d = createDispatcher({ 'app.ping': () => { throw new StationError('CARD_REMOVED', 'The card was removed. Insert it again.', { reader: 'R' }); } } as unknown as HandlerTable, log);
    await expect(d('app.ping', { echo: 'x' }, ctx())).resolves.toEqual({ ok: false, error: { code: 'CARD_REMOVED', message: 'The card was removed. Insert it again.', details: { reader: 'R' } } });
  });

  it('hides an unexpected exception behind INTERNAL and logs it', async () => {
    const d = createDispatcher({ 'app.ping': () => { throw new TypeError('x is undefined at secret/path.ts'); } } as unknown as HandlerTable, log);
    const r = await d('app.ping', { echo: 'x' }, ctx());
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(r)).not.toContain('secret/path');
    expect(lines.some((l) => l.includes('ipc.exception'))).toBe(true);
  });

  it('refuses a reply that does not match the declared response schema', async () => {
    const d = createDispatcher({ 'app.ping': () => ({ echo: 5 }) } as unknown as HandlerTable, log);
    await expect(d('app.ping', { echo: 'x' }, ctx())).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('rejects extra fields in a strict request', async () => {
    const d = createDispatcher({ 'app.ping': ({ echo }: { echo: string }) => ({ echo }) } as unknown as HandlerTable, log);
    await expect(d('app.ping', { echo: 'x', sql: 'drop' }, ctx())).resolves.toMatchObject({ ok: false, error: { code: 'IPC_INVALID_PAYLOAD' } });
  });

  it('demands sign-in and the declared role before a restricted handler runs', async () => {
    const ran: string[] = [];
    const testContract = {
      'admin.do': channel({ request: z.object({}).strict(), response: z.object({ done: z.boolean() }), access: ['system_manager'], summary: 'test' }),
      'any.do': channel({ request: z.object({}).strict(), response: z.object({ done: z.boolean() }), access: 'signedIn', summary: 'test' }),
    };
    const handlers = { 'admin.do': () => (ran.push('admin'), { done: true }), 'any.do': () => (ran.push('any'), { done: true }) } as unknown as HandlerTable;
    const d = createDispatcher(handlers, log, testContract);
    await expect(d('admin.do', {}, ctx())).resolves.toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } });
    await expect(d('admin.do', {}, ctx('badge_operator'))).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await expect(d('any.do', {}, ctx())).resolves.toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } });
    expect(ran).toEqual([]);
    await expect(d('admin.do', {}, ctx('system_manager'))).resolves.toEqual({ ok: true, value: { done: true } });
    await expect(d('any.do', {}, ctx('badge_operator'))).resolves.toEqual({ ok: true, value: { done: true } });
    expect(ran).toEqual(['admin', 'any']);
  });

  it('every declared channel has a summary and strict request schema', () => {
    for (const [name, spec] of Object.entries(contract)) {
      expect(spec.summary.length, name).toBeGreaterThan(3);
      expect(spec.request.safeParse({ __unexpected: 1 }).success, name).toBe(false);
    }
  });
});
