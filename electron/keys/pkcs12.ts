/**
 * PKCS#12 (RFC 7292) import of the content-signing certificate and private key with pkijs: the MAC is
 * checked, password-encrypted safe contents and the shrouded key bag are decrypted (PBES2 as OpenSSL 3
 * writes by default; legacy RC2/3DES PBEs are not supported by WebCrypto and are refused with advice).
 * Exactly one private key is expected; the certificate whose public key matches it is the signer.
 */
import * as pkijs from 'pkijs';
import { InvalidInputError } from '../common/errors';
import { cryptoEngine } from '../piv/cms';

const BAG = {
  KEY: '1.2.840.113549.1.12.10.1.1',
  SHROUDED_KEY: '1.2.840.113549.1.12.10.1.2',
  CERT: '1.2.840.113549.1.12.10.1.3',
} as const;
/** id-data and id-encryptedData ContentInfo types inside the authenticated safe. */
const CONTENT = { DATA: '1.2.840.113549.1.7.1', ENCRYPTED: '1.2.840.113549.1.7.6' } as const;

export interface Pkcs12Contents {
  /** DER X.509 certificates in the file, the one matching the key first. */
  certificates: Uint8Array[];
  privateKeyPkcs8: Uint8Array;
}

/** A copy in its own ArrayBuffer: a Node Buffer often shares a larger pool buffer, and .slice() on a Buffer does not copy. */
const ab = (b: Uint8Array): ArrayBuffer => Uint8Array.from(b).buffer;

function bad(message: string, cause?: unknown): InvalidInputError {
  return new InvalidInputError('PKCS12_INVALID', message, undefined, cause ? { cause } : undefined);
}

export async function readPkcs12(bytes: Uint8Array, password: string): Promise<Pkcs12Contents> {
  const engine = cryptoEngine();
  const pw = ab(new TextEncoder().encode(password));
  let pfx: pkijs.PFX;
  try {
    pfx = pkijs.PFX.fromBER(ab(bytes));
  } catch (e) {
    throw bad('The file is not a PKCS#12 (.p12/.pfx) file.', e);
  }
  try {
    await pfx.parseInternalValues({ password: pw, checkIntegrity: true }, engine);
  } catch (e) {
    throw bad('The PKCS#12 password is wrong or the file is damaged (integrity check failed).', e);
  }
  const safe = pfx.parsedValue?.authenticatedSafe;
  if (!safe) throw bad('The PKCS#12 file holds no authenticated safe.');
  try {
    await safe.parseInternalValues({ safeContents: safe.safeContents.map((c) => (c.contentType === CONTENT.ENCRYPTED ? { password: pw } : {})) }, engine);
  } catch (e) {
    throw bad('The PKCS#12 certificates are encrypted with a legacy algorithm (RC2/3DES) that is not supported. Re-export it with AES (OpenSSL 3 default, or "-certpbe AES-256-CBC -keypbe AES-256-CBC").', e);
  }
  const certificates: Uint8Array[] = [];
  const keys: Uint8Array[] = [];
  for (const sc of safe.parsedValue?.safeContents ?? []) {
    for (const bag of sc.value.safeBags) {
      if (bag.bagId === BAG.CERT) {
        const cert = (bag.bagValue as pkijs.CertBag).parsedValue;
        if (cert instanceof pkijs.Certificate) certificates.push(new Uint8Array(cert.toSchema().toBER()));
      } else if (bag.bagId === BAG.SHROUDED_KEY) {
        const shrouded = bag.bagValue as pkijs.PKCS8ShroudedKeyBag;
        try {
          // pkijs marks this protected but it is the documented way to decrypt a shrouded key bag.
          await (shrouded as unknown as { parseInternalValues(p: { password: ArrayBuffer }, c: pkijs.ICryptoEngine): Promise<void> }).parseInternalValues({ password: pw }, engine);
        } catch (e) {
          throw bad('The PKCS#12 private key is encrypted with a legacy algorithm or another password. Re-export it with AES.', e);
        }
        if (shrouded.parsedValue) keys.push(new Uint8Array(shrouded.parsedValue.toSchema().toBER()));
      } else if (bag.bagId === BAG.KEY) {
        keys.push(new Uint8Array((bag.bagValue as pkijs.PrivateKeyInfo).toSchema().toBER()));
      }
    }
  }
  if (keys.length !== 1) throw bad(`The PKCS#12 file must hold exactly one private key (found ${keys.length}).`);
  if (certificates.length === 0) throw bad('The PKCS#12 file holds no certificate.');
  return { certificates, privateKeyPkcs8: keys[0]! };
}
