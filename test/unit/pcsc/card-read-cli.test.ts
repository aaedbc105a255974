import { describe, expect, it } from 'vitest';
import { vectors } from '../piv/helpers/vectors';
import { runCli } from '../../../electron/cli/main';
import type { CliIo } from '../../../electron/cli/command';
import { createCardReadCommand } from '../../../electron/cli/commands/card';
import { VirtualPivCard, VIRTUAL_CARD_ATR } from '../../../electron/simulators/piv-card/card';
import { factoryState } from '../../../electron/simulators/piv-card/state';
import { encodeTlv } from '../../../electron/piv/tlv';
import { fromHex, toHex } from '../../../electron/piv/bytes';
import { FakePcscLite, FakeReader, pcscError } from './fake-pcsclite';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env: {}, cwd: '/' };
  return { io: value, out, err };
}

/** A pcsclite factory whose context announces one reader holding `card` (pcscd itself is faked). */
function factoryWith(card?: VirtualPivCard) {
  return () => {
    const ctx = new FakePcscLite();
    setImmediate(() => {
      const reader = new FakeReader('Virtual PCD 00 00');
      ctx.addReader(reader);
      if (card) reader.insert(card);
    });
    return ctx;
  };
}

describe('station card read (pcsclite faked; the real pcscd path is in test/integration/pcsc)', () => {
  it('prints {reader, atr, chuid} with the CHUID decoded by the piv parser', async () => {
    const state = factoryState();
    state.objects.set(0x5fc102, encodeTlv(0x53, fromHex(vectors.chuid.ykmanTestChuid.contentHex)));
    const t = io();
    const code = await runCli(['card', 'read', '--json'], t.io, [createCardReadCommand(factoryWith(new VirtualPivCard({ state })))]);
    expect(code).toBe(0);
    const doc = JSON.parse(t.out.join('\n'));
    expect(doc.reader).toBe('Virtual PCD 00 00');
    expect(doc.atr).toBe(toHex(VIRTUAL_CARD_ATR));
    expect(doc.chuid.fascnHex).toBe(vectors.chuid.ykmanTestChuid.contentHex.slice(4, 54));
    expect(doc.chuid.guid).toBe('78787878-7878-7878-7878-787878787878');
    expect(doc.chuid.expirationDate).toBe('2030-01-01');
    expect(doc.chuid.signature).toMatchObject({ present: false, valid: false });
  });

  it('prints chuid null for a card without CHUID', async () => {
    const t = io();
    expect(await runCli(['card', 'read', '--json'], t.io, [createCardReadCommand(factoryWith(new VirtualPivCard()))])).toBe(0);
    expect(JSON.parse(t.out.join('\n')).chuid).toBeNull();
  });

  it('says "PC/SC service not running" (exit 1) when pcscd is down', async () => {
    const t = io();
    const down = () => {
      throw pcscError('SCardEstablishContext', 'Service not available.', 0x8010001d);
    };
    expect(await runCli(['card', 'read', '--json'], t.io, [createCardReadCommand(down)])).toBe(1);
    expect(JSON.parse(t.out.join('\n')).error.code).toBe('PCSC_SERVICE_NOT_RUNNING');
    expect(t.err.join('\n')).toContain('PC/SC service not running');
  });
});
