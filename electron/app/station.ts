import { openDatabase, type OpenedDatabase } from '../store/database';
import { APP_VERSION } from '../common/version';
import { DeviceStatusService } from './devices';
import type { Logger } from './logger';

export type Mode = 'electron' | 'browser';

export interface StationOptions {
  mode: Mode;
  databasePath: string;
  /** 'auto': simulated devices when no hardware is present; 'always' / 'never' force it. */
  simulate: 'auto' | 'always' | 'never';
  log: Logger;
  nativeSqliteBinding?: string;
}

/**
 * The composition root, in plain Node: opens the store and builds every service once. Electron main and
 * browser mode both wrap exactly this.
 */
export class Station {
  readonly name = 'Issuance Station';
  readonly version = APP_VERSION;
  readonly devices: DeviceStatusService;
  private closed = false;
  private readonly closers: Array<() => void | Promise<void>> = [];

  private constructor(
    readonly options: StationOptions,
    readonly database: OpenedDatabase,
  ) {
    this.devices = new DeviceStatusService(null, null);
  }

  static open(options: StationOptions): Station {
    const database = openDatabase(options.databasePath, options.nativeSqliteBinding ? { nativeBinding: options.nativeSqliteBinding } : {});
    options.log.info('station.open', { database: database.path, schemaVersion: database.schemaVersion, created: database.created, mode: options.mode });
    return new Station(options, database);
  }

  get log(): Logger {
    return this.options.log;
  }

  /** Register something to release on shutdown (devices first, the database last). */
  onClose(fn: () => void | Promise<void>): void {
    this.closers.push(fn);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const fn of this.closers.reverse()) {
      try {
        await fn();
      } catch (e) {
        this.log.error('station.close-step-failed', { error: e instanceof Error ? e.message : String(e) });
      }
    }
    this.database.close();
    this.log.info('station.closed');
  }
}
