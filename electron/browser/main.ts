import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Station } from '../app/station';
import { createStationDispatcher } from '../app/handlers/index';
import { createLogger } from '../app/logger';
import { resolveDatabasePath } from '../store/location';
import { startBrowserServer } from './server';
import { StationError } from '../common/errors';
import { parseMainArgs } from '../app/args';

/**
 * `npm run start:browser`: the station without the Electron binary. Serves dist/renderer and the IPC
 * handler table on 127.0.0.1 and prints the URL to open.
 */
export async function main(argv: string[]): Promise<number> {
  const values = parseMainArgs(argv);
  if (values.port !== undefined && (!Number.isInteger(values.port) || values.port < 0 || values.port > 65535)) {
    process.stderr.write('station: --port takes a number from 0 to 65535 (0 = any free port).\n');
    return 2;
  }
  const log = createLogger((line) => process.stderr.write(`${line}\n`), (process.env.STATION_LOG_LEVEL as 'info') ?? 'info');
  const root = resolve(values.root ?? join(process.cwd(), 'dist', 'renderer'));
  if (!existsSync(join(root, 'index.html'))) {
    process.stderr.write(`station: no renderer build in ${root}. Run 'npm run build' first (npm run start:browser does it for you).\n`);
    return 1;
  }
  let station: Station;
  try {
    station = await Station.open({
      mode: 'browser',
      databasePath: resolveDatabasePath({ cliPath: values.db }),
      simulate: values.simulate,
      log,
    });
  } catch (e) {
    process.stderr.write(`station: ${e instanceof StationError ? e.message : String(e)}\n`);
    return 1;
  }
  const dispatch = createStationDispatcher(station);
  const server = await startBrowserServer({
    root,
    dispatch,
    log,
    port: values.port ?? 0,
    token: process.env.STATION_BROWSER_TOKEN || undefined,
    onSession: (_session, push) => station.connect(push),
  });
  process.stdout.write(`Issuance Station (browser mode) is serving on 127.0.0.1 only.\nOpen: ${server.url}\n`);
  const stop = async () => {
    await server.close();
    await station.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 0;
}

if (process.argv[1] && /browser[/\\]main\.ts$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then((code) => {
    if (code !== 0) process.exit(code);
  });
}
