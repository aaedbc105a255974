/**
 * Child process for the ledger crash test. `loop`: reserve numbers as fast as possible, printing each
 * committed one. `hold`: reserve one number (committed), then open a write transaction that inserts a
 * ledger row and never commits, print "holding", and wait to be killed.
 */
import { openDatabase } from '../../../../electron/store/database';
import { CredentialLedger } from '../../../../electron/issuance/ledger';

const [dbPath, mode] = process.argv.slice(2);
const store = openDatabase(dbPath!);
const ledger = new CredentialLedger(store.db);
const input = { agencyCode: '0032', systemCode: '0001', applicantId: `child-${process.pid}`, operator: 'crash-test', reader: 'none' };

if (mode === 'loop') {
  for (;;) {
    const e = ledger.reserve(input);
    process.stdout.write(`reserved ${e.credentialNumber}\n`);
  }
} else {
  const e = ledger.reserve(input);
  process.stdout.write(`reserved ${e.credentialNumber}\n`);
  store.db.prepare('BEGIN IMMEDIATE').run();
  store.db
    .prepare("INSERT INTO credential_ledger (agency_code, system_code, credential_number, state, applicant_id, operator, reader, owner_pid, reserved_at, updated_at) VALUES ('0032', '0001', '900000', 'reserved', 'x', 'x', 'x', ?, 'now', 'now')")
    .run(process.pid);
  process.stdout.write('holding\n');
  setInterval(() => undefined, 1_000);
}
