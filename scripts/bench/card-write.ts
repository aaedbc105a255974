/**
 * Benchmark (issue 3): write a full PIV object set — CHUID (signed), CCC, Printed Information, a 2 KB
 * fingerprint object, Security Object — through pcscd + vpcd onto the virtual card, with our
 * PivSession and with yubico-piv-tool `write-object`, and compare APDUs, bytes and wall time.
 *
 *   npx tsx scripts/bench/card-write.ts [--runs 5] [--port 35963] [--write-doc]
 *
 * APDUs and bytes are counted on the card side for both writers (same yardstick: every command APDU
 * the card received incl. GET RESPONSE, bytes in = command APDUs, bytes out = response APDUs). Wall time
 * covers connect → last answer for ours, and the five tool processes for yubico-piv-tool.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { PivSession } from '../../electron/piv/session';
import { Chuid } from '../../electron/piv/chuid';
import { Fascn } from '../../electron/piv/fascn';
import { randomUuidV4 } from '../../electron/piv/uuid';
import { concatBytes } from '../../electron/piv/bytes';
import { encodeTlv } from '../../electron/piv/tlv';
import { ALGORITHM, CCC_TAG, CONTAINER_ID, FINGERPRINTS_TAG, OBJECT_TAG, PRINTED_TAG, SECURITY_OBJECT_TAG, YUBICO_DEFAULT } from '../../electron/piv/constants';
import { PcscReaderManager } from '../../electron/pcsc/reader-manager';
import { nativePcscLite } from '../../electron/pcsc/pcsclite-native';
import { VirtualPivCard } from '../../electron/simulators/piv-card/card';
import type { VirtualCardPort } from '../../electron/simulators/vpcd/card-port';
import { VpcdClient } from '../../electron/simulators/vpcd/client';
import { vpcdReaderName } from '../../electron/simulators/vpcd/framing';
import { makeContentSigner } from '../../test/unit/piv/helpers/content-signer';
import { ensurePcscd } from '../../test/integration/support/pcscd';
import { lockPort } from '../../test/integration/support/port-lock';

const run = promisify(execFile);
const { values } = parseArgs({ options: { runs: { type: 'string' }, port: { type: 'string' }, 'write-doc': { type: 'boolean' } } });
const RUNS = Number(values.runs ?? 5);
const PORT = Number(values.port ?? 35963);
const READER = vpcdReaderName(PORT);
const ascii = (s: string) => new TextEncoder().encode(s);

/** Counts what the card sees, so both writers are measured the same way. */
class CountingCard implements VirtualCardPort {
  apdus = 0;
  bytesIn = 0;
  bytesOut = 0;
  constructor(readonly inner: VirtualPivCard) {}
  atr = () => this.inner.atr();
  reset = () => this.inner.reset();
  powerOff = () => this.inner.powerOff();
  process(apdu: Uint8Array): Uint8Array {
    const out = this.inner.process(apdu);
    this.apdus++;
    this.bytesIn += apdu.length;
    this.bytesOut += out.length;
    return out;
  }
  take() {
    const r = { apdus: this.apdus, bytesIn: this.bytesIn, bytesOut: this.bytesOut };
    this.apdus = this.bytesIn = this.bytesOut = 0;
    return r;
  }
}

interface BenchObject {
  name: string;
  tag: number;
  content: Uint8Array;
}

