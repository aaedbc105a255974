import { createRequire } from 'node:module';
import type { PcscLiteFactory, PcscLiteLike } from './pcsclite-port';

/**
 * The only place that loads the `pcsclite` native addon. Loaded on first use, so importing the adapter
 * (or running unit tests with a fake) never needs libpcsclite.
 */
export const nativePcscLite: PcscLiteFactory = () => {
  const require = createRequire(import.meta.url);
  // `npm start` points this at a copy of pcsclite built for Electron's ABI (pcsclite is not Node-API).
  // eslint-disable-next-line security/detect-non-literal-require -- the path comes from the launcher's environment, not from user input
  const create = require(process.env.STATION_PCSCLITE_MODULE || 'pcsclite') as () => PcscLiteLike;
  return create();
};
