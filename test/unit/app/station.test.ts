import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Station } from '../../../electron/app/station';
import { createDispatcher } from '../../../electron/app/dispatch';
import { createHandlers } from '../../../electron/app/handlers/index';
import { silentLogger } from '../../../electron/app/logger';
import { Session } from '../../../electron/app/session';

// No USB here and no pcscd needed: node-hid and pcsclite are switched off for these tests (null seams).
const noDevices = { pcsc: null, hid: null } as const;
const dbPath = () => join(mkdtempSync(join(tmpdir(), 'station-app-')), 'station.db');
const opened: Station[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
});

describe('Station composition root (node-hid and pcsclite switched off)', () => {
  it('answers app.info over the dispatcher with the database, mode and engine state', async () => {
    const station = await Station.open({ mode: 'browser', databasePath: dbPath(), simulate: 'never', log: silentLogger, devices: noDevices });
    opened.push(station);
    const dispatch = createDispatcher(createHandlers(station), silentLogger);
    const r = await dispatch('app.info', {}, { session: new Session(), emit: () => undefined });
    expect(r).toMatchObject({ ok: true, value: { mode: 'browser', schemaVersion: station.database.schemaVersion, simulatedDevices: false, fingerprintEngine: { available: true } } });
  });

  it('adds the simulated scanner when asked and reports devices as simulated', async () => {
    const station = await Station.open({ mode: 'browser', databasePath: dbPath(), simulate: 'always', log: silentLogger, devices: noDevices });
    opened.push(station);
    const status = await station.devices.status();
    expect(status.scanners).toHaveLength(1);
    expect(status.scanners[0]).toMatchObject({ simulated: true, state: 'ready' });
    expect(status.simulated).toBe(true);
    expect(status.pcsc.state).toBe('unavailable');
  });

  it('refuses a newer database before opening any device, and leaves it alone', async () => {
    const path = dbPath();
    const raw = new Database(path);
    raw.pragma('user_version = 9999');
    raw.close();
    await expect(Station.open({ mode: 'browser', databasePath: path, simulate: 'always', log: silentLogger, devices: noDevices })).rejects.toMatchObject({ code: 'DATABASE_TOO_NEW' });
  });
});
