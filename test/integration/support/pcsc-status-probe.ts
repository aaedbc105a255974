/**
 * Child process for the service-status test: runs the PC/SC adapter (real libpcsclite) and prints every
 * event as one JSON line. libpcsclite reads PCSCLITE_CSOCK_NAME once per process, hence a child.
 */
import { PcscReaderManager } from '../../../electron/pcsc/reader-manager';
import { nativePcscLite } from '../../../electron/pcsc/pcsclite-native';

// Context errors go to stderr so a failing test can show what libpcsclite reported.
const factory = () => {
  const context = nativePcscLite();
  context.on('error', (e) => process.stderr.write(`context error: ${e.message}\n`));
  return context;
};
const manager = new PcscReaderManager({ factory, retryMs: 200 });
manager.subscribe((event) => process.stdout.write(`${JSON.stringify(event, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v))}\n`));
manager.start();
process.stdin.resume();
process.stdin.on('end', () => {
  manager.stop();
  process.exit(0);
});
