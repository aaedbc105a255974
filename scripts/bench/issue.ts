/**
 * Issuance benchmark (issue 7): wall time and APDU count from card insert to "card released" on the
 * virtual card through real pcscd + vpcd, without the human steps (the live capture is replaced by a
 * fingerprint image extracted before the clock starts; the 1:1 match itself is timed). Each run puts
 * a fresh blank virtual card into the reader and issues a new card to the same applicant's record.
 *
 *   npx tsx scripts/bench/issue.ts [--runs 5] [--port 35963] [--write-doc]
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { measuredLine, writeDocSection } from './doc-section';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../electron/store/database';
import { OperatorService } from '../../electron/operators/service';
import { PolicyService } from '../../electron/policy/service';
import { ApplicantService } from '../../electron/applicants/service';
import { importApplicantsFile } from '../../electron/applicants/import-file';
import { createInProcessExtractor } from '../../electron/fingerprints/extractor';
import { StationKeys } from '../../electron/keys/station-keys';
import { PassphraseKeyProtector } from '../../electron/keys/key-protector';
import { IssuanceService } from '../../electron/issuance/service';
import { countingCardAccess, pcscCardAccess, type ApduCounter } from '../../electron/issuance/card-link';
import { PcscReaderManager } from '../../electron/pcsc/reader-manager';
import { nativePcscLite } from '../../electron/pcsc/pcsclite-native';
import { VirtualPivCard } from '../../electron/simulators/piv-card/card';
import { VpcdClient } from '../../electron/simulators/vpcd/client';
import { vpcdReaderName } from '../../electron/simulators/vpcd/framing';
import { ensurePcscd } from '../../test/integration/support/pcscd';
import { lockPort } from '../../test/integration/support/port-lock';

const { values } = parseArgs({ options: { runs: { type: 'string' }, port: { type: 'string' }, 'write-doc': { type: 'boolean' } } });
const RUNS = Number(values.runs ?? 5);
const PORT = Number(values.port ?? 35963);
const FVC = join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'fingerprints', 'fvc2002_db1_b');
const SECTION = '## Issuance (issue 7)';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-issue-'));
  const release = await lockPort(PORT);
  await ensurePcscd();
  const store = openDatabase(join(dir, 'station.db'));
  const manager = new PcscReaderManager({ factory: nativePcscLite });
  manager.start();
  const reader = vpcdReaderName(PORT);
  const shown = async (present: boolean) => {
    while ((manager.readers().find((r) => r.name === reader)?.cardPresent ?? false) !== present) await new Promise((r) => setTimeout(r, 20));
  };
  try {
    const actor = await new OperatorService(store.db).createFirstSystemManager({ name: 'bench', password: 'benchmark password' });
    const keys = new StationKeys(store.db, new PassphraseKeyProtector('benchmark passphrase'));
    await keys.ensure(actor.name);
    const applicants = new ApplicantService(store.db);
    const runsFile = join(dir, 'applicants.json');
    const records = Array.from({ length: RUNS }, (_, i) => ({ id: `B-${i + 1}`, givenName: 'Bench', surname: `Mark ${i + 1}`, personIdentifier: String(1000000000 + i), organizationalCategory: '1', organizationalIdentifier: '0032', poaCategory: '1', fingerprints: [{ position: 2, image: relative(dir, join(FVC, '101_1.tif')) }] }));
    writeFileSync(runsFile, JSON.stringify(records));
    await importApplicantsFile(applicants, actor, runsFile);
    const probe = await createInProcessExtractor().extractFile(readFileSync(join(FVC, '101_2.tif'))); // the "capture", before the clock
    const counter: ApduCounter = { count: 0 };
    const service = new IssuanceService({ db: store.db, keys, cards: countingCardAccess(pcscCardAccess(manager, 10_000), counter), policies: new PolicyService(store.db), applicants });
    await keys.contentSigner();

    const rows: Array<{ ms: number; apdus: number; gateMs: number; precheckMs: number; issueMs: number }> = [];
    for (let i = 0; i < RUNS; i++) {
      const card = new VirtualPivCard();
      const client = new VpcdClient({ card, port: PORT, reconnectDelayMs: 50 });
      counter.count = 0;
      client.start();
      await client.waitAttached(10_000);
      const t0 = performance.now(); // card inserted
      const run = service.begin(actor, { applicantId: `B-${i + 1}`, reader });
      await service.precheck(run.runId);
      const precheckMs = performance.now() - t0;
      const g0 = performance.now();
      const attempt = service.submitFingerprint(run.runId, probe, 2);
      const gateMs = performance.now() - g0;
      if (!attempt.match) throw new Error('benchmark finger did not match');
      const i0 = performance.now();
      const result = await service.issue(run.runId, { pin: '470219' });
      const issueMs = performance.now() - i0;
      const ms = performance.now() - t0; // card released
      rows.push({ ms, apdus: counter.count, gateMs, precheckMs, issueMs });
      console.log(`run ${i + 1}: ${ms.toFixed(0)} ms, ${counter.count} APDUs (1:1 match ${gateMs.toFixed(0)} ms), credential ${result.credentialNumber}`);
      await client.stop();
      await shown(false);
    }
    const summary = [
      `Runs: ${RUNS}, reader '${reader}', ${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(1)} at the end.`,
      'Profile PIV-Standard-Initial: CHUID, Printed Information, CCC, Fingerprints (signed CBEFF), Security Object; PIN + PUK set, AES-256 management key rotated, every object read back and its signature verified.',
      '',
      '| Measure | Median | Min | Max |',
      '|---|---:|---:|---:|',
      `| Wall time, card insert → card released | ${median(rows.map((r) => r.ms)).toFixed(0)} ms | ${Math.min(...rows.map((r) => r.ms)).toFixed(0)} ms | ${Math.max(...rows.map((r) => r.ms)).toFixed(0)} ms |`,
      `| APDUs (both card sessions: pre-check, then write + read-back) | ${median(rows.map((r) => r.apdus))} | ${Math.min(...rows.map((r) => r.apdus))} | ${Math.max(...rows.map((r) => r.apdus))} |`,
      `| of which pre-check (includes pcscd noticing the card, ~0.45 s polling) | ${median(rows.map((r) => r.precheckMs)).toFixed(0)} ms | ${Math.min(...rows.map((r) => r.precheckMs)).toFixed(0)} ms | ${Math.max(...rows.map((r) => r.precheckMs)).toFixed(0)} ms |`,
      `| of which issue (reserve → sign → write → PIN → key → read-back → record) | ${median(rows.map((r) => r.issueMs)).toFixed(0)} ms | ${Math.min(...rows.map((r) => r.issueMs)).toFixed(0)} ms | ${Math.max(...rows.map((r) => r.issueMs)).toFixed(0)} ms |`,
      `| of which the 1:1 fingerprint match (no capture) | ${median(rows.map((r) => r.gateMs)).toFixed(0)} ms | ${Math.min(...rows.map((r) => r.gateMs)).toFixed(0)} ms | ${Math.max(...rows.map((r) => r.gateMs)).toFixed(0)} ms |`,
    ];
    console.log(summary.join('\n'));
    if (values['write-doc']) writeDoc(summary);
  } finally {
    manager.stop();
    store.close();
    release();
  }
}

/** Replaces only this section of docs/benchmarks.md (the other sections belong to others). */
function writeDoc(lines: string[]): void {
  const path = join(import.meta.dirname, '..', '..', 'docs', 'benchmarks.md');
  const body = [
    SECTION,
    '',
    'Command: `npx tsx scripts/bench/issue.ts --runs 5 --write-doc` (pcscd + vpcd, a fresh blank virtual card per run, in the benchmark process).',
    'Clock: from the virtual card attaching to vpcd ("insert") to IssuanceService.issue() returning ("Card released"): pre-check,',
    'the 1:1 match of an already-extracted probe (the human capture is left out), number reservation, signing, writing, PIN/PUK,',
    'key rotation, read-back with signature checks and the recording transaction. APDUs are counted at the host transmit port.',
    measuredLine(),
    '',
    ...lines,
    '',
  ].join('\n');
  writeDocSection(path, SECTION, body);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
