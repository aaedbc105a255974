import { KeyObject, createHash, generateKeyPairSync, randomBytes, sign, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { encodeCbor } from '../../fido/cbor-codec';
import { AUTH_DATA_FLAG, COSE, COSE_ALG_ES256 } from '../../fido/ctap2-constants';

/**
 * The virtual key's "packed" attestation: a P-256 attestation key with a self-signed certificate that
 * carries the AAGUID extension (id-fido-gen-ce-aaguid), and the authenticatorData/signature a real key
 * returns from makeCredential. Credentials are throwaway: nothing is kept. Built with pkijs because
 * @peculiar/x509 needs a Reflect metadata polyfill that is not installed.
 */
const OID = {
  COUNTRY: '2.5.4.6',
  ORGANIZATION: '2.5.4.10',
  ORGANIZATIONAL_UNIT: '2.5.4.11',
  COMMON_NAME: '2.5.4.3',
  BASIC_CONSTRAINTS: '2.5.29.19',
  ID_FIDO_GEN_CE_AAGUID: '1.3.6.1.4.1.45724.1.1.4',
} as const;
const ES256 = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
/** Packed attestation certificates name C, O, OU = "Authenticator Attestation" and CN (WebAuthn §8.2.1). */
export const VIRTUAL_ATTESTATION_NAME = {
  C: 'US',
  O: 'Issuance Station Simulator',
  OU: 'Authenticator Attestation',
  CN: 'Virtual FIDO2 Key',
} as const;

/** One attribute per RDN (pkijs would put them all in one multi-valued RDN), read back as a parsed name. */
function subjectName(): pkijs.RelativeDistinguishedNames {
  const n = VIRTUAL_ATTESTATION_NAME;
  const rdn = (type: string, value: asn1js.BaseStringBlock) =>
    new asn1js.Set({ value: [new pkijs.AttributeTypeAndValue({ type, value }).toSchema()] });
  const der = new asn1js.Sequence({
    value: [
      rdn(OID.COUNTRY, new asn1js.PrintableString({ value: n.C })),
      rdn(OID.ORGANIZATION, new asn1js.Utf8String({ value: n.O })),
      rdn(OID.ORGANIZATIONAL_UNIT, new asn1js.Utf8String({ value: n.OU })),
      rdn(OID.COMMON_NAME, new asn1js.Utf8String({ value: n.CN })),
    ],
  }).toBER(false);
  return new pkijs.RelativeDistinguishedNames({ schema: asn1js.fromBER(der).result });
}

let engine: pkijs.CryptoEngine | undefined;

export class VirtualAttestation {
  private material: Promise<{ key: KeyObject; certificate: Uint8Array }> | undefined;

  constructor(private readonly aaguid: Uint8Array) {}

  private load(): Promise<{ key: KeyObject; certificate: Uint8Array }> {
    this.material ??= (async () => {
      engine ??= new pkijs.CryptoEngine({ name: 'virtual-fido', crypto: webcrypto as unknown as ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'] });
      const keys = (await webcrypto.subtle.generateKey(ES256, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
      const cert = new pkijs.Certificate();
      cert.version = 2;
      cert.serialNumber = new asn1js.Integer({ value: 1 + (randomBytes(3).readUIntBE(0, 3) & 0x7fffff) });
      cert.issuer = subjectName();
      cert.subject = subjectName();
      cert.notBefore.value = new Date(Date.now() - 86_400_000);
      cert.notAfter.value = new Date(Date.now() + 10 * 365 * 86_400_000);
      cert.extensions = [
        new pkijs.Extension({ extnID: OID.BASIC_CONSTRAINTS, critical: true, extnValue: new pkijs.BasicConstraints({ cA: false }).toSchema().toBER(false) }),
        new pkijs.Extension({
          extnID: OID.ID_FIDO_GEN_CE_AAGUID,
          critical: false,
          extnValue: new asn1js.OctetString({ valueHex: Uint8Array.from(this.aaguid).buffer }).toBER(false),
        }),
      ];
      await cert.subjectPublicKeyInfo.importKey(keys.publicKey as unknown as Parameters<pkijs.PublicKeyInfo['importKey']>[0], engine);
      await cert.sign(keys.privateKey as unknown as Parameters<pkijs.Certificate['sign']>[0], 'SHA-256', engine);
      return { key: KeyObject.from(keys.privateKey), certificate: new Uint8Array(cert.toSchema(true).toBER(false)) };
    })();
    return this.material;
  }

  /** Returns the makeCredential response fields for a fresh ES256 credential. */
  async attest(rpId: string, clientDataHash: Uint8Array, userVerified: boolean): Promise<{ authData: Uint8Array; sig: Uint8Array; x5c: Uint8Array[] }> {
    const { key, certificate } = await this.load();
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const jwk = publicKey.export({ format: 'jwk' });
    const coseKey = encodeCbor(
      new Map<number, number | Uint8Array>([
        [COSE.KTY, COSE.KTY_EC2],
        [COSE.ALG, COSE_ALG_ES256],
        [COSE.CRV, COSE.CRV_P256],
        [COSE.X, new Uint8Array(Buffer.from(jwk.x as string, 'base64url'))],
        [COSE.Y, new Uint8Array(Buffer.from(jwk.y as string, 'base64url'))],
      ]),
    );
    const credentialId = randomBytes(32);
    const flags = AUTH_DATA_FLAG.UP | AUTH_DATA_FLAG.AT | (userVerified ? AUTH_DATA_FLAG.UV : 0);
    const head = Buffer.alloc(37 + 16 + 2);
    createHash('sha256').update(rpId).digest().copy(head, 0);
    head[32] = flags;
    head.writeUInt32BE(0, 33);
    Buffer.from(this.aaguid).copy(head, 37);
    head.writeUInt16BE(credentialId.length, 53);
    const authData = new Uint8Array(Buffer.concat([head, credentialId, coseKey]));
    const sig = new Uint8Array(sign('sha256', Buffer.concat([authData, clientDataHash]), key));
    return { authData, sig, x5c: [certificate] };
  }
}