/** The object set of one card. Objects are well-formed containers; the fingerprint record is size-realistic filler. */
async function objectSet(): Promise<BenchObject[]> {
  const signer = await makeContentSigner('P-256', 'Benchmark Content Signer');
  const chuid = await Chuid.build({ fascn: Fascn.fromHex('D0439458210C2C19A0846D83685A1082108CE73984108CA3FC'), guid: randomUuidV4(), expirationDate: '2031-06-30', signer });
  const ccc = concatBytes(
    encodeTlv(CCC_TAG.CARD_IDENTIFIER, concatBytes(Uint8Array.of(0xa0, 0x00, 0x00, 0x01, 0x16, 0xff, 0x02), randomUuidV4().slice(0, 14))),
    encodeTlv(CCC_TAG.CAPABILITY_CONTAINER_VERSION, Uint8Array.of(0x21)),
    encodeTlv(CCC_TAG.CAPABILITY_GRAMMAR_VERSION, Uint8Array.of(0x21)),
    ...[CCC_TAG.APPLICATIONS_CARD_URL, CCC_TAG.PKCS15, CCC_TAG.REGISTERED_DATA_MODEL_NUMBER, CCC_TAG.ACCESS_CONTROL_RULE_TABLE, CCC_TAG.CARD_APDUS,
      CCC_TAG.REDIRECTION_TAG, CCC_TAG.CAPABILITY_TUPLES, CCC_TAG.STATUS_TUPLES, CCC_TAG.NEXT_CCC, CCC_TAG.ERROR_DETECTION_CODE].map((t) => encodeTlv(t)),
  );
  const printed = concatBytes(
    encodeTlv(PRINTED_TAG.NAME, ascii('Doe, Jane Q')),
    encodeTlv(PRINTED_TAG.EMPLOYEE_AFFILIATION, ascii('Contractor')),
    encodeTlv(PRINTED_TAG.EXPIRATION_DATE, ascii('2031JUN30')),
    encodeTlv(PRINTED_TAG.AGENCY_CARD_SERIAL_NUMBER, ascii('0000092446')),
    encodeTlv(PRINTED_TAG.ISSUER_IDENTIFICATION, ascii('BENCH-ISSUER')),
    encodeTlv(PRINTED_TAG.ERROR_DETECTION_CODE),
  );
  const record = Uint8Array.from({ length: 2048 - 8 }, (_, i) => (i * 131) & 0xff);
  const fingerprints = concatBytes(encodeTlv(FINGERPRINTS_TAG.FINGERPRINT_I_AND_II, record), encodeTlv(FINGERPRINTS_TAG.ERROR_DETECTION_CODE));
  // Security Object: DG mapping + a CMS-sized signature block (the signature itself is the CHUID's, as stand-in bytes).
  const mapping = Uint8Array.of(0x01, CONTAINER_ID.CHUID >> 8, CONTAINER_ID.CHUID & 0xff, 0x02, 0x60, 0x10, 0x04, 0x30, 0x01);
  const securityObject = concatBytes(
    encodeTlv(SECURITY_OBJECT_TAG.MAPPING_OF_DG_TO_CONTAINER_ID, mapping),
    encodeTlv(SECURITY_OBJECT_TAG.SECURITY_OBJECT, chuid.signature),
    encodeTlv(SECURITY_OBJECT_TAG.ERROR_DETECTION_CODE),
  );
  return [
    { name: 'CHUID (signed)', tag: OBJECT_TAG.CHUID, content: chuid.toBytes() },
    { name: 'CCC', tag: OBJECT_TAG.CARD_CAPABILITY_CONTAINER, content: ccc },
    { name: 'Printed Information', tag: OBJECT_TAG.PRINTED_INFORMATION, content: printed },
    { name: 'Fingerprints (2 KB)', tag: OBJECT_TAG.CARDHOLDER_FINGERPRINTS, content: fingerprints },
    { name: 'Security Object', tag: OBJECT_TAG.SECURITY_OBJECT, content: securityObject },
  ];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  await ensurePcscd([PORT]);
  const release = await lockPort(PORT);
  const card = new CountingCard(new VirtualPivCard());
  const client = new VpcdClient({ card, port: PORT });
  const manager = new PcscReaderManager({ factory: nativePcscLite });
  try {
    client.start();
    await client.waitAttached();
    manager.start();
    await manager.waitForCard(READER, 10_000);
    const objects = await objectSet();
    const dir = mkdtempSync(join(tmpdir(), 'card-write-bench-'));
    objects.forEach((o, i) => writeFileSync(join(dir, `${i}.bin`), o.content));
    const payload = objects.reduce((n, o) => n + o.content.length, 0);

    const ours: { ms: number; counts: ReturnType<CountingCard['take']> }[] = [];
    const tool: typeof ours = [];
    for (let r = 0; r < RUNS; r++) {
      card.take();
      let t0 = performance.now();
      await manager.withCard({ reader: READER, waitMs: 10_000 }, async (channel) => {
        const session = new PivSession(channel.transmit);
        await session.select();
        await session.authenticate(YUBICO_DEFAULT.MANAGEMENT_KEY, ALGORITHM.TDEA_3KEY);
        for (const o of objects) await session.putData(o.tag, o.content);
      });
      ours.push({ ms: performance.now() - t0, counts: card.take() });

      t0 = performance.now();
      for (const [i, o] of objects.entries()) {
        await run('yubico-piv-tool', ['-r', READER, '-a', 'write-object', '--id', `0x${o.tag.toString(16).toUpperCase()}`, '-i', join(dir, `${i}.bin`), '-f', 'binary']);
      }
      tool.push({ ms: performance.now() - t0, counts: card.take() });
    }
    // Both writers must leave identical objects on the card.
    for (const o of objects) {
      const stored = card.inner.state.objects.get(o.tag)!;
      if (Buffer.compare(Buffer.from(stored.subarray(stored.length - o.content.length)), Buffer.from(o.content)) !== 0) throw new Error(`${o.name} differs on the card`);
    }

    const row = (name: string, rs: typeof ours) => ({
      name,
      apdus: rs[0].counts.apdus,
      bytesIn: rs[0].counts.bytesIn,
      bytesOut: rs[0].counts.bytesOut,
      ms: median(rs.map((x) => x.ms)),
    });
    const a = row('Issuance Station PivSession (1 connection)', ours);
    const b = row('yubico-piv-tool 2.2.0 write-object (5 runs of the tool)', tool);
    const fmt = (x: number) => x.toFixed(0);
    const lines = [
      `Objects: ${objects.map((o) => `${o.name} ${o.content.length} B`).join(', ')} — ${payload} B of content.`,
      `Runs: ${RUNS} (median wall time), reader '${READER}', ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(1)} at the end.`,
      '',
      '| Writer | APDUs | Bytes to card | Bytes from card | Wall time (median) |',
      '|---|---:|---:|---:|---:|',
      `| ${a.name} | ${a.apdus} | ${a.bytesIn} | ${a.bytesOut} | ${fmt(a.ms)} ms |`,
      `| ${b.name} | ${b.apdus} | ${b.bytesIn} | ${b.bytesOut} | ${fmt(b.ms)} ms |`,
      `| Ratio ours / yubico-piv-tool | ${(a.apdus / b.apdus).toFixed(2)} | ${(a.bytesIn / b.bytesIn).toFixed(2)} | ${(a.bytesOut / b.bytesOut).toFixed(2)} | ${(a.ms / b.ms).toFixed(2)} |`,
    ];
    console.log(lines.join('\n'));
    console.log(`\nall runs (ms): ours ${ours.map((x) => fmt(x.ms)).join(' ')}; yubico-piv-tool ${tool.map((x) => fmt(x.ms)).join(' ')}`);
    if (values['write-doc']) writeDoc(lines);
  } finally {
    manager.stop();
    await client.stop();
    release();
  }
}

