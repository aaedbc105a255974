/**
 * Issue 3 "Done when": our PivSession writes a signed CHUID through real pcscd + vpcd onto the virtual
 * card run by `station simulate card`; yubico-piv-tool and OpenSC read it back byte for byte.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PivSession } from '../../../electron/piv/session';
import { Chuid } from '../../../electron/piv/chuid';
import { Fascn } from '../../../electron/piv/fascn';
import { randomUuidV4 } from '../../../electron/piv/uuid';
import { toHex } from '../../../electron/piv/bytes';
import { ALGORITHM, OBJECT_TAG, OID, YUBICO_DEFAULT } from '../../../electron/piv/constants';
import { wrapObject } from '../../../electron/piv/data-object';
import { PcscReaderManager } from '../../../electron/pcsc/reader-manager';
import { nativePcscLite } from '../../../electron/pcsc/pcsclite-native';
import { runCli } from '../../../electron/cli/main';
import type { CliIo } from '../../../electron/cli/command';
import { makeContentSigner } from '../../unit/piv/helpers/content-signer';
import { vectors } from '../../unit/piv/helpers/vectors';
import { ensurePcscd } from '../support/pcscd';
import { lockPort } from '../support/port-lock';
import { startCardProcess, waitForReaderCard, type CardProcess } from '../support/simulated-card';
import { openscReaderIndex, parseOpenscApduDump, parsePkcs15DataObject, tool } from '../support/tools';

const PORT = 35963;
let release: () => void;
let sim: CardProcess;
let manager: PcscReaderManager;
let chuid: Chuid;
const statePath = join(mkdtempSync(join(tmpdir(), 'readback-')), 'card.json');

beforeAll(async () => {
  // Lock first: pcscd started by the tests runs with --auto-exit and could leave while we wait for the port.
  release = await lockPort(PORT);
  await ensurePcscd();
  sim = await startCardProcess(PORT, statePath);
  await waitForReaderCard(sim.reader);
  manager = new PcscReaderManager({ factory: nativePcscLite });
  manager.start();
  chuid = await Chuid.build({
    fascn: Fascn.fromHex(vectors.fascn.valid[0].expectedHex),
    guid: randomUuidV4(),
    expirationDate: '2031-06-30',
    cardholderUuid: randomUuidV4(),
    signer: await makeContentSigner('P-256', 'Readback Test Content Signer'),
  });
}, 180_000);

afterAll(async () => {
  manager?.stop();
  await sim?.stop();
  release?.();
});

describe('CHUID written by PivSession through pcscd + vpcd (station simulate card)', () => {
  it('writes the signed CHUID with 9B mutual authentication and reads the same bytes back', async () => {
    const back = await manager.withCard({ reader: sim.reader, waitMs: 5_000 }, async (channel) => {
      const session = new PivSession(channel.transmit);
      await session.select();
      await session.authenticate(YUBICO_DEFAULT.MANAGEMENT_KEY, ALGORITHM.TDEA_3KEY);
      await session.putData(OBJECT_TAG.CHUID, chuid.toBytes());
      return session.getData(OBJECT_TAG.CHUID);
    });
    expect(chuid.toBytes().length).toBeGreaterThan(255); // signed: needs command chaining and 61xx
    expect(toHex(back)).toBe(toHex(chuid.toBytes()));
  });

  it('yubico-piv-tool -a status and -a read-object print the same CHUID bytes', async () => {
    const status = await tool('yubico-piv-tool', ['-r', sim.reader, '-a', 'status']);
    expect(/CHUID:\t([0-9a-f]+)/.exec(status)?.[1]).toBe(toHex(chuid.toBytes()).toLowerCase());
    const object = await tool('yubico-piv-tool', ['-r', sim.reader, '-a', 'read-object', '--id', '0x5FC102']);
    expect(object.trim().split('\n').at(-1)).toBe(toHex(chuid.toBytes()).toLowerCase());
  });

  it('pkcs15-tool -R and opensc-tool APDUs return the 53-wrapped CHUID byte for byte', async () => {
    const index = String(await openscReaderIndex(sim.reader));
    const wrapped = toHex(wrapObject(OBJECT_TAG.CHUID, chuid.toBytes()));
    const pkcs15 = await tool('pkcs15-tool', ['-r', index, '-R', OID.CHUID]);
    expect(parsePkcs15DataObject(pkcs15)).toBe(wrapped);
    const raw = await tool('opensc-tool', ['-r', index, '-c', 'default', '-s', '00:A4:04:00:09:A0:00:00:03:08:00:00:10:00:00', '-s', '00:CB:3F:FF:05:5C:03:5F:C1:02:00']);
    expect(parseOpenscApduDump(raw)).toEqual({ hex: wrapped, sw: '9000' });
  });

  it('pkcs15-tool --list-info shows the FASC-N as the card serial (federal agency code, not 9999)', async () => {
    const index = String(await openscReaderIndex(sim.reader));
    const info = await tool('pkcs15-tool', ['-r', index, '--list-info']);
    expect(/Serial number\s*:\s*([0-9a-f]+)/.exec(info)?.[1]).toBe(vectors.fascn.valid[0].expectedHex.toLowerCase());
  });

  it('station card read --json decodes it and verifies the signature', async () => {
    const out: string[] = [];
    const io: CliIo = { out: (t) => out.push(t), err: () => {}, env: {}, cwd: '/' };
    expect(await runCli(['card', 'read', '--reader', sim.reader, '--json'], io)).toBe(0);
    const doc = JSON.parse(out.join('\n'));
    expect(doc.reader).toBe(sim.reader);
    expect(doc.chuid.fascnHex).toBe(vectors.fascn.valid[0].expectedHex);
    expect(doc.chuid.expirationDate).toBe('2031-06-30');
    expect(doc.chuid.signature).toMatchObject({ present: true, valid: true });
    expect(doc.chuid.signature.signer).toContain('Readback Test Content Signer');
  });

  it('OpenSC piv-tool completes 9B mutual authentication with the right key only', async () => {
    const index = String(await openscReaderIndex(sim.reader));
    const keyFile = join(mkdtempSync(join(tmpdir(), 'mgm-')), 'key.hex');
    writeFileSync(keyFile, toHex(YUBICO_DEFAULT.MANAGEMENT_KEY));
    await tool('env', [`PIV_EXT_AUTH_KEY=${keyFile}`, 'piv-tool', '-r', index, '-A', 'M:9B:03']);
    writeFileSync(keyFile, '0F'.repeat(24));
    await expect(tool('env', [`PIV_EXT_AUTH_KEY=${keyFile}`, 'piv-tool', '-r', index, '-A', 'M:9B:03'])).rejects.toThrow();
  });

  it('yubico-piv-tool generates a P-256 key in 9A and gets the public key of the key the card stored', async () => {
    const pem = await tool('yubico-piv-tool', ['-r', sim.reader, '-a', 'generate', '-s', '9a', '-A', 'ECCP256']);
    const printed = /-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/.exec(pem)?.[0];
    expect(printed).toBeDefined();
    // No wait: the simulator saves the state file before it sends the answer.
    const stored = JSON.parse(readFileSync(statePath, 'utf8')).keys['9A'];
    expect(stored.algorithm).toBe(ALGORITHM.ECC_P256);
    const fromCard = createPublicKey(createPrivateKey({ key: Buffer.from(stored.privateKeyPkcs8, 'hex'), format: 'der', type: 'pkcs8' }));
    expect(createPublicKey(printed!).export({ format: 'jwk' })).toEqual(fromCard.export({ format: 'jwk' }));
  });

  it('keeps the object in the --state file across a simulator restart', async () => {
    expect(await sim.stop()).toBe(0);
    await waitForReaderCard(sim.reader, false);
    const saved = JSON.parse(readFileSync(statePath, 'utf8'));
    expect(saved.objects['5FC102']).toBe(toHex(wrapObject(OBJECT_TAG.CHUID, chuid.toBytes())));
    sim = await startCardProcess(PORT, statePath);
    await waitForReaderCard(sim.reader);
    const object = await tool('yubico-piv-tool', ['-r', sim.reader, '-a', 'read-object', '--id', '0x5FC102']);
    expect(object.trim().split('\n').at(-1)).toBe(toHex(chuid.toBytes()).toLowerCase());
  });
});
