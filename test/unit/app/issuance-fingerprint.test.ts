import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Station } from '../../../electron/app/station';
import { createStationDispatcher } from '../../../electron/app/handlers/index';
import { createLogger } from '../../../electron/app/logger';
import { Session } from '../../../electron/app/session';
import type { Dispatch } from '../../../electron/app/dispatch';
import { SimulatedHidModule } from '../../../electron/simulators/scanner/simulated-hid-module';
import { FAST_TIMING } from '../../../electron/simulators/scanner/simulated-device';

// The issuance fingerprint step end to end over the handler table: a live capture on the simulated
// scanner, extracted on the station's worker thread, compared 1:1 with the enrolled finger (whose
// template was extracted at import, on the same thread). Real SQLite file; pcsclite and node-hid off.
const FVC = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data', 'fingerprints', 'fvc2002_db1_b');
const dir = mkdtempSync(join(tmpdir(), 'issuance-fingerprint-'));
let station: Station;
let dispatch: Dispatch;
const admin = { session: new Session(), emit: () => undefined };
const log: string[] = [];

beforeAll(async () => {
  process.env.STATION_KEY_PASSPHRASE = 'handler test passphrase';
  const simulator = new SimulatedHidModule();
  simulator.plug({ timing: FAST_TIMING, image: '101_2.tif' });
  station = await Station.open({ mode: 'browser', databasePath: join(dir, 'station.db'), simulate: 'always', log: createLogger((l) => log.push(l)), devices: { pcsc: null, hid: null, simulator } });
  dispatch = createStationDispatcher(station);
  expect(await dispatch('auth.setup', { name: 'admin', password: 'admin password 1' }, admin)).toMatchObject({ ok: true });
  symlinkSync(join(FVC, '101_1.tif'), join(dir, '101_1.tif'));
  writeFileSync(join(dir, 'records.json'), JSON.stringify([{ id: 'A-1', givenName: 'Ada', surname: 'Lovelace', personIdentifier: '1112223333', organizationalCategory: '1', organizationalIdentifier: '1223', poaCategory: '2', fingerprints: [{ position: 2, image: '101_1.tif' }] }]));
  expect(await dispatch('applicants.import', { path: join(dir, 'records.json') }, admin)).toEqual({ ok: true, value: { imported: 1, ids: ['A-1'] } });
}, 120_000);
afterAll(async () => {
  await station?.close();
  delete process.env.STATION_KEY_PASSPHRASE;
});

describe('issuance.fingerprint (simulated scanner, extraction on the worker thread)', () => {
  it('captures, extracts off the main thread and matches the enrolled finger', async () => {
    const begun = (await dispatch('issuance.begin', { applicantId: 'A-1', reader: 'Virtual PCD 00 00' }, admin)) as { ok: true; value: { runId: string } };
    expect(begun.ok).toBe(true);
    const r = await dispatch('issuance.fingerprint', { runId: begun.value.runId, position: 2 }, admin);
    expect(r).toMatchObject({ ok: true, value: { match: true, position: 2, state: 'passed' } });
    expect(log.join('\n')).not.toContain('fingerprint-worker-unavailable'); // no fallback to this thread
    expect(await dispatch('issuance.cancel', { runId: begun.value.runId }, admin)).toEqual({ ok: true, value: {} });
  }, 60_000);
});
