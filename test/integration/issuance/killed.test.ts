/**
 * Issue 7 "Done when": the `station issue` process is killed (SIGKILL) in the middle of writing the
 * card. Afterwards the database passes its integrity check, the credential number stays consumed and
 * is marked failed when the station next starts, nothing is recorded as issued, and the same card
 * issues from pre-check with a new number. Real pcscd + vpcd; the card lives in this test process so
 * the kill can be timed to a chained PUT DATA of the fingerprint object.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../../../electron/cli/main';
import type { CliIo } from '../../../electron/cli/command';
import { openDatabase } from '../../../electron/store/database';
import { OperatorService } from '../../../electron/operators/service';
import { INS, OBJECT_TAG } from '../../../electron/piv/constants';
import { PcscReaderManager } from '../../../electron/pcsc/reader-manager';
import { nativePcscLite } from '../../../electron/pcsc/pcsclite-native';
import { ensurePcscd } from '../support/pcscd';
import { lockPort } from '../support/port-lock';
import { ROOT, startInProcessCard, type InProcessCard } from '../support/simulated-card';

const PORT = 35964;
const FVC = join(ROOT, '..', 'shared', 'data', 'fingerprints', 'fvc2002_db1_b');
const dir = mkdtempSync(join(tmpdir(), 'issuance-kill-'));
const db = join(dir, 'station.db');
const env = { STATION_PASSWORD: 'correct horse battery', STATION_KEY_PASSPHRASE: 'integration test passphrase', STATION_CARD_PIN: '470219' };
/** The fingerprint object's tag as it appears in the PUT DATA tag list (5C 03 5F C1 03). */
const FINGERPRINTS_TAG_LIST = Buffer.from([0x5c, 0x03, 0x5f, 0xc1, 0x03]);

let release: () => void;
let sim: InProcessCard;
let watcher: PcscReaderManager;
let onApdu: ((apdu: Uint8Array) => void) | undefined;

beforeAll(async () => {
  release = await lockPort(PORT);
  await ensurePcscd();
  watcher = new PcscReaderManager({ factory: nativePcscLite });
  watcher.start();
  const store = openDatabase(db);
  await new OperatorService(store.db).createFirstSystemManager({ name: 'boss', password: env.STATION_PASSWORD });
  store.close();
  writeFileSync(join(dir, 'a.json'), JSON.stringify([{ id: 'K-1', givenName: 'Kim', surname: 'Lee', personIdentifier: '3456789012', organizationalCategory: '1', organizationalIdentifier: '0032', poaCategory: '1', fingerprints: [{ position: 2, image: relative(dir, join(FVC, '101_1.tif')) }] }]));
  expect(await runCli(['applicants', 'import', 'a.json', '--operator', 'boss', '--db', db], { out: () => {}, err: () => {}, env: { ...env }, cwd: dir })).toBe(0);
  sim = await startInProcessCard(PORT, { pullWhen: (apdu, processed) => (processed ? false : (onApdu?.(apdu), false)) });
}, 240_000);

afterAll(async () => {
  await sim?.stop();
  watcher?.stop();
  release?.();
});

describe('station issue killed mid-write (SIGKILL, real pcscd + vpcd)', () => {
  it('leaves a sound database, a consumed number marked failed on restart, nothing issued; the card then issues from pre-check', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'station.mjs'), 'issue', '--applicant', 'K-1', '--reader', sim.reader, '--fingerprint', join(FVC, '101_2.tif'), '--operator', 'boss', '--db', db, '--json'], { cwd: dir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    let putBlocks = 0;
    onApdu = (apdu) => {
      // Kill on the 3rd block of the chained PUT DATA that writes the fingerprint object.
      if (apdu[1] === INS.PUT_DATA && (putBlocks > 0 || Buffer.from(apdu).includes(FINGERPRINTS_TAG_LIST)) && ++putBlocks === 3) {
        onApdu = undefined;
        child.kill('SIGKILL');
      }
    };
    expect(await exited, stderr).toBe('SIGKILL');
    expect(stderr).toContain('Write the cardholder fingerprints: running');
    expect(sim.card.state.objects.has(OBJECT_TAG.CHUID)).toBe(true); // half-written card
    expect(sim.card.state.objects.has(OBJECT_TAG.SECURITY_OBJECT)).toBe(false);

    const raw = new Database(db);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(raw.prepare('SELECT credential_number AS n, state FROM credential_ledger').all()).toEqual([{ n: '000001', state: 'reserved' }]);
    expect(raw.prepare('SELECT COUNT(*) AS n FROM issued_cards').get()).toEqual({ n: 0 });
    raw.close();

    const out: string[] = [];
    const io: CliIo = { out: (t) => out.push(t), err: () => {}, env: { ...env }, cwd: dir };
    expect(await runCli(['issue', '--applicant', 'K-1', '--reader', sim.reader, '--fingerprint', join(FVC, '101_2.tif'), '--operator', 'boss', '--db', db, '--json'], io)).toBe(0);
    expect(JSON.parse(out.join('')).credentialNumber).toBe('000002');
    const after = new Database(db, { readonly: true });
    expect(after.prepare('SELECT credential_number AS n, state FROM credential_ledger ORDER BY id').all()).toEqual([
      { n: '000001', state: 'failed' },
      { n: '000002', state: 'issued' },
    ]);
    expect(after.prepare("SELECT COUNT(*) AS n FROM audit_journal WHERE action = 'issuance.recovered_failed'").get()).toEqual({ n: 1 });
    after.close();
  }, 180_000);
});
