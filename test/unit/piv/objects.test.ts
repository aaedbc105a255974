import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { fromHex, toHex } from '../../../electron/piv/bytes';
import { PrintedInformation } from '../../../electron/piv/printed-information';
import { Ccc } from '../../../electron/piv/ccc';
import { Discovery } from '../../../electron/piv/discovery';
import { SecurityObject, decodeMapping } from '../../../electron/piv/security-object';
import { CardholderFingerprints } from '../../../electron/piv/fingerprints';
import { decodeCbeffHeader, encodeCbeffHeader } from '../../../electron/piv/cbeff-header';
import { Chuid } from '../../../electron/piv/chuid';
import { Fascn } from '../../../electron/piv/fascn';
import { wrapObject } from '../../../electron/piv/data-object';
import { CONTAINER_ID, OBJECT_TAG } from '../../../electron/piv/constants';
import { fromPrintedDate, toChuidDate, toPrintedDate } from '../../../electron/piv/dates';
import { MalformedDataError } from '../../../electron/piv/errors';
import { randomUuidV4 } from '../../../electron/piv/uuid';
import { makeContentSigner } from './helpers/content-signer';
import { vectors } from './helpers/vectors';

const PI = vectors.printedInformation;

describe('dates', () => {
  it('formats the vector days in both card forms', () => {
    for (const [iso, v] of Object.entries(PI.formatExamples as Record<string, { chuid35: string; printed04: string }>)) {
      expect(toHex(new TextEncoder().encode(toChuidDate(iso)))).toBe(v.chuid35);
      expect(toHex(new TextEncoder().encode(toPrintedDate(iso)))).toBe(v.printed04);
    }
    expect(fromPrintedDate('2032DEC02')).toBe('2032-12-02');
    expect(() => fromPrintedDate('2032Dec02')).toThrow(/not a valid/);
    expect(() => toPrintedDate('2031-02-29')).toThrow(/not a valid/);
  });
});

describe('Printed Information', () => {
  it('parses GSA card 46 and rebuilds it byte-exact', () => {
    const p = PrintedInformation.parse(fromHex(PI.gsaCard46ContentHex));
    expect(p.fields).toMatchObject({ name: 'ICAM Card 46 Golden FIPS 201-2 PIV', expirationDate: '2032-12-02', employeeAffiliation: '4700' });
    expect(toHex(PrintedInformation.build({ ...p.fields }).toBytes())).toBe(PI.gsaCard46ContentHex);
    expect(p.fields.expirationDate.replace(/-/g, '')).toBe(PI.matchesChuidExpiration);
  });
  it('refuses too-long and non-ASCII fields', () => {
    const base = PrintedInformation.parse(fromHex(PI.gsaCard46ContentHex)).fields;
    expect(() => PrintedInformation.build({ ...base, issuerIdentification: 'X'.repeat(16) })).toThrow(/allows 15/);
    expect(() => PrintedInformation.build({ ...base, name: 'Zoë' })).toThrow(/printable ASCII/);
  });
});

describe('Discovery and CCC', () => {
  it('builds the PIV-PIN-only Discovery object of the vectors', () => {
    expect(toHex(wrapObject(OBJECT_TAG.DISCOVERY, Discovery.build().toBytes()))).toBe(vectors.discoveryObject.pivPinOnly);
    const d = Discovery.parse(fromHex(vectors.discoveryObject.pivPinOnly).subarray(2));
    expect(d.isPivAid).toBe(true);
    expect(d.globalPinUsable).toBe(false);
  });
  it('builds a CCC with data model 10, GSC-IS card identifier and FE 00, and parses it back', () => {
    const ccc = Ccc.build(new Uint8Array(14).fill(0x11));
    const hex = toHex(ccc.toBytes());
    expect(hex.startsWith('F015A000000116FF02')).toBe(true);
    expect(hex).toContain('F50110');
    expect(hex.endsWith('FE00')).toBe(true);
    expect(Ccc.parse(ccc.toBytes()).dataModelNumber).toBe(0x10);
    expect(() => Ccc.parse(fromHex('F00000'))).toThrow(MalformedDataError);
  });
});

