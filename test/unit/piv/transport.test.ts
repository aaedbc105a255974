import { describe, expect, it } from 'vitest';
import { toHex } from '../../../electron/piv/bytes';
import { countingTransmit, createChannel } from '../../../electron/piv/transport';
import { errorForStatus, expectSuccess, retriesFromSw } from '../../../electron/piv/status';
import {
  AuthenticationBlockedError,
  InvalidPinError,
  MalformedDataError,
  NotFoundError,
  SecurityStatusNotSatisfiedError,
  UnexpectedStatusError,
  WrongLengthError,
} from '../../../electron/piv/errors';
import { scripted } from './helpers/scripted-transport';

const hex = (n: number, fill: string) => fill.repeat(n);

describe('transport stack', () => {
  it('follows 61xx with GET RESPONSE and concatenates the data', async () => {
    const card = scripted([
      ['00CB3FFF055C035FC102', `${hex(256, 'AA')}6100`],
      ['00C0000000', `${hex(256, 'BB')}6110`],
      ['00C0000010', `${hex(16, 'CC')}9000`],
    ]);
    const res = await createChannel(card.transmit)({ cla: 0, ins: 0xcb, p1: 0x3f, p2: 0xff, data: Uint8Array.of(0x5c, 3, 0x5f, 0xc1, 2) });
    expect(res.sw).toBe(0x9000);
    expect(res.data.length).toBe(528);
    expect(card.done()).toBe(true);
  });
  it('re-sends with the Le the card asks for on 6Cxx', async () => {
    const card = scripted([
      ['00CB3FFF035C017E00', '6C14'],
      ['00CB3FFF035C017E14', `7E124F0BA0000003080000100001005F2F0240009000`],
    ]);
    const res = await createChannel(card.transmit)({ cla: 0, ins: 0xcb, p1: 0x3f, p2: 0xff, data: Uint8Array.of(0x5c, 1, 0x7e), le: 256 });
    expect(toHex(res.data)).toBe('7E124F0BA0000003080000100001005F2F024000');
  });
  it('chains long command data in 255-byte blocks with CLA 10', async () => {
    const data = new Uint8Array(600).fill(0x11);
    const card = scripted([
      [`10DB3FFFFF${hex(255, '11')}`, '9000'],
      [`10DB3FFFFF${hex(255, '11')}`, '9000'],
      [`00DB3FFF5A${hex(90, '11')}`, '9000'],
    ]);
    const res = await createChannel(card.transmit)({ cla: 0, ins: 0xdb, p1: 0x3f, p2: 0xff, data });
    expect(res.sw).toBe(0x9000);
    expect(card.done()).toBe(true);
  });
  it('stops a chain at the first failing block and returns that status', async () => {
    const card = scripted([[`10DB3FFFFF${hex(255, '11')}`, '6A84']]);
    const res = await createChannel(card.transmit)({ cla: 0, ins: 0xdb, p1: 0x3f, p2: 0xff, data: new Uint8Array(300).fill(0x11) });
    expect(res.sw).toBe(0x6a84);
  });
  it('sends one extended APDU instead of chaining when extended is enabled', async () => {
    const card = scripted([[`00DB3FFF00012C${hex(300, '11')}`, '9000']]);
    const res = await createChannel(card.transmit, { extended: true })({ cla: 0, ins: 0xdb, p1: 0x3f, p2: 0xff, data: new Uint8Array(300).fill(0x11) });
    expect(res.sw).toBe(0x9000);
  });
  it('turns a 1-byte response into MalformedDataError, and an endless 61xx into one too', async () => {
    await expect(createChannel(async () => Uint8Array.of(0x90))({ cla: 0, ins: 0xfd, p1: 0, p2: 0 })).rejects.toBeInstanceOf(MalformedDataError);
    await expect(createChannel(async () => Uint8Array.of(0x61, 0x01))({ cla: 0, ins: 0xfd, p1: 0, p2: 0 })).rejects.toBeInstanceOf(MalformedDataError);
  });
  it('counts APDUs and bytes', async () => {
    const c = countingTransmit(async () => Uint8Array.of(0x90, 0x00));
    await createChannel(c.transmit)({ cla: 0, ins: 0xfd, p1: 0, p2: 0, le: 256 });
    expect(c.stats).toEqual({ apdus: 1, bytesSent: 5, bytesReceived: 2 });
  });
});

describe('status words → typed errors', () => {
  it.each([
    [0x63c2, InvalidPinError],
    [0x6982, SecurityStatusNotSatisfiedError],
    [0x6983, AuthenticationBlockedError],
    [0x6a82, NotFoundError],
    [0x6700, WrongLengthError],
    [0x6f00, UnexpectedStatusError],
  ])('%s', (sw, cls) => {
    const e = errorForStatus(sw, 'test');
    expect(e).toBeInstanceOf(cls);
    expect(e.sw).toBe(sw);
  });
  it('carries attempts remaining and the SW in details', () => {
    const e = errorForStatus(0x63c2, 'VERIFY') as InvalidPinError;
    expect(e.attemptsRemaining).toBe(2);
    expect(e.toJSON()).toMatchObject({ code: 'PIV_INVALID_PIN', details: { sw: '63C2', attemptsRemaining: 2 } });
    expect(retriesFromSw(0x9000)).toBeUndefined();
    expect(() => expectSuccess({ data: new Uint8Array(0), sw: 0x6a82 }, 'GET DATA')).toThrow(NotFoundError);
  });
});
