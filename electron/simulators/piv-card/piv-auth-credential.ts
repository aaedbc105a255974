/**
 * Training and tests: give a virtual (or test) PIV card what a derived-credential check needs — a
 * PIV Authentication key (9A, RSA-2048 generated on the card), its certificate in 5FC105 issued by a
 * throwaway test CA, and a CHUID (unsigned, test cards only). Uses the real card edge, so it works on
 * any card that accepts the given management key.
 */
import { randomBytes, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { Transmit } from '../../piv/apdu';
import { PivSession } from '../../piv/session';
import { ALGORITHM, KEY_REF, OBJECT_TAG, YUBICO_DEFAULT } from '../../piv/constants';
import { publicKeyToSpki } from '../../piv/public-key';
import { Chuid } from '../../piv/chuid';
import type { Fascn } from '../../piv/fascn';
import { buildCertificateObject } from '../../derived/certificate-object';

const COMMON_NAME = '2.5.4.3';
const ES256 = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
let engine: pkijs.CryptoEngine | undefined;

function name(cn: string): pkijs.RelativeDistinguishedNames {
  return new pkijs.RelativeDistinguishedNames({ typesAndValues: [new pkijs.AttributeTypeAndValue({ type: COMMON_NAME, value: new asn1js.Utf8String({ value: cn }) })] });
}

export interface PivAuthProvisioning {
  fascn: Fascn;
  guid: Uint8Array;
  /** ISO day; also the certificate's notAfter. */
  expirationDate: string;
  subject: string;
  managementKey?: Uint8Array;
  /** Certificate validity start (default: one day ago). */
  notBefore?: Date;
}

export async function provisionPivAuthentication(transmit: Transmit, input: PivAuthProvisioning): Promise<{ certificate: Uint8Array }> {
  engine ??= new pkijs.CryptoEngine({ name: 'test-piv-ca', crypto: webcrypto as unknown as ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'] });
  const session = new PivSession(transmit);
  await session.select();
  await session.authenticate(input.managementKey ?? YUBICO_DEFAULT.MANAGEMENT_KEY);
  const publicKey = await session.generateKey(KEY_REF.PIV_AUTHENTICATION, ALGORITHM.RSA_2048);

  const ca = (await webcrypto.subtle.generateKey(ES256, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const cert = new pkijs.Certificate();
  cert.version = 2;
  const serial = randomBytes(16);
  serial[0] = serial[0]! & 0x7f;
  cert.serialNumber = new asn1js.Integer({ valueHex: serial.buffer.slice(serial.byteOffset, serial.byteOffset + serial.length) });
  cert.issuer = name('Issuance Station Test PIV CA');
  cert.subject = name(input.subject);
  cert.notBefore.value = input.notBefore ?? new Date(Date.now() - 86_400_000);
  cert.notAfter.value = new Date(`${input.expirationDate}T23:59:59Z`);
  cert.subjectPublicKeyInfo = new pkijs.PublicKeyInfo({ schema: asn1js.fromBER(Uint8Array.from(publicKeyToSpki(publicKey)).buffer).result });
  await cert.sign(ca.privateKey as unknown as Parameters<pkijs.Certificate['sign']>[0], 'SHA-256', engine);
  const der = new Uint8Array(cert.toSchema(true).toBER(false));

  await session.putData(OBJECT_TAG.X509_PIV_AUTHENTICATION, buildCertificateObject(der));
  const chuid = await Chuid.build({ fascn: input.fascn, guid: input.guid, expirationDate: input.expirationDate });
  await session.putData(OBJECT_TAG.CHUID, chuid.toBytes());
  return { certificate: der };
}
