/**
 * The station's own policy-signing key (ECDSA P-256): made on first need, and its private half kept only
 * as a blob of the station's key protector (OS keyring in the desktop app, STATION_KEY_PASSPHRASE in
 * browser mode and the CLI). A key stored in clear by an earlier version is encrypted in place the first
 * time a protector is at hand. The private key leaves this file only as a signature.
 */
import { StationError } from '../common/errors';
import type { AuditJournal } from '../audit/journal';
import type { KeyProtector } from '../keys/key-protector';
import type { Db } from '../store/database';
import { generateSigningKey } from './bundle';
import type { PolicyRepository, SignerRow } from './repository';

const STATION_ACTOR = '(station)';
const blobName = (fingerprint: string) => `policy-signing-key:${fingerprint}`;

export interface StationSigner {
  fingerprint: string;
  label: string;
  publicKey: string;
}

export class PolicySigningKey {
  constructor(
    private readonly db: Db,
    private readonly repo: PolicyRepository,
    private readonly journal: AuditJournal,
    private readonly protector: KeyProtector | undefined,
    private readonly now: () => Date,
  ) {}

  /** The public half, creating the key (and protecting a legacy clear one) when needed. */
  signer(): StationSigner {
    const own = this.ensure();
    return { fingerprint: own.fingerprint, label: own.label, publicKey: own.public_key };
  }

  /** Signs with the private key; it is decrypted for this call only. */
  sign<T>(use: (privateKeyPem: string, signer: StationSigner) => T): T {
    const own = this.ensure();
    const protector = this.required();
    if (own.private_key_protector !== protector.kind) {
      throw new StationError('POLICY_SIGNING_KEY_PROTECTOR', `This station's policy-signing key is protected by ${own.private_key_protector}, not ${protector.kind}. Open the station the way it was set up (the desktop app or the same key passphrase).`, { protector: own.private_key_protector });
    }
    const pem = Buffer.from(protector.unprotect(Buffer.from(own.private_key!, 'base64'), blobName(own.fingerprint))).toString('utf8');
    return use(pem, { fingerprint: own.fingerprint, label: own.label, publicKey: own.public_key });
  }

  private required(): KeyProtector {
    if (!this.protector) {
      throw new StationError('POLICY_SIGNING_KEY_UNAVAILABLE', "The station's policy-signing key needs a key protector: use the desktop app, or set STATION_KEY_PASSPHRASE (12+ characters).");
    }
    return this.protector;
  }

  private ensure(): SignerRow {
    const own = this.repo.ownSigner();
    if (own && own.private_key_protector) return own;
    const protector = this.required();
    if (own) {
      // Written before migration 13: encrypt the clear key in place, in one transaction.
      const blob = protector.protect(Buffer.from(own.private_key ?? '', 'utf8'), blobName(own.fingerprint));
      this.db
        .transaction(() => {
          this.repo.protectOwnKey(own.fingerprint, Buffer.from(blob).toString('base64'), protector.kind);
          this.journal.append({ actor: STATION_ACTOR, action: 'policy.signing_key_protected', subject: own.fingerprint, details: { fingerprint: own.fingerprint, protector: protector.kind } });
        })
        .immediate();
      return this.repo.ownSigner()!;
    }
    const key = generateSigningKey();
    const blob = Buffer.from(protector.protect(Buffer.from(key.privateKey, 'utf8'), blobName(key.fingerprint))).toString('base64');
    this.db
      .transaction(() => {
        if (this.repo.ownSigner()) return;
        this.repo.addSigner({ fingerprint: key.fingerprint, label: 'This station', public_key: key.publicKey, private_key: blob, private_key_protector: protector.kind, own: 1, added_at: this.now().toISOString(), added_by: STATION_ACTOR });
        this.journal.append({ actor: STATION_ACTOR, action: 'policy.signing_key_created', subject: key.fingerprint, details: { fingerprint: key.fingerprint, algorithm: 'ECDSA P-256', protector: protector.kind } });
      })
      .immediate();
    return this.repo.ownSigner()!;
  }
}
