import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Station } from '../../../electron/app/station';
import { createDispatcher } from '../../../electron/app/dispatch';
import { createHandlers, createStationDispatcher } from '../../../electron/app/handlers/index';
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

  it('signs an idle operator out before the access check of the next call', async () => {
    const station = await Station.open({ mode: 'browser', databasePath: dbPath(), simulate: 'always', log: silentLogger, devices: noDevices });
    opened.push(station);
    const dispatch = createStationDispatcher(station);
    const ctx = { session: new Session(), emit: () => undefined };
    await expect(dispatch('auth.setup', { name: 'admin', password: 'admin password 1' }, ctx)).resolves.toMatchObject({ ok: true });
    expect(ctx.session.operator?.name).toBe('admin');
    ctx.session.lastActivity = Date.now() - 24 * 3600_000;
    await expect(dispatch('scanners.cancelCapture', { captureId: 'none' }, ctx)).resolves.toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } });
    expect(ctx.session.operator).toBeNull();
  });

  it('refuses a newer database before opening any device, and leaves it alone', async () => {
    const path = dbPath();
    const raw = new Database(path);
    raw.pragma('user_version = 9999');
    raw.close();
    await expect(Station.open({ mode: 'browser', databasePath: path, simulate: 'always', log: silentLogger, devices: noDevices })).rejects.toMatchObject({ code: 'DATABASE_TOO_NEW' });
  });
});
