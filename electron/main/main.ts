import { app, BrowserWindow, ipcMain, protocol, safeStorage, session } from 'electron';
import { join } from 'node:path';
import { Station } from '../app/station';
import { createStationDispatcher } from '../app/handlers/index';
import { createLogger } from '../app/logger';
import { resolveDatabasePath } from '../store/location';
import { StationError } from '../common/errors';
import { createSecureWindow, denyAllPermissions, lockDown } from './window';
import { registerAppScheme, serveRenderer } from './protocol';
import { registerIpc, EVENT_CHANNEL } from './ipc-router';
import { parseMainArgs } from '../app/args';
import { SafeStorageKeyProtector, type KeyProtector } from '../keys/key-protector';

/**
 * Electron glue only: lifecycle, one window, the app:// protocol and the IPC router. Everything else is
 * the plain-Node Station, the same one browser mode runs.
 */
const log = createLogger((line) => process.stderr.write(`${line}\n`));
// In a source checkout the simulated scanner serves the development images beside the repository.
process.env.STATION_SCANNER_SIM_IMAGES ??= join(__dirname, '..', '..', '..', 'shared', 'data', 'fingerprints', 'fvc2002_db1_b');
const args = parseMainArgs(process.argv);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme(protocol);
  let station: Station | null = null;
  let win: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  app.on('web-contents-created', (_event, contents) => lockDown(contents));

  app.whenReady().then(async () => {
    denyAllPermissions(session.defaultSession);
    const distRoot = join(__dirname, '..');
    serveRenderer(protocol, join(distRoot, 'renderer'));
    // Station keys at rest: the OS keyring through safeStorage; without one, the passphrase fallback.
    let keyProtector: KeyProtector | undefined;
    try {
      keyProtector = new SafeStorageKeyProtector(safeStorage);
    } catch (e) {
      log.warn('station.safe-storage-unavailable', { code: e instanceof StationError ? e.code : 'INTERNAL' });
    }
    try {
      station = await Station.open({
        keyProtector,
        mode: 'electron',
        databasePath: resolveDatabasePath({ cliPath: args.db, userDataDir: app.getPath('userData') }),
        simulate: args.simulate,
        log,
        nativeSqliteBinding: process.env.STATION_SQLITE_BINDING || undefined,
      });
    } catch (e) {
      const { dialog } = await import('electron');
      dialog.showErrorBox('Issuance Station cannot start', e instanceof StationError ? e.message : String(e));
      app.exit(1);
      return;
    }
    const opened = station;
    const router = registerIpc(ipcMain, createStationDispatcher(opened), log);
    win = createSecureWindow({ BrowserWindow, preloadPath: join(distRoot, 'preload', 'preload.cjs') });
    router.sessionFor(win.webContents);
    const off = opened.connect((name, payload) => {
      if (win && !win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, name, payload);
    });
    opened.onClose(off);
    win.on('closed', () => (win = null));
  });

  app.on('window-all-closed', () => app.quit());

  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting || !station) return;
    event.preventDefault();
    quitting = true;
    const closing = station;
    station = null;
    void closing.close().finally(() => app.quit());
  });
}
