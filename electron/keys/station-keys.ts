/**
 * The station's own keys: the content signer (certificate in clear, private key protected) and the
 * master key for per-card diversification (protected). Secrets are unprotected only for the moment
 * they are used and zeroed afterwards; the private key lives on as a non-extractable WebCrypto key.
 */
import { createHash, createPrivateKey, randomBytes, type webcrypto } from 'node:crypto';
import * as pkijs from 'pkijs';
import type { Db } from '../store/database';
import { StationError } from '../common/errors';
import { AuditJournal } from '../audit/journal';
import { certificateSubject, cryptoEngine, parseCertificate, type ContentSigner } from '../piv/cms';
import { OID } from '../piv/constants';
import { toHex } from '../piv/bytes';
import type { KeyProtector } from './key-protector';
import { generateTestIssuer } from './test-issuer';
import { readPkcs12 } from './pkcs12';
import { MASTER_KEY_LENGTH } from './diversify';

export const KEY_NAME = { CONTENT_SIGNER: 'content-signer', MASTER: 'master-key' } as const;
const EXT_KEY_USAGE = '2.5.29.37';

export interface ContentSignerInfo {
  subject: string;
  notBefore: string;
  notAfter: string;
  /** SHA-256 of the certificate DER, hex. */
  fingerprint: string;
  testIssuer: boolean;
  protector: string;
}

export interface StationKeysStatus {
  contentSigner: ContentSignerInfo | null;
  masterKey: boolean;
}

interface KeyRow {
  name: string;
  label: string;
  certificate: Uint8Array | null;
  protected: Uint8Array;
  protector: string;
  test_issuer: number;
  created_at: string;
  created_by: string;
}

export interface LoadedSigner extends ContentSigner {
  notAfter: Date;
  subject: string;
  testIssuer: boolean;
}

/** Refuses a certificate that is not a PIV content signer (EKU id-PIV-content-signing or PIV-I's). */
export function assertContentSigningCertificate(der: Uint8Array): pkijs.Certificate {
  const cert = parseCertificate(der);
  const eku = cert.extensions?.find((e) => e.extnID === EXT_KEY_USAGE)?.parsedValue as pkijs.ExtKeyUsage | undefined;
  const purposes = eku?.keyPurposes ?? [];
  if (!purposes.includes(OID.ID_PIV_CONTENT_SIGNING) && !purposes.includes(OID.ID_PIVI_CONTENT_SIGNING)) {
    throw new StationError('NOT_A_CONTENT_SIGNER', `The certificate "${certificateSubject(der)}" has no PIV content-signing extended key usage (${OID.ID_PIV_CONTENT_SIGNING}). Import the content-signing certificate issued for this station.`);
  }
  return cert;
}

/** Own copy: Buffer.slice() shares the pool, so .buffer could hold other bytes. */
const toArrayBuffer = (b: Uint8Array): ArrayBuffer => Uint8Array.from(b).buffer;

