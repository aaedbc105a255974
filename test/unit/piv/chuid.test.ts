import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { Chuid } from '../../../electron/piv/chuid';
import { Fascn } from '../../../electron/piv/fascn';
import { fromHex, toHex } from '../../../electron/piv/bytes';
import { encodeTlv } from '../../../electron/piv/tlv';
import { putDataBody, unwrapObject, wrapObject } from '../../../electron/piv/data-object';
import { OBJECT_TAG, OID } from '../../../electron/piv/constants';
import { MalformedDataError } from '../../../electron/piv/errors';
import { describeCms, parseSignedData } from '../../../electron/piv/cms';
import { randomUuidV4 } from '../../../electron/piv/uuid';
import { makeContentSigner } from './helpers/content-signer';
import { vectors } from './helpers/vectors';

const yk = vectors.chuid.ykmanTestChuid;
const gsa46 = vectors.chuid.gsaCard46SignedChuid;

describe('CHUID vectors', () => {
  it('builds the ykman test CHUID byte-exact, with the GET DATA and PUT DATA forms', async () => {
    const chuid = await Chuid.build({
      fascn: Fascn.create(yk.inputs.fascnFields),
      guid: fromHex(yk.inputs.guidHex),
      expirationDate: yk.inputs.expiration,
      strict: false,
    });
    expect(toHex(chuid.toBytes())).toBe(yk.contentHex);
    expect(toHex(wrapObject(OBJECT_TAG.CHUID, chuid.toBytes()))).toBe(yk.getDataResponseHex.slice(0, -4));
    expect(`00DB3FFF42${toHex(putDataBody(OBJECT_TAG.CHUID, chuid.toBytes()))}`).toBe(yk.putDataApduHex);
    expect(chuid.isSigned).toBe(false);
    expect(await chuid.verifySignature()).toMatchObject({ present: false, valid: false });
  });

  it('parses the Yubico template and the ykman GET DATA response', () => {
    const t = Chuid.parse(fromHex(vectors.chuid.yubicoTemplateZeroGuid.contentHex));
    expect(t.fascn.mode).toBe('piv-i');
    expect(t.expirationDate).toBe('2030-01-01');
    const r = Chuid.parse(unwrapObject(OBJECT_TAG.CHUID, fromHex(yk.getDataResponseHex).subarray(0, -2)));
    expect(r.toJSON()).toMatchObject({ guid: '78787878-7878-7878-7878-787878787878', cardholderUuid: null, fascnHex: yk.inputs && Fascn.create(yk.inputs.fascnFields).toHex() });
  });

  it('signs GSA card 46 content the way its signature was made: all TLVs but 3E, FE 00 included', () => {
    const e = gsa46.elements;
    const content = fromHex(
      [
        toHex(encodeTlv(0x30, fromHex(e['30']))),
        toHex(encodeTlv(0x32, fromHex(e['32']))),
        toHex(encodeTlv(0x34, fromHex(e['34']))),
        toHex(encodeTlv(0x35, fromHex('3230333231323032'))),
        toHex(encodeTlv(0x36, fromHex(e['36']))),
        toHex(encodeTlv(0x3e, new Uint8Array(2115).fill(0x30))),
        'FE00',
      ].join(''),
    );
    const chuid = Chuid.parse(content);
    expect(toHex(chuid.signedBytes())).toBe(gsa46.signedContentHex);
    expect(createHash('sha256').update(chuid.signedBytes()).digest('hex').toUpperCase()).toBe(gsa46.messageDigestSignedAttribute);
    expect(chuid.expirationDate).toBe('2032-12-02');
    expect(chuid.warnings).toContain('deprecated element 32 (removed in SP 800-73-5)');
    expect(chuid.toJSON()).toMatchObject({ cardholderUuid: 'db175391-4749-4a32-977d-7a3843775e8a', guid: '94e28c68-84db-44db-8a0e-f502d6689b14' });
  });
});

describe('CHUID signature', () => {
  const fascn = Fascn.create(vectors.fascn.gsaIcamTestCards[2].fields);

  it.each(['P-256', 'RSA-2048'] as const)('builds a signed CHUID with %s and verifies it on read', async (kind) => {
    const signer = await makeContentSigner(kind);
    const chuid = await Chuid.build({ fascn, guid: randomUuidV4(), cardholderUuid: randomUuidV4(), expirationDate: '2032-12-02', signer });
    const back = Chuid.parse(chuid.toBytes());
    expect(back.warnings).toEqual([]);
    expect([...back.toBytes()].slice(-2)).toEqual([0xfe, 0x00]);
    const status = await back.verifySignature();
    expect(status).toMatchObject({ present: true, valid: true, signer: 'CN=Station Test Content Signer, O=Issuance Station Tests, C=US' });
    expect(status.certificate).toEqual(signer.certificate);
    const info = describeCms(parseSignedData(back.signature));
    expect(info.eContentType).toBe(OID.ID_PIV_CHUID_SECURITY_OBJECT);
    expect(info.eContent).toBeUndefined();
    expect(info.signedAttributeTypes).toEqual(expect.arrayContaining([OID.CONTENT_TYPE, OID.MESSAGE_DIGEST, OID.SIGNING_TIME, OID.PIV_SIGNER_DN]));
  });

  it('reports a tampered CHUID as present but invalid', async () => {
    const signer = await makeContentSigner('P-256');
    const bytes = (await Chuid.build({ fascn, guid: randomUuidV4(), expirationDate: '2032-12-02', signer })).toBytes();
    bytes[30] ^= 0x01; // inside the GUID
    const status = await Chuid.parse(bytes).verifySignature();
    expect(status.present).toBe(true);
    expect(status.valid).toBe(false);
    expect(status.reason).toMatch(/messageDigest/);
  });

  it('refuses non-RFC 4122 GUIDs when building strictly', async () => {
    await expect(Chuid.build({ fascn, guid: new Uint8Array(16).fill(0x78), expirationDate: '2030-01-01' })).rejects.toThrow(/RFC 4122/);
  });
});

describe('CHUID parse errors', () => {
  const base = fromHex(yk.contentHex);
  it.each([
    ['missing FASC-N', base.subarray(27)],
    ['duplicate element', fromHex(yk.contentHex + 'FE00')],
    ['bad date', fromHex(yk.contentHex.replace('3230333030313031', '3230333031333031'))],
    ['truncated TLV', base.subarray(0, 40)],
  ])('%s → MalformedDataError', (_n, bytes) => {
    expect(() => Chuid.parse(bytes)).toThrow(MalformedDataError);
  });
  it('warns about out-of-order and unknown elements', () => {
    const c = Chuid.parse(fromHex(`${yk.contentHex.slice(54)}${yk.contentHex.slice(0, 54)}9900`));
    expect(c.warnings).toEqual(expect.arrayContaining(['element 30 is out of card order', 'unknown element 99']));
  });
});