describe('Security Object', () => {
  it('decodes the GSA card 46 mapping and its DG4 hash is SHA-256 of the Printed Information content without 53', () => {
    expect(decodeMapping(fromHex(vectors.securityObject.BA))).toEqual([
      { dataGroup: 1, containerId: 0x3000 },
      { dataGroup: 3, containerId: 0x6030 },
      { dataGroup: 2, containerId: 0x6010 },
      { dataGroup: 4, containerId: 0x3001 },
    ]);
    expect(createHash('sha256').update(fromHex(PI.gsaCard46ContentHex)).digest('hex').toUpperCase()).toBe(vectors.securityObject.dgHashes['4']);
  });
  it('builds, signs (certificate omitted) and verifies hashes of the containers', async () => {
    const signer = await makeContentSigner('P-256');
    const chuid = await Chuid.build({ fascn: Fascn.create(vectors.fascn.valid[0].fields), guid: randomUuidV4(), expirationDate: '2032-12-02', signer });
    const printed = fromHex(PI.gsaCard46ContentHex);
    const so = await SecurityObject.build(
      [
        { dataGroup: 1, containerId: CONTAINER_ID.CHUID, content: chuid.toBytes() },
        { dataGroup: 4, containerId: CONTAINER_ID.PRINTED_INFORMATION, content: printed },
      ],
      signer,
    );
    const back = SecurityObject.parse(so.toBytes());
    expect(toHex(back.toBytes()).slice(0, 10)).toBe('BA06013000');
    expect(toHex(back.toBytes()).endsWith('FE00')).toBe(true);
    const containers = new Map([[CONTAINER_ID.CHUID, chuid.toBytes()], [CONTAINER_ID.PRINTED_INFORMATION, printed]]);
    expect(await back.verify(signer.certificate, containers)).toEqual({ valid: true, mismatched: [], missing: [] });
    const altered = printed.slice();
    altered[5] ^= 1;
    const bad = await back.verify(signer.certificate, new Map([[CONTAINER_ID.CHUID, chuid.toBytes()], [CONTAINER_ID.PRINTED_INFORMATION, altered]]));
    expect(bad).toMatchObject({ valid: false, mismatched: [4] });
  });
});

describe('Cardholder Fingerprints (CBEFF)', () => {
  const fascn = Fascn.create(vectors.fascn.gsaIcamTestCards[2].fields);
  it('encodes the 88-byte header with the card 46 layout', () => {
    const h = {
      patronHeaderVersion: 3, securityOptions: 0x0d, bdbLength: 0x248, sbLength: 0x314, formatOwner: 0x1b, formatType: 0x201,
      creationDate: new Date(Date.UTC(2018, 4, 16, 3, 39, 19)), validFrom: new Date(Date.UTC(2018, 4, 16)), validTo: new Date(Date.UTC(2032, 11, 2)),
      biometricType: 8, biometricDataType: 0x80, quality: -2, creator: 'ICAM', fascn: fascn.toBytes(),
    };
    const bytes = encodeCbeffHeader(h);
    expect(bytes.length).toBe(88);
    expect(toHex(bytes.subarray(0, 20))).toBe('030D000002480314001B0201141205100327135A');
    expect(toHex(bytes.subarray(36, 41))).toBe('00000880FE');
    expect(toHex(bytes.subarray(59, 84))).toBe(fascn.toHex());
    expect(decodeCbeffHeader(bytes)).toEqual(h);
  });
  it('settles the ECDSA signature length every time (40 builds; DER signatures vary by a byte or two)', async () => {
    const signer = await makeContentSigner('P-256');
    const bdb = fromHex('464D520020323000' + '00'.repeat(64));
    for (let i = 0; i < 40; i++) {
      const fp = await CardholderFingerprints.build({ bdb, fascn, cardUuid: Buffer.from(randomUuidV4()), signer, validFrom: new Date(), validTo: new Date(Date.UTC(2032, 11, 2)), creator: 'Issuance Station' });
      expect(fp.header.sbLength).toBe(fp.signatureBlock.length);
    }
  });
  it.each(['P-256', 'RSA-2048'] as const)('builds a signed container (%s) whose header SB length matches and verifies', async (kind) => {
    const signer = await makeContentSigner(kind);
    const bdb = fromHex('464D520020323000' + '00'.repeat(200));
    const fp = await CardholderFingerprints.build({ bdb, fascn, cardUuid: randomUuidV4(), signer, validFrom: new Date(), validTo: new Date(Date.UTC(2032, 11, 2)), creator: 'Issuance Station' });
    const back = CardholderFingerprints.parse(fp.toBytes());
    expect(back.header.sbLength).toBe(back.signatureBlock.length);
    expect(back.bdb).toEqual(bdb);
    expect(toHex(back.header.fascn)).toBe(fascn.toHex());
    expect(await back.verifySignature(signer.certificate)).toEqual({ valid: true });
    const other = await makeContentSigner('P-256', 'Other');
    expect((await back.verifySignature(other.certificate)).valid).toBe(false);
  });
  it('refuses a record whose lengths do not add up', () => {
    expect(() => CardholderFingerprints.parse(fromHex(`BC58${'00'.repeat(88)}FE00`))).toThrow(MalformedDataError);
  });
});