const SECTION = '## Card write (issue 3)';

/** Replaces only our section of docs/benchmarks.md (others own the other sections). */
function writeDoc(lines: string[]): void {
  const path = join(import.meta.dirname, '..', '..', 'docs', 'benchmarks.md');
  if (!existsSync(join(path, '..'))) mkdirSync(join(path, '..'), { recursive: true });
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const body = [
    SECTION,
    '',
    'Command: `npx tsx scripts/bench/card-write.ts --runs 5 --write-doc` (pcscd + vpcd, virtual card in the benchmark process).',
    'APDUs and bytes are counted by the card for both writers; wall time is connect → last answer for ours and the',
    'five `yubico-piv-tool -a write-object` processes (each connects, authenticates with 9B and writes one object) for the tool.',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on the shared 2-core development machine (other builds running: treat times as rough).`,
    '',
    ...lines,
    '',
  ].join('\n');
  const start = current.indexOf(SECTION);
  let next: string;
  if (start < 0) next = `${current.trimEnd()}\n\n${body}`;
  else {
    const after = current.indexOf('\n## ', start + SECTION.length);
    next = current.slice(0, start) + body + (after < 0 ? '' : current.slice(after + 1));
  }
  writeFileSync(path, next.endsWith('\n') ? next : `${next}\n`);
  console.log(`updated ${path}`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
