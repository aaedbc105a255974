import { openDatabase, type OpenedDatabase } from '../store/database';
import { APP_VERSION } from '../common/version';
import { DeviceStatusService } from './devices';
import { loadNativeKernels } from '../biometrics/native';
import { lazyPassphraseProtector, type KeyProtector } from '../keys/key-protector';
import { StationError } from '../common/errors';
import { wireDevices, type DeviceWiringOptions, type WiredDevices } from './device-wiring';
import type { Logger } from './logger';
import { events, type EventName, type EventPayload } from '../ipc/events';
import { createWorkerExtractor, type FingerprintExtractor } from '../fingerprints/extractor';

export type Push = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export type Mode = 'electron' | 'browser';

export interface StationOptions {
  mode: Mode;
  databasePath: string;
  /** 'auto': simulated devices when no hardware is present; 'always' / 'never' force it. */
  simulate: 'auto' | 'always' | 'never';
  log: Logger;
  nativeSqliteBinding?: string;
  /** Device seams for tests (fake pcsclite, no node-hid); real devices when absent. */
  devices?: Omit<DeviceWiringOptions, 'simulate' | 'log' | 'fingerprints'>;
  /** Protects the station's private keys at rest: Electron's safeStorage in the app; a passphrase otherwise. */
  keyProtector?: KeyProtector;
}

/**
 * The composition root, in plain Node: opens the store and builds every service once. Electron main and
 * browser mode both wrap exactly this.
 */
export class Station {
  readonly name = 'Issuance Station';
  readonly version = APP_VERSION;
  readonly devices: DeviceStatusService;
  /** Checked once at startup: a missing or broken addon is a clear message, not a crash at the first capture. */
  readonly fingerprintEngine: { available: boolean; message?: string };
  private closed = false;
  private readonly closers: Array<() => void | Promise<void>> = [];

  private constructor(
    readonly options: StationOptions,
    readonly database: OpenedDatabase,
    readonly hardware: WiredDevices,
    /** Extraction off the main thread (a worker thread started at the first fingerprint). */
    readonly fingerprints: FingerprintExtractor,
  ) {
    this.devices = new DeviceStatusService(hardware.readers, hardware.scanners);
    this.fingerprintEngine = checkFingerprintEngine(options.log);
    // Closers run in reverse: captures stop first, then the worker thread ends.
    this.onClose(() => fingerprints.close());
    this.onClose(() => hardware.stop());
    // The thread starts while the finger is being placed, so the first capture does not wait for it.
    this.onClose(hardware.scannerService.on((e) => {
      if (e.type === 'capture-state' && e.state === 'waiting-for-finger') fingerprints.warm();
    }));
  }

  /** What protects private keys at rest here: the app's (OS keyring) or, in plain Node, STATION_KEY_PASSPHRASE when a key is used. */
  get keyProtector(): KeyProtector {
    return this.options.keyProtector ?? lazyPassphraseProtector(process.env);
  }

  /** Opens the database first (refusing a newer or corrupt one before touching any device), then devices. */
  static async open(options: StationOptions): Promise<Station> {
    const database = openDatabase(options.databasePath, options.nativeSqliteBinding ? { nativeBinding: options.nativeSqliteBinding } : {});
    options.log.info('station.open', { database: database.path, schemaVersion: database.schemaVersion, created: database.created, mode: options.mode });
    const fingerprints = createWorkerExtractor({
      onFallback: (e) => options.log.error('station.fingerprint-worker-unavailable', { code: e.code, reason: e.details?.reason }),
    });
    let hardware: WiredDevices;
    try {
      hardware = await wireDevices({ simulate: options.simulate, log: options.log, fingerprints, ...options.devices });
    } catch (e) {
      await fingerprints.close();
      database.close();
      throw e;
    }
    return new Station(options, database, hardware, fingerprints);
  }

  /**
   * Connect one renderer (a window or a browser-mode socket) to the events it should see: device changes
   * and capture progress. Returns the unsubscribe function for when it goes away.
   */
  connect(send: Push): () => void {
    // Events obey the contract like replies do: parsed (and stripped of anything undeclared) before they leave.
    const push: Push = (name, payload) => {
      const checked = events[name].safeParse(payload);
      if (checked.success) send(name, checked.data as EventPayload<typeof name>);
      else this.log.error('ipc.invalid-event', { event: name, issues: checked.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`) });
    };
    const offDevices = this.devices.onChange(() => {
      void this.devices.status().then((s) => push('devices.changed', s));
    });
    const offCaptures = this.hardware.scannerService.on((e) => {
      if (e.type !== 'scanners-changed') push('capture.event', e);
    });
    return () => {
      offDevices();
      offCaptures();
    };
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

function checkFingerprintEngine(log: Logger): { available: boolean; message?: string } {
  try {
    loadNativeKernels();
    return { available: true };
  } catch (e) {
    const message = e instanceof StationError ? e.message : 'The fingerprint engine could not start.';
    log.error('station.fingerprint-engine-unavailable', { code: e instanceof StationError ? e.code : 'INTERNAL' });
    return { available: false, message };
  }
}
