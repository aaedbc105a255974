/**
 * Issue 7 "Done when", on the real stack: pcscd + vpcd + the virtual PIV card (in this process so the
 * test can see the card's state and pull it mid-write), a real SQLite file, `station` commands run
 * in-process. A genuine finger gets a card that yubico-piv-tool and `station card read` show with the
 * FASC-N and expiry the policy implies; an impostor is refused after 3 attempts with nothing written;
 * a replacement works; a card pulled mid-write fails the issuance, keeps the number consumed, and the
 * same card then issues from pre-check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../../../electron/cli/main';
import type { CliIo } from '../../../electron/cli/command';
import { openDatabase } from '../../../electron/store/database';
import { OperatorService } from '../../../electron/operators/service';
import { ALGORITHM, INS, OBJECT_TAG, YUBICO_DEFAULT } from '../../../electron/piv/constants';
import { Fascn } from '../../../electron/piv/fascn';
import { toHex, bytesEqual } from '../../../electron/piv/bytes';
import { addYears, isoDay } from '../../../electron/issuance/expiration';
import { ensurePcscd } from '../support/pcscd';
import { lockPort } from '../support/port-lock';
import { startInProcessCard, type InProcessCard } from '../support/simulated-card';
import { tool } from '../support/tools';
import { PcscReaderManager } from '../../../electron/pcsc/reader-manager';
import { nativePcscLite } from '../../../electron/pcsc/pcsclite-native';

const PORT = 35964;
const FVC = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data', 'fingerprints', 'fvc2002_db1_b');
const PIN = '470219';
const dir = mkdtempSync(join(tmpdir(), 'issuance-it-'));
const db = join(dir, 'station.db');
const env = { STATION_PASSWORD: 'correct horse battery', STATION_KEY_PASSPHRASE: 'integration test passphrase', STATION_CARD_PIN: PIN };

let release: () => void;
let sim: InProcessCard | undefined;
let pullHook: ((apdu: Uint8Array, processed: boolean) => boolean) | undefined;

async function insertBlankCard(): Promise<InProcessCard> {
  if (sim) {
    await sim.stop();
    await cardShown(sim.reader, false);
  }
  sim = await startInProcessCard(PORT, { pullWhen: (a, p) => pullHook?.(a, p) ?? false });
  await cardShown(sim.reader, true);
  return sim;
}

/**
 * A PC/SC context stays open for the whole file: with none open at the moment a card is pulled
 * mid-APDU, pcscd was seen never to report the re-inserted card again (see the report for the PC/SC owner).
 */
