import { describe, expect, it } from 'vitest';
import { PcscReaderManager, type PcscEvent } from '../../../electron/pcsc/reader-manager';
import { PCSC_ERROR } from '../../../electron/pcsc/errors';
import { CardRemovedError } from '../../../electron/piv/errors';
import { VirtualPivCard, VIRTUAL_CARD_ATR } from '../../../electron/simulators/piv-card/card';
import { fromHex, toHex } from '../../../electron/piv/bytes';
import { FakeReader, fakeFactory, pcscError } from './fake-pcsclite';

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

function started(retryMs = 10, timeouts = {}) {
  const control = fakeFactory();
  const manager = new PcscReaderManager({ factory: control.factory, retryMs, timeouts });
  const events: PcscEvent[] = [];
  manager.subscribe((e) => events.push(e));
  manager.start();
  return { control, manager, events };
}

function withCardReader(name = 'Virtual PCD 00 00') {
  const setup = started();
  const reader = new FakeReader(name);
  setup.control.contexts[0].addReader(reader);
  const card = new VirtualPivCard();
  reader.insert(card);
  return { ...setup, reader, card };
}

describe('PC/SC reader manager (with pcsclite faked: pcscd is exercised by the integration tests)', () => {
  it('lists readers and reports reader and card events with the ATR', () => {
    const { control, manager, events } = started();
    const reader = new FakeReader('Reader A');
    control.contexts[0].addReader(reader);
    reader.insert(new VirtualPivCard());
    expect(manager.readers()).toEqual([{ name: 'Reader A', cardPresent: true, atr: VIRTUAL_CARD_ATR }]);
    reader.remove();
    reader.close();
    expect(events.map((e) => e.type)).toEqual(['status', 'status', 'reader-added', 'card-inserted', 'card-removed', 'reader-removed']);
    const inserted = events.find((e) => e.type === 'card-inserted');
    expect(inserted && 'atr' in inserted && toHex(inserted.atr)).toBe(toHex(VIRTUAL_CARD_ATR));
    expect(manager.readers()).toEqual([]);
  });

  it('says "PC/SC service not running" while pcscd is down and recovers by itself when it returns', async () => {
    const control = fakeFactory();
    control.up = false;
    const manager = new PcscReaderManager({ factory: control.factory, retryMs: 10 });
    manager.start();
    expect(manager.status()).toEqual({ state: 'service-not-running', message: 'PC/SC service not running' });
    await tick(30);
    expect(manager.status().state).toBe('service-not-running');
    control.up = true;
    await tick(30);
    expect(manager.status()).toEqual({ state: 'ready', message: 'PC/SC service running' });
    manager.stop();
  });

  it('drops readers when pcscd dies under a running context, then reconnects', async () => {
    const { control, manager, events, reader } = withCardReader();
    control.up = false;
    control.contexts[0].die();
    expect(manager.status().state).toBe('service-not-running');
    expect(manager.readers()).toEqual([]);
    expect(reader.closed).toBe(true);
    expect(control.contexts[0].closed).toBe(true);
    expect(events.slice(-3).map((e) => e.type)).toEqual(['card-removed', 'reader-removed', 'status']);
    await expect(manager.withCard({ waitMs: 20 }, async () => 1)).rejects.toMatchObject({ code: PCSC_ERROR.SERVICE_NOT_RUNNING });
    control.up = true;
    await tick(30);
    expect(control.contexts.length).toBe(2);
    expect(manager.status().state).toBe('ready');
    manager.stop();
  });

  it('reports the service down when only the reader watchers fail (pcsclite lost the context error)', async () => {
    const { control, manager, events, reader } = withCardReader();
    control.up = false;
    reader.emit('error', pcscError('SCardGetStatusChange', 'Service not available.', 0x8010001d));
    reader.close();
    await tick(30);
    expect(manager.status().state).toBe('service-not-running');
    expect(control.contexts[0].closed).toBe(true);
    expect(events.filter((e) => e.type === 'status').map((e) => e.type === 'status' && e.status.state)).toEqual(['starting', 'ready', 'service-not-running']);
    control.up = true;
    await tick(30);
    expect(manager.status().state).toBe('ready');
    manager.stop();
  });

  it('rebuilds the context when a reader watcher fails while pcscd is up, no sooner than retryMs', async () => {
    const { control, manager } = started(40);
    const reader = new FakeReader('Reader A');
    control.contexts[0].addReader(reader);
    reader.emit('error', pcscError('SCardGetStatusChange', 'Invalid handle.', 0x80100003));
    reader.emit('error', pcscError('SCardGetStatusChange', 'Invalid handle.', 0x80100003));
    await tick(5);
    expect(control.contexts.length).toBe(1);
    await tick(60);
    expect(control.contexts.length).toBe(2);
    expect(control.contexts[0].closed).toBe(true);
    expect(reader.closed).toBe(true);
    expect(manager.status().state).toBe('ready');
    manager.stop();
  });

  it('a reader failing never cuts a card operation in flight in another reader: the rebuild waits for it', async () => {
    const { control, manager, reader } = withCardReader('Reader A');
    const other = new FakeReader('Reader B');
    control.contexts[0].addReader(other);
    reader.beforeTransmit = () => 60; // the write on Reader A is still in flight when Reader B fails
    const write = manager.withCard({ reader: 'Reader A' }, async (ch) => toHex(await ch.transmit(fromHex('00A4040005A000000308'))));
    other.emit('error', pcscError('SCardGetStatusChange', 'Unknown reader specified.', 0x80100009));
    await tick(30);
    expect(control.contexts.length).toBe(1);
    expect(reader.closed).toBe(false);
    expect((await write).endsWith('9000')).toBe(true);
    await tick(30);
    expect(control.contexts.length).toBe(2);
    expect(control.contexts[0].closed).toBe(true);
    expect(manager.status().state).toBe('ready');
    manager.stop();
  });

  it('runs an operation over one exclusive connection and resets the card afterwards, also on failure', async () => {
    const { manager, reader } = withCardReader();
    const answer = await manager.withCard({}, async (ch) => toHex(await ch.transmit(fromHex('00A4040005A000000308'))));
    expect(answer.endsWith('9000')).toBe(true);
    await expect(manager.withCard({}, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(reader.log).toEqual(['connect share=1', 'transmit', 'disconnect reset', 'connect share=1', 'disconnect reset']);
  });

  it('never interleaves two operations on the same reader', async () => {
    const { manager, reader } = withCardReader();
    reader.beforeTransmit = () => 10;
    const order: string[] = [];
    const op = (name: string) =>
      manager.withCard({}, async (ch) => {
        order.push(`${name} start`);
        await ch.transmit(fromHex('00FD000000'));
        order.push(`${name} end`);
      });
    await Promise.all([op('a'), op('b')]);
    expect(order).toEqual(['a start', 'a end', 'b start', 'b end']);
  });

  it('turns a card pulled mid-operation into CardRemovedError and keeps failing that operation', async () => {
    const { manager, reader } = withCardReader();
    let sent = 0;
    const result = manager.withCard({}, async (ch) => {
      await ch.transmit(fromHex('00FD000000'));
      sent++;
      reader.remove();
      await ch.transmit(fromHex('00FD000000'));
    });
    await expect(result).rejects.toBeInstanceOf(CardRemovedError);
    await expect(result).rejects.toMatchObject({ code: 'CARD_REMOVED', details: { reader: 'Virtual PCD 00 00', pcscCode: '0x80100069' } });
    expect(sent).toBe(1);
    expect(reader.connected).toBe(false); // failed disconnect does not leave a stale "connected" flag
  });

  it('treats an empty "successful" answer (vpcd after the card socket closed) as CardRemovedError', async () => {
    const { manager, reader } = withCardReader();
    reader.answerEmpty = true;
    await expect(manager.withCard({}, (ch) => ch.transmit(fromHex('00FD000000')))).rejects.toMatchObject({
      code: 'CARD_REMOVED',
      details: { reason: 'no status word' },
    });
  });

  it('retries within waitMs when the card is already gone at connect time (pcscd noticed after us), never after APDUs', async () => {
    const { manager, reader } = withCardReader();
    const gone = () => pcscError('SCardConnect', 'No smart card inserted.', 0x8010000c);
    reader.connectFailures = [gone(), gone()];
    await expect(manager.withCard({ waitMs: 2_000 }, async () => 'ok')).resolves.toBe('ok');
    reader.connectFailures = [gone()];
    await expect(manager.withCard({}, async () => 'ok')).rejects.toMatchObject({ code: PCSC_ERROR.NO_CARD });
  });

  it('waits while another program holds the card exclusively, then gives up with READER_BUSY', async () => {
    const { manager, reader } = withCardReader();
    const violation = () => pcscError('SCardConnect', 'Sharing violation.', 0x8010000b);
    reader.connectFailures = [violation(), violation()];
    await expect(manager.withCard({}, async () => 'ok')).resolves.toBe('ok');

    const busy = started(10, { connectTimeoutMs: 150 });
    const r2 = new FakeReader('R2');
    busy.control.contexts[0].addReader(r2);
    r2.insert(new VirtualPivCard());
    r2.connectFailures = Array.from({ length: 100 }, violation);
    await expect(busy.manager.withCard({}, async () => 'ok')).rejects.toMatchObject({ code: PCSC_ERROR.READER_BUSY });
  });

  it('times out an APDU the card never answers, and refuses further APDUs of that operation', async () => {
    const { control, manager } = started(10, { apduTimeoutMs: 30 });
    const reader = new FakeReader('Slow');
    control.contexts[0].addReader(reader);
    reader.insert(new VirtualPivCard());
    reader.beforeTransmit = () => 200;
    let second: unknown;
    const result = manager.withCard({}, async (ch) => {
      try {
        await ch.transmit(fromHex('00FD000000'));
      } finally {
        second = await ch.transmit(fromHex('00FD000000')).catch((e) => e);
      }
    });
    await expect(result).rejects.toMatchObject({ code: PCSC_ERROR.TIMEOUT, details: { reader: 'Slow', timeoutMs: 30 } });
    expect(second).toMatchObject({ code: PCSC_ERROR.TIMEOUT });
  });

  it('reports NO_CARD and NO_READER after the wait', async () => {
    const { control, manager } = started();
    const reader = new FakeReader('Empty reader');
    control.contexts[0].addReader(reader);
    await expect(manager.withCard({ waitMs: 20 }, async () => 1)).rejects.toMatchObject({ code: PCSC_ERROR.NO_CARD });
    await expect(manager.withCard({ reader: 'Nope', waitMs: 20 }, async () => 1)).rejects.toMatchObject({ code: PCSC_ERROR.NO_READER });
    reader.insert(new VirtualPivCard());
    await expect(manager.withCard({ reader: 'empty', waitMs: 20 }, async (ch) => ch.reader)).resolves.toBe('Empty reader');
  });
});
