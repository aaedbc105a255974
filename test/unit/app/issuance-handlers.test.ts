import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Station } from '../../../electron/app/station';
import { createStationDispatcher } from '../../../electron/app/handlers/index';
import { silentLogger } from '../../../electron/app/logger';
import { Session } from '../../../electron/app/session';
import type { Dispatch } from '../../../electron/app/dispatch';

// Real SQLite file and the real handler table; pcsclite and node-hid are switched off (null seams), so
// no card can be reached — which is itself one of the things checked.
const FVC = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data', 'fingerprints', 'fvc2002_db1_b');
const dir = mkdtempSync(join(tmpdir(), 'issuance-handlers-'));
let station: Station;
let dispatch: Dispatch;
const admin = { session: new Session(), emit: () => undefined };
const bob = { session: new Session(), emit: () => undefined };

beforeAll(async () => {
  process.env.STATION_KEY_PASSPHRASE = 'handler test passphrase';
  station = await Station.open({ mode: 'browser', databasePath: join(dir, 'station.db'), simulate: 'never', log: silentLogger, devices: { pcsc: null, hid: null } });
  dispatch = createStationDispatcher(station);
  expect(await dispatch('auth.setup', { name: 'admin', password: 'admin password 1' }, admin)).toMatchObject({ ok: true });
  expect(await dispatch('operators.add', { name: 'bob', role: 'badge_operator', password: 'bob password 12' }, admin)).toMatchObject({ ok: true });
  expect(await dispatch('auth.signIn', { name: 'bob', password: 'bob password 12' }, bob)).toMatchObject({ ok: true });
  symlinkSync(join(FVC, '101_1.tif'), join(dir, '101_1.tif'));
  writeFileSync(join(dir, 'records.json'), JSON.stringify([{ id: 'A-1', givenName: 'Ada', surname: 'Lovelace', personIdentifier: '1112223333', organizationalCategory: '1', organizationalIdentifier: '1223', poaCategory: '2', fingerprints: [{ position: 2, image: '101_1.tif' }] }]));
}, 120_000);
afterAll(async () => {
  await station?.close();
  delete process.env.STATION_KEY_PASSPHRASE;
});

describe('issuance over IPC (real SQLite file; pcsclite and node-hid switched off)', () => {
  it('imports applicants only for roles that may, and lists them for issuers', async () => {
    expect(await dispatch('applicants.import', { path: join(dir, 'records.json') }, bob)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await dispatch('applicants.import', { path: join(dir, 'records.json') }, admin)).toEqual({ ok: true, value: { imported: 1, ids: ['A-1'] } });
    const list = await dispatch('applicants.list', {}, bob);
    expect(list).toMatchObject({ ok: true, value: { total: 1, applicants: [{ id: 'A-1', status: 'enrolled', currentCard: null }] } });
  }, 60_000);

  it('a run belongs to the operator who began it', async () => {
    const begun = (await dispatch('issuance.begin', { applicantId: 'A-1', reader: 'Virtual PCD 00 00' }, admin)) as { ok: true; value: { runId: string; gate: { mode: string } } };
    expect(begun.ok).toBe(true);
    expect(begun.value.gate.mode).toBe('fingerprint');
    const runId = begun.value.runId;
    expect(await dispatch('issuance.get', { runId }, admin)).toMatchObject({ ok: true, value: { runId, state: 'open' } });
    expect(await dispatch('issuance.get', { runId }, bob)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await dispatch('issuance.issue', { runId, pin: '470219' }, bob)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await dispatch('issuance.get', { runId: randomUUID() }, admin)).toMatchObject({ ok: false, error: { code: 'ISSUANCE_RUN_UNKNOWN' } });
    // No PC/SC here: the pre-check says so instead of failing obscurely.
    expect(await dispatch('issuance.precheck', { runId }, admin)).toMatchObject({ ok: false, error: { code: 'PCSC_UNAVAILABLE' } });
    expect(await dispatch('issuance.cancel', { runId }, admin)).toEqual({ ok: true, value: {} });
    expect(await dispatch('issuance.get', { runId }, admin)).toMatchObject({ ok: false, error: { code: 'ISSUANCE_RUN_UNKNOWN' } });
  }, 60_000);

  it('refuses a malformed PIN at the IPC boundary without echoing it', async () => {
    const r = await dispatch('issuance.issue', { runId: randomUUID(), pin: '12345' }, admin);
    expect(r).toMatchObject({ ok: false, error: { code: 'IPC_INVALID_PAYLOAD' } });
    expect(JSON.stringify(r)).not.toContain('12345');
  });
});
