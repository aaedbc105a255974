import type { Station } from '../station';
import type { HandlerTable } from '../dispatch';

type AppHandlers = Pick<HandlerTable, 'app.info' | 'app.ping' | 'devices.status'>;

export function appHandlers(station: Station): AppHandlers {
  return {
    'app.info': async () => {
      const devices = await station.devices.status();
      return {
        name: station.name,
        version: station.version,
        mode: station.options.mode,
        databasePath: station.database.path,
        schemaVersion: station.database.schemaVersion,
        simulatedDevices: devices.simulated,
        fingerprintEngine: station.fingerprintEngine,
      };
    },
    'app.ping': ({ echo }) => ({ echo }),
    'devices.status': () => station.devices.status(),
  };
}
