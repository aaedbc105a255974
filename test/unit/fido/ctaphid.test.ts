import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CID_BROADCAST,
  CTAPHID,
  CTAPHID_ERR,
  Reassembler,
  encodeInitResponse,
  fragmentMessage,
  maxMessageSize,
  parseInitResponse,
  reassembleMessage,
} from '../../../electron/fido/ctaphid';

/*
 * Source: FIDO CTAP 2.1 Proposed Standard (2021-06-15), §11.2.4 "Message and packet structure"
 * (initialization packet CID|CMD|BCNTH|BCNTL|DATA, continuation packet CID|SEQ|DATA, maximum message
 * 64-7+128*(64-5) = 7609 bytes) and §11.2.9.1.3 CTAPHID_INIT (0x06, 8-byte nonce on the broadcast
 * channel 0xFFFFFFFF; 17-byte response). The byte strings below are those layouts written out.
 * https://fidoalliance.org/specs/fido-v2.1-ps-20210615/fido-client-to-authenticator-protocol-v2.1-ps-errata-20220621.html#usb-message-and-packet-structure
 */
const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('CTAPHID framing (CTAP 2.1 §11.2.4)', () => {
  it('lays out a CTAPHID_INIT request on the broadcast channel', () => {
    const nonce = hex('0102030405060708');
    const [packet, ...rest] = fragmentMessage({ cid: CID_BROADCAST, cmd: CTAPHID.INIT, payload: nonce });
    expect(rest).toHaveLength(0);
    expect(packet).toHaveLength(64);
    expect(toHex(packet.subarray(0, 15))).toBe('ffffffff' + '86' + '0008' + '0102030405060708');
    expect(packet.subarray(15).every((b) => b === 0)).toBe(true);
  });

  it('lays out a CTAPHID_CBOR authenticatorGetInfo request (command byte 0x04) on channel 0x11223344', () => {
    const [packet] = fragmentMessage({ cid: 0x11223344, cmd: CTAPHID.CBOR, payload: Uint8Array.of(0x04) });
    expect(toHex(packet.subarray(0, 8))).toBe('11223344' + '90' + '0001' + '04');
  });

  it('splits 57 bytes into one packet and 58 into two, continuation SEQ from 0', () => {
    expect(fragmentMessage({ cid: 1, cmd: CTAPHID.PING, payload: new Uint8Array(57) })).toHaveLength(1);
    const two = fragmentMessage({ cid: 1, cmd: CTAPHID.PING, payload: new Uint8Array(58).fill(0xaa) });
    expect(two).toHaveLength(2);
    expect(toHex(two[1].subarray(0, 6))).toBe('00000001' + '00' + 'aa');
    const three = fragmentMessage({ cid: 1, cmd: CTAPHID.PING, payload: new Uint8Array(57 + 59 + 1) });
    expect(three.map((p) => p[4])).toEqual([0x81, 0x00, 0x01]);
  });

  it('holds at most 7609 bytes (128 continuation packets)', () => {
    expect(maxMessageSize()).toBe(7609);
    expect(fragmentMessage({ cid: 1, cmd: CTAPHID.MSG, payload: new Uint8Array(7609) })).toHaveLength(129);
    expect(() => fragmentMessage({ cid: 1, cmd: CTAPHID.MSG, payload: new Uint8Array(7610) })).toThrow(/at most 7609/);
  });

  it('encodes and parses the 17-byte CTAPHID_INIT response', () => {
    const body = encodeInitResponse({
      nonce: hex('0102030405060708'),
      cid: 0xcafe0001,
      protocolVersion: 2,
      deviceVersion: { major: 5, minor: 4, build: 3 },
      capabilities: 0x0d,
    });
    expect(toHex(body)).toBe('0102030405060708' + 'cafe0001' + '02' + '050403' + '0d');
    const parsed = parseInitResponse(body);
    expect(parsed.cid).toBe(0xcafe0001);
    expect(parsed.capabilities).toBe(0x0d);
    expect(() => parseInitResponse(body.subarray(0, 16))).toThrow(/17/);
  });

  it('rejects a continuation packet out of sequence with ERR_INVALID_SEQ', () => {
    const packets = fragmentMessage({ cid: 7, cmd: CTAPHID.CBOR, payload: new Uint8Array(200) });
    const r = new Reassembler();
    expect(r.push(packets[0]).kind).toBe('pending');
    expect(r.push(packets[2])).toEqual({ kind: 'error', cid: 7, hidCode: CTAPHID_ERR.INVALID_SEQ });
  });

  it('answers an init packet from another channel mid-message with ERR_CHANNEL_BUSY', () => {
    const a = fragmentMessage({ cid: 7, cmd: CTAPHID.CBOR, payload: new Uint8Array(100) });
    const b = fragmentMessage({ cid: 8, cmd: CTAPHID.PING, payload: new Uint8Array(1) });
    const r = new Reassembler();
    r.push(a[0]);
    expect(r.push(b[0])).toEqual({ kind: 'error', cid: 8, hidCode: CTAPHID_ERR.CHANNEL_BUSY });
    expect(r.push(a[1]).kind).toBe('complete');
  });

  it('rejects a declared length above the maximum and reports wrong-size reports', () => {
    const bad = new Uint8Array(64);
    bad.set([0, 0, 0, 1, 0x90, 0xff, 0xff]);
    expect(new Reassembler().push(bad)).toMatchObject({ kind: 'error', hidCode: CTAPHID_ERR.INVALID_LEN });
    expect(new Reassembler().push(new Uint8Array(63))).toMatchObject({ kind: 'error', hidCode: CTAPHID_ERR.INVALID_LEN });
  });

  it('host side ignores packets for other channels and stray continuations', () => {
    const r = new Reassembler(64, 5);
    const other = fragmentMessage({ cid: 6, cmd: CTAPHID.PING, payload: new Uint8Array(3) });
    expect(r.push(other[0])).toEqual({ kind: 'ignored', cid: 6 });
    const stray = new Uint8Array(64);
    stray.set([0, 0, 0, 5, 0x00]);
    expect(r.push(stray)).toEqual({ kind: 'ignored', cid: 5 });
  });

  it('round-trips any message through fragmentation and reassembly (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 0xfffffffe }),
        fc.integer({ min: 0, max: 0x7f }),
        fc.uint8Array({ minLength: 0, maxLength: 7609 }),
        (cid, cmd, payload) => {
          const packets = fragmentMessage({ cid, cmd, payload });
          expect(packets.every((p) => p.length === 64)).toBe(true);
          const back = reassembleMessage(packets);
          expect(back.cid).toBe(cid);
          expect(back.cmd).toBe(cmd);
          expect(toHex(back.payload)).toBe(toHex(payload));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reassembles a message whose packets are interleaved with other channels’ traffic (fast-check)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.array(fc.nat(), { maxLength: 10 }), (payload, noisePositions) => {
        const mine = fragmentMessage({ cid: 42, cmd: CTAPHID.CBOR, payload });
        const noise = fragmentMessage({ cid: 43, cmd: CTAPHID.KEEPALIVE, payload: Uint8Array.of(1) })[0];
        const stream = [...mine];
        for (const pos of noisePositions) stream.splice(pos % (stream.length + 1), 0, noise);
        const r = new Reassembler(64, 42);
        let done: Uint8Array | undefined;
        for (const p of stream) {
          const ev = r.push(p);
          if (ev.kind === 'complete') done = ev.message.payload;
          expect(ev.kind).not.toBe('error');
        }
        expect(done && toHex(done)).toBe(toHex(payload));
      }),
      { numRuns: 100 },
    );
  });
});