let watcher: PcscReaderManager;
async function cardShown(reader: string, present: boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((watcher.readers().find((r) => r.name === reader)?.cardPresent ?? false) !== present) {
    if (Date.now() > deadline) throw new Error(`reader ${reader} did not show ${present ? 'a card' : 'no card'} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function reinsert(card: InProcessCard): Promise<void> {
  await cardShown(card.reader, false);
  card.client.start();
  await card.client.waitAttached(10_000);
  await cardShown(card.reader, true);
}

async function station(args: string[], withDb = true): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env: { ...env }, cwd: dir };
  const code = await runCli(withDb ? [...args, '--db', db] : args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const rows = <T>(sql: string, ...args: unknown[]): T[] => {
  const raw = new Database(db, { readonly: true });
  try {
    return raw.prepare(sql).all(...args) as T[];
  } finally {
    raw.close();
  }
};

beforeAll(async () => {
  await ensurePcscd();
  release = await lockPort(PORT);
  watcher = new PcscReaderManager({ factory: nativePcscLite });
  watcher.start();
  const store = openDatabase(db);
  await new OperatorService(store.db).createFirstSystemManager({ name: 'boss', password: env.STATION_PASSWORD });
  store.close();
  const img = (n: string) => relative(dir, join(FVC, n));
  writeFileSync(
    join(dir, 'applicants.json'),
    JSON.stringify([
      { id: 'A-101', givenName: 'Ada', surname: 'Lovelace', personIdentifier: '1234567890', organizationalCategory: '1', organizationalIdentifier: '0032', poaCategory: '1', fingerprints: [{ position: 2, image: img('101_1.tif'), dpi: 500 }] },
      { id: 'A-102', givenName: 'Alan', surname: 'Turing', personIdentifier: '2345678901', organizationalCategory: 1, organizationalIdentifier: '0032', poaCategory: 5, fingerprints: [{ position: 7, image: img('102_1.tif') }] },
    ]),
  );
  const imported = await station(['applicants', 'import', 'applicants.json', '--operator', 'boss', '--json']);
  expect(imported.code, imported.err).toBe(0);
}, 240_000);

afterAll(async () => {
  await sim?.stop();
  watcher?.stop();
  release?.();
});

describe('station issue on pcscd + vpcd + the virtual card', () => {
  let first: { credentialNumber: string; fascnHex: string; fascn: string; guid: string; expirationDate: string; reader: string };

  it('a genuine finger (FVC 101_2 against enrolled 101_1) gets a card with the FASC-N and expiry the policy implies', async () => {
    const card = await insertBlankCard();
    const r = await station(['issue', '--applicant', 'A-101', '--reader', card.reader, '--fingerprint', join(FVC, '101_2.tif'), '--operator', 'boss', '--json']);
    expect(r.code, r.err + r.out).toBe(0);
    first = JSON.parse(r.out);
    const expiry = addYears(isoDay(new Date()), 6); // seeded policy: 6 years, TEST signer valid 7
    expect(first).toMatchObject({ credentialNumber: '000001', fascn: '0032-0001-000001-1-1-1234567890-1-0032-1', expirationDate: expiry, reader: card.reader });
    expect(Fascn.fromHex(first.fascnHex).toString()).toBe(first.fascn);
    // The card now has an AES-256 management key of its own and the applicant's PIN.
    expect(card.card.state.managementKey.algorithm).toBe(ALGORITHM.AES_256);
    expect(bytesEqual(card.card.state.managementKey.key.subarray(0, 24), YUBICO_DEFAULT.MANAGEMENT_KEY)).toBe(false);
    expect(toHex(card.card.state.pin.value)).toBe(toHex(new Uint8Array([...Buffer.from(PIN), 0xff, 0xff])));
    expect(rows<{ state: string }>('SELECT state FROM credential_ledger')).toEqual([{ state: 'issued' }]);
  }, 120_000);

  it('yubico-piv-tool -a status shows that CHUID (FASC-N and expiry bytes)', async () => {
    const status = await tool('yubico-piv-tool', ['-r', sim!.reader, '-a', 'status']);
    const chuid = /CHUID:\t([0-9a-f]+)/.exec(status)?.[1] ?? '';
    expect(chuid).toContain(`3019${first.fascnHex.toLowerCase()}`);
    expect(chuid).toContain(`3508${toHex(Buffer.from(first.expirationDate.replace(/-/g, ''))).toLowerCase()}`);
  });

  it('station card read --json decodes the same FASC-N, GUID and expiry and verifies the TEST signer', async () => {
    const r = await station(['card', 'read', '--reader', sim!.reader, '--json'], false);
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.chuid).toMatchObject({ fascnHex: first.fascnHex, guid: first.guid, expirationDate: first.expirationDate, signature: { present: true, valid: true } });
    expect(doc.chuid.signature.signer).toContain('TEST');
  });

  it('an impostor finger (102_1 enrolled, 101_2 presented) is refused after 3 attempts: exit 1, no number, card untouched', async () => {
    const card = await insertBlankCard();
    const before = rows('SELECT * FROM credential_ledger').length;
    const r = await station(['issue', '--applicant', 'A-102', '--reader', card.reader, '--fingerprint', join(FVC, '101_2.tif'), '--operator', 'boss', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ error: { code: 'APPLICANT_NOT_VERIFIED', details: { gate: 'locked' } } });
    expect((r.err.match(/no match/g) ?? []).length).toBe(3);
    expect(rows('SELECT * FROM credential_ledger').length).toBe(before);
    expect(card.card.state.objects.has(OBJECT_TAG.CHUID)).toBe(false);
    expect(bytesEqual(card.card.state.managementKey.key, YUBICO_DEFAULT.MANAGEMENT_KEY)).toBe(true);
    expect(rows<{ action: string }>("SELECT action FROM audit_journal WHERE action LIKE 'issuance.fingerprint%'").map((a) => a.action)).toContain('issuance.fingerprint_locked');
  }, 120_000);

  it('a card pulled mid-write fails the issuance (number consumed, nothing issued); the same card then issues from pre-check', async () => {
    const card = await insertBlankCard();
    // Pull right after the management key was rotated: the card holds our new key and objects, not a released card.
    let rotated = false;
    pullHook = (apdu, processed) => {
      if (apdu[1] === INS.YK_SET_MANAGEMENT_KEY && processed) rotated = true;
      if (rotated && apdu[1] === INS.SELECT && !processed) {
        pullHook = undefined;
        return true;
      }
      return false;
    };
    const failed = await station(['issue', '--applicant', 'A-102', '--reader', card.reader, '--fingerprint', join(FVC, '102_2.tif'), '--operator', 'boss', '--json']);
    expect(failed.code, failed.err).toBe(1);
    expect(JSON.parse(failed.out)).toMatchObject({ error: { code: 'ISSUANCE_FAILED', details: { step: 'verify-readback', cause: 'CARD_REMOVED', credentialNumber: '000002' } } });
    expect(rows<{ credential_number: string; state: string }>('SELECT credential_number, state FROM credential_ledger ORDER BY id').at(-1)).toEqual({ credential_number: '000002', state: 'failed' });
    expect(rows("SELECT * FROM issued_cards WHERE applicant_id = 'A-102'")).toEqual([]);
    expect(card.card.state.managementKey.algorithm).toBe(ALGORITHM.AES_256); // our key is on it now
    await reinsert(card); // the same card (same state), put back into the reader
    const again = await station(['issue', '--applicant', 'A-102', '--reader', card.reader, '--fingerprint', join(FVC, '102_2.tif'), '--operator', 'boss', '--json']);
    expect(again.code, again.err).toBe(0);
    expect(JSON.parse(again.out).credentialNumber).toBe('000003');
    const numbers = rows<{ credential_number: string }>('SELECT credential_number FROM credential_ledger').map((r) => r.credential_number);
    expect(new Set(numbers).size).toBe(numbers.length);
  }, 180_000);

  it('a replacement (lost) gets a new number and ICI 2, and the old card is marked revoked', async () => {
    const card = await insertBlankCard();
    const r = await station(['issue', '--applicant', 'A-101', '--reader', card.reader, '--replace', 'lost', '--fingerprint', join(FVC, '101_2.tif'), '--operator', 'boss', '--json']);
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.credentialNumber).toBe('000004');
    expect(doc.fascn).toBe('0032-0001-000004-1-2-1234567890-1-0032-1');
    expect(doc.replacement).toEqual({ reason: 'lost', oldCredentialNumber: '000001', oldCardStatus: 'revoked', temporary: false });
    expect(r.err).toContain('marked revoked');
    const cards = rows<{ credential_number: string; status: string; replacement_reason: string | null }>("SELECT credential_number, status, replacement_reason FROM issued_cards WHERE applicant_id = 'A-101' ORDER BY id");
    expect(cards).toEqual([
      { credential_number: '000001', status: 'revoked', replacement_reason: null },
      { credential_number: '000004', status: 'active', replacement_reason: 'lost' },
    ]);
    const list = await station(['applicants', 'list', '--operator', 'boss', '--json']);
    const a101 = JSON.parse(list.out).applicants.find((a: { id: string }) => a.id === 'A-101');
    expect(a101).toMatchObject({ status: 'issued', currentCard: { credentialNumber: '000004' } });
    expect((await station(['audit', 'verify', '--json'])).code).toBe(0);
  }, 120_000);
});