async function importPrivateKey(pkcs8: Uint8Array): Promise<{ key: webcrypto.CryptoKey; hash: 'SHA-256' | 'SHA-384' }> {
  const ko = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
  if (ko.asymmetricKeyType === 'ec') {
    const curve = ko.asymmetricKeyDetails?.namedCurve === 'secp384r1' ? 'P-384' : 'P-256';
    const key = await globalThis.crypto.subtle.importKey('pkcs8', toArrayBuffer(pkcs8), { name: 'ECDSA', namedCurve: curve }, false, ['sign']);
    return { key, hash: curve === 'P-384' ? 'SHA-384' : 'SHA-256' };
  }
  if (ko.asymmetricKeyType === 'rsa') {
    const key = await globalThis.crypto.subtle.importKey('pkcs8', toArrayBuffer(pkcs8), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
    return { key, hash: 'SHA-256' };
  }
  throw new StationError('CONTENT_SIGNER_KEY_UNSUPPORTED', `Content-signing keys must be RSA or ECDSA P-256/P-384 (SP 800-78); this one is ${ko.asymmetricKeyType ?? 'unknown'}.`);
}

export class StationKeys {
  private readonly journal: AuditJournal;
  private signerCache?: LoadedSigner;

  constructor(
    private readonly db: Db,
    private readonly protector: KeyProtector,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.journal = new AuditJournal(db, now);
  }

  private row(name: string): KeyRow | undefined {
    const r = this.db.prepare('SELECT * FROM station_keys WHERE name = ?').get(name) as KeyRow | undefined;
    // Plain copies: SQLite hands out Node Buffers that share one memory pool.
    return r ? { ...r, certificate: r.certificate ? Uint8Array.from(r.certificate) : null, protected: Uint8Array.from(r.protected) } : undefined;
  }

  status(): StationKeysStatus {
    const s = this.row(KEY_NAME.CONTENT_SIGNER);
    let contentSigner: ContentSignerInfo | null = null;
    if (s?.certificate) {
      const cert = parseCertificate(s.certificate);
      contentSigner = {
        subject: certificateSubject(s.certificate),
        notBefore: cert.notBefore.value.toISOString(),
        notAfter: cert.notAfter.value.toISOString(),
        fingerprint: createHash('sha256').update(s.certificate).digest('hex'),
        testIssuer: s.test_issuer === 1,
        protector: s.protector,
      };
    }
    return { contentSigner, masterKey: this.row(KEY_NAME.MASTER) !== undefined };
  }

  private store(name: string, label: string, secret: Uint8Array, certificate: Uint8Array | null, testIssuer: boolean, actor: string): void {
    const blob = this.protector.protect(secret, name);
    this.db
      .prepare(
        `INSERT INTO station_keys (name, label, certificate, protected, protector, test_issuer, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET label = excluded.label, certificate = excluded.certificate, protected = excluded.protected,
           protector = excluded.protector, test_issuer = excluded.test_issuer, created_at = excluded.created_at, created_by = excluded.created_by`,
      )
      .run(name, label, certificate, blob, this.protector.kind, testIssuer ? 1 : 0, this.now().toISOString(), actor);
  }

  /** First run: a TEST content signer and a fresh master key, each only if absent. */
  async ensure(actor: string): Promise<StationKeysStatus> {
    if (!this.row(KEY_NAME.CONTENT_SIGNER)) {
      const issuer = await generateTestIssuer(this.now());
      try {
        this.db.transaction(() => {
          this.store(KEY_NAME.CONTENT_SIGNER, 'TEST content signer (generated on first run)', issuer.privateKeyPkcs8, issuer.certificate, true, actor);
          this.journal.append({ actor, action: 'keys.test_issuer_generated', subject: certificateSubject(issuer.certificate), details: { notAfter: issuer.notAfter.toISOString(), algorithm: 'ECDSA P-256', protector: this.protector.kind } });
        })();
      } finally {
        issuer.privateKeyPkcs8.fill(0);
      }
    }
    if (!this.row(KEY_NAME.MASTER)) {
      const master = new Uint8Array(randomBytes(MASTER_KEY_LENGTH));
      try {
        this.db.transaction(() => {
          this.store(KEY_NAME.MASTER, 'Master key for per-card management key diversification', master, null, false, actor);
          this.journal.append({ actor, action: 'keys.master_generated', subject: KEY_NAME.MASTER, details: { bytes: MASTER_KEY_LENGTH, protector: this.protector.kind } });
        })();
      } finally {
        master.fill(0);
      }
    }
    return this.status();
  }

  /** Replaces the content signer with an imported certificate + PKCS#8 private key (checked to match). */
  async importContentSigner(actor: string, certificate: Uint8Array, privateKeyPkcs8: Uint8Array): Promise<ContentSignerInfo> {
    const cert = assertContentSigningCertificate(certificate);
    const { key, hash } = await importPrivateKey(privateKeyPkcs8);
    const probe = new TextEncoder().encode('station key pairing check');
    const publicKey = await cert.getPublicKey(undefined, cryptoEngine());
    const params = key.algorithm.name === 'ECDSA' ? { name: 'ECDSA', hash } : { name: key.algorithm.name };
    const ok = await globalThis.crypto.subtle.verify(params, publicKey, await globalThis.crypto.subtle.sign(params, key, probe), probe);
    if (!ok) throw new StationError('CONTENT_SIGNER_MISMATCH', 'The private key does not belong to the content-signing certificate. Import the matching pair.');
    this.db.transaction(() => {
      this.store(KEY_NAME.CONTENT_SIGNER, 'Imported content signer', privateKeyPkcs8, certificate, false, actor);
      this.journal.append({ actor, action: 'keys.content_signer_imported', subject: certificateSubject(certificate), details: { notAfter: cert.notAfter.value.toISOString() } });
    })();
    this.signerCache = undefined;
    return this.status().contentSigner!;
  }

  /** PKCS#12 import: the certificate in the file that pairs with its key and is a content signer. */
  async importPkcs12(actor: string, bytes: Uint8Array, password: string): Promise<ContentSignerInfo> {
    const { certificates, privateKeyPkcs8 } = await readPkcs12(bytes, password);
    let last: unknown;
    try {
      for (const cert of certificates) {
        try {
          return await this.importContentSigner(actor, cert, privateKeyPkcs8);
        } catch (e) {
          if (!(e instanceof StationError) || !['CONTENT_SIGNER_MISMATCH', 'NOT_A_CONTENT_SIGNER'].includes(e.code)) throw e;
          last = e;
        }
      }
    } finally {
      privateKeyPkcs8.fill(0);
    }
    throw last;
  }

  async contentSigner(): Promise<LoadedSigner> {
    if (this.signerCache) return this.signerCache;
    const r = this.row(KEY_NAME.CONTENT_SIGNER);
    if (!r?.certificate) throw new StationError('NO_CONTENT_SIGNER', 'This station has no content-signing key yet. Import one (PKCS#12) or let the station create its TEST issuer.');
    const pkcs8 = this.protector.unprotect(r.protected, KEY_NAME.CONTENT_SIGNER);
    try {
      const { key, hash } = await importPrivateKey(pkcs8);
      const cert = parseCertificate(r.certificate);
      this.signerCache = { certificate: r.certificate.slice(), privateKey: key, hash, notAfter: cert.notAfter.value, subject: certificateSubject(r.certificate), testIssuer: r.test_issuer === 1 };
      return this.signerCache;
    } finally {
      pkcs8.fill(0);
    }
  }

  /** Runs `use` with the master key in memory and zeroes it afterwards. */
  withMasterKey<T>(use: (master: Uint8Array) => T): T {
    const r = this.row(KEY_NAME.MASTER);
    if (!r) throw new StationError('NO_MASTER_KEY', 'This station has no master key yet; run the first-run key setup.');
    const master = this.protector.unprotect(r.protected, KEY_NAME.MASTER);
    try {
      return use(master);
    } finally {
      master.fill(0);
    }
  }

  /** A short, non-secret handle of the master key (to tell stations apart in support, never the key). */
  masterKeyCheckValue(): string {
    return this.withMasterKey((m) => toHex(createHash('sha256').update('kcv').update(m).digest().subarray(0, 3)));
  }
}
