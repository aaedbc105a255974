import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import type { CliIo } from '../../../electron/cli/command';
import { fascnCommands } from '../../../electron/cli/commands/fascn';
import { chuidCommands } from '../../../electron/cli/commands/chuid';
import { Chuid } from '../../../electron/piv/chuid';
import { Fascn } from '../../../electron/piv/fascn';
import { toHex } from '../../../electron/piv/bytes';
import { wrapObject } from '../../../electron/piv/data-object';
import { OBJECT_TAG } from '../../../electron/piv/constants';
import { randomUuidV4 } from '../../../electron/piv/uuid';
import { makeContentSigner } from './helpers/content-signer';
import { vectors } from './helpers/vectors';

function fakeIo(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), env: {}, cwd: '/' };
}
const commands = [...fascnCommands, ...chuidCommands];
const run = async (argv: string[]) => {
  const io = fakeIo();
  const code = await runCli(argv, io, commands);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
};

const TIG = ['--agency', '0032', '--system', '0001', '--credential', '092446', '--series', '0', '--issue', '1', '--person', '1112223333', '--org-category', '1', '--org-id', '1223', '--poa', '2'];

describe('station fascn', () => {
  it('encodes the TIG example to 50 hex characters', async () => {
    const r = await run(['fascn', 'encode', ...TIG]);
    expect(r).toMatchObject({ code: 0, out: vectors.fascn.valid[0].expectedHex });
  });
  it('decodes every valid vector to the JSON keys of the vector file', async () => {
    for (const v of [...vectors.fascn.valid, ...vectors.fascn.gsaIcamTestCards]) {
      const r = await run(['fascn', 'decode', v.expectedHex, '--json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out)).toEqual(v.fields);
    }
  });
  it('prints named fields as text', async () => {
    const r = await run(['fascn', 'decode', vectors.fascn.valid[0].expectedHex]);
    expect(r.out).toMatch(/agency code\s+0032/);
    expect(r.out).toMatch(/person identifier\s+1112223333/);
  });
  it.each([
    ['bad LRC', ['fascn', 'decode', vectors.fascn.negative[0].hex], /LRC mismatch/],
    ['non-digit OC', ['fascn', 'decode', vectors.fascn.negative[1].hex], /character 32/],
    ['OC outside value set', ['fascn', 'decode', vectors.fascn.negative[2].hex], /value set 1-4/],
    ['not hex', ['fascn', 'decode', 'XYZ'], /hexadecimal/],
    ['missing option', ['fascn', 'encode', '--agency', '0032'], /missing --system/],
    ['short field', ['fascn', 'encode', ...TIG.map((a) => (a === '0032' ? '32' : a))], /agency code must be exactly 4/],
  ])('%s → exit 2 with a one-line reason', async (_n, argv, reason) => {
    const r = await run(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(reason as RegExp);
    expect(r.err.split('\n')).toHaveLength(1);
  });
  it('decodes an out-of-value-set FASC-N with --lenient', async () => {
    const r = await run(['fascn', 'decode', vectors.fascn.negative[2].hex, '--lenient', '--json']);
    expect(JSON.parse(r.out)).toEqual(vectors.fascn.negative[2].decodedFields);
  });
});

describe('station chuid decode', () => {
  it('decodes the unsigned ykman CHUID (content form)', async () => {
    const r = await run(['chuid', 'decode', vectors.chuid.ykmanTestChuid.contentHex, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      fascn: vectors.chuid.ykmanTestChuid.inputs.fascnFields,
      fascnHex: vectors.fascn.valid[1].expectedHex,
      guid: '78787878-7878-7878-7878-787878787878',
      expirationDate: '2030-01-01',
      cardholderUuid: null,
      signature: { present: false, valid: false, signer: null },
    });
  });
  it('decodes a signed CHUID in the 53-wrapped form and reports the valid signer', async () => {
    const signer = await makeContentSigner('P-256', 'CLI Signer');
    const chuid = await Chuid.build({ fascn: Fascn.create(vectors.fascn.valid[0].fields), guid: randomUuidV4(), cardholderUuid: randomUuidV4(), expirationDate: '2031-06-30', signer });
    const r = await run(['chuid', 'decode', toHex(wrapObject(OBJECT_TAG.CHUID, chuid.toBytes())), '--json']);
    const out = JSON.parse(r.out);
    expect(out.signature).toEqual({ present: true, valid: true, signer: 'CN=CLI Signer, O=Issuance Station Tests, C=US' });
    expect(out.expirationDate).toBe('2031-06-30');
    expect(out.cardholderUuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
  });
  it.each([['garbage TLV', '3019D4E7'], ['no FASC-N', '3410787878787878787878787878787878783500'], ['odd hex', 'ABC']])('%s → exit 2', async (_n, hex) => {
    const r = await run(['chuid', 'decode', hex, '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).error.code).toMatch(/CHUID_INVALID|INVALID_HEX/);
  });
});

describe('registration', () => {
  it('lists fascn and chuid commands in the station registry', async () => {
    const { commands: registered } = await import('../../../electron/cli/commands/index');
    const paths = registered.map((c) => c.path.join(' '));
    expect(paths).toEqual(expect.arrayContaining(['fascn encode', 'fascn decode', 'chuid decode']));
  });
});
