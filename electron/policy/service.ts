import type { Db } from '../store/database';
import { InvalidInputError } from '../common/errors';
import { AuditJournal } from '../audit/journal';
import type { Actor } from '../operators/roles';
import { requireRole } from '../operators/errors';
import { PolicyRepository, type PolicyRecord, type PolicyVersion, type VersionSource } from './repository';
import { validateDeviceIssuance, type DeviceIssuanceInput, type ValidationResult } from './model/validators';
import { diffFields, type FieldChange } from './model/diff';
import { PolicyConflictError, PolicyInvalidError, PolicyNotFoundError } from './errors';
import type { CardProfile } from './model/card-profiles';
import type { CredentialPolicy } from './model/model';
import type { KeyProtector } from '../keys/key-protector';
import { PolicySigningKey, type StationSigner } from './signing-key';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, keyFingerprint, parseBundle, parseSignerPublicKey, signBundle, verifyBundle, type PolicyBundle } from './bundle';

export interface PolicySummary {
  name: string;
  credentialType: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
  source: VersionSource;
}

export interface PolicyDetail extends CredentialPolicy {
  credentialTypeDescription: string;
  updatedAt: string;
  updatedBy: string;
  source: VersionSource;
}

export interface ImportPreview {
  name: string;
  credentialType: string;
  bundleVersion: number;
  exportedAt: string;
  exportedBy: string;
  signer: { fingerprint: string; label: string; own: boolean };
  exists: boolean;
  currentVersion: number | null;
  changes: FieldChange[];
}

const MANAGE = ['system_manager'] as const;

const summary = (p: PolicyRecord): PolicySummary => ({
  name: p.name,
  credentialType: p.credentialType,
  version: p.currentVersion,
  updatedAt: p.current.createdAt,
  updatedBy: p.current.createdBy,
  source: p.current.source,
});

const detail = (p: PolicyRecord): PolicyDetail => ({
  ...summary(p),
  credentialTypeDescription: p.credentialTypeDescription,
  deviceIssuance: p.current.deviceIssuance,
});

/**
 * Credential policies: read, validate, save with optimistic concurrency, history and revert, and
 * signed bundles for fleet distribution. Only a System Manager changes policy — checked here, so no
 * caller (IPC, CLI, a future batch job) can skip it.
 */
export class PolicyService {
  private readonly repo: PolicyRepository;
  private readonly journal: AuditJournal;

  private readonly signingKey: PolicySigningKey;

  /**
   * `keys` protects the station's policy-signing key at rest; without one the station can still edit,
   * import and verify policies, but not show its own key or export (a clear error says so).
   */
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
    keys?: KeyProtector,
  ) {
    this.repo = new PolicyRepository(db);
    this.journal = new AuditJournal(db, now);
    this.signingKey = new PolicySigningKey(db, this.repo, this.journal, keys, now);
  }

  list(): PolicySummary[] {
    return this.repo.list().map(summary);
  }

  /** The version of each policy this station issues by right now. */
  running(): PolicySummary[] {
    return this.list();
  }

  private find(name: string): PolicyRecord {
    const p = this.repo.find(name);
    if (!p) throw new PolicyNotFoundError(name, this.repo.list().map((x) => x.name));
    return p;
  }

  get(name: string): PolicyDetail {
    return detail(this.find(name));
  }

  /** The policy an applicant's credential type issues by (issuance resolves the policy this way). */
  forCredentialType(credentialType: string): PolicyDetail {
    const name = this.repo.policyNameOfType(credentialType);
    if (!name) {
      const types = this.repo.list().map((p) => p.credentialType);
      throw new InvalidInputError('CREDENTIAL_TYPE_UNKNOWN', `There is no credential type '${credentialType}' on this station. Known types: ${types.join(', ') || '(none)'}.`, { credentialType });
    }
    return this.get(name);
  }

  cardProfiles(): CardProfile[] {
    return this.repo.cardProfiles();
  }

  cardProfile(name: string): CardProfile | undefined {
    return this.cardProfiles().find((p) => p.name === name);
  }

  validate(input: DeviceIssuanceInput): ValidationResult {
    return validateDeviceIssuance(input, this.cardProfiles().map((p) => p.name));
  }

  history(name: string): PolicyVersion[] {
    return this.repo.history(this.find(name).id);
  }

  /**
   * Saves the settings as a new version. `baseVersion` is the version the editor loaded; if someone
   * saved since, the save is refused with POLICY_CHANGED instead of overwriting their change.
   */
  save(actor: Actor, input: { name: string; baseVersion: number; deviceIssuance: DeviceIssuanceInput; note?: string }): { policy: PolicyDetail; changes: FieldChange[] } {
    requireRole(actor, MANAGE, 'change credential policies');
    const checked = this.validate(input.deviceIssuance);
    if (!checked.ok) throw new PolicyInvalidError(checked.errors);
    return this.commit(actor, input.name, input.baseVersion, checked.value!, 'edit', input.note ?? '');
  }

  /** A revert is a new version carrying an old version's settings. */
  revert(actor: Actor, input: { name: string; toVersion: number; baseVersion: number }): { policy: PolicyDetail; changes: FieldChange[] } {
    requireRole(actor, MANAGE, 'change credential policies');
    const p = this.find(input.name);
    const target = this.repo.version(p.id, input.toVersion);
    if (!target) throw new InvalidInputError('POLICY_VERSION_NOT_FOUND', `Policy '${p.name}' has no version ${input.toVersion} (it has 1 to ${p.currentVersion}).`, { name: p.name });
    return this.commit(actor, p.name, input.baseVersion, target.deviceIssuance, 'revert', `Revert to version ${input.toVersion}`);
  }

  private commit(actor: Actor, name: string, baseVersion: number, next: CredentialPolicy['deviceIssuance'], source: VersionSource, note: string): { policy: PolicyDetail; changes: FieldChange[] } {
    return this.db
      .transaction(() => {
        const p = this.find(name);
        if (p.currentVersion !== baseVersion) throw new PolicyConflictError(p.name, baseVersion, { version: p.currentVersion, createdBy: p.current.createdBy, createdAt: p.current.createdAt });
        const changes = diffFields(p.current.deviceIssuance, next);
        if (changes.length === 0) return { policy: detail(p), changes };
        const version = p.currentVersion + 1;
        this.repo.addVersion(p.id, { version, createdAt: this.now().toISOString(), createdBy: actor.name, source, note, deviceIssuance: next });
        this.journal.append({
          actor: actor.name,
          action: source === 'revert' ? 'policy.revert' : source === 'import' ? 'policy.import' : 'policy.save',
          subject: p.name,
          details: { policy: p.name, fromVersion: p.currentVersion, toVersion: version, note, changes },
        });
        return { policy: detail(this.find(p.name)), changes };
      })
      .immediate();
  }

  // ---- fleet distribution ----

  /** This station's signing key's public half (made on first call; needs the key protector then). */
  stationSigner(): StationSigner {
    return this.signingKey.signer();
  }

  signers(): Array<{ fingerprint: string; label: string; own: boolean; addedAt: string; addedBy: string }> {
    return this.repo.signers().map((s) => ({ fingerprint: s.fingerprint, label: s.label, own: s.own === 1, addedAt: s.added_at, addedBy: s.added_by }));
  }

  /** Trusts another station's policy-signing public key, so its bundles can be imported here. */
  trustSigner(actor: Actor, input: { publicKey: string; label: string }): { fingerprint: string } {
    requireRole(actor, MANAGE, 'add trusted policy signers');
    const pem = parseSignerPublicKey(input.publicKey);
    const fingerprint = keyFingerprint(pem);
    if (this.repo.signer(fingerprint)) return { fingerprint };
    const label = input.label.trim() || `signer ${fingerprint.slice(0, 12)}`;
    this.db
      .transaction(() => {
        this.repo.addSigner({ fingerprint, label, public_key: pem, private_key: null, own: 0, added_at: this.now().toISOString(), added_by: actor.name });
        this.journal.append({ actor: actor.name, action: 'policy.signer_trusted', subject: label, details: { fingerprint, label } });
      })
      .immediate();
    return { fingerprint };
  }

  /** A signed bundle of the policy's current version. */
  exportBundle(exportedBy: string, name: string): PolicyBundle {
    const p = this.find(name);
    const bundle = this.signingKey.sign((privateKeyPem, signer) =>
      signBundle(
        {
          format: BUNDLE_FORMAT,
          formatVersion: BUNDLE_FORMAT_VERSION,
          exportedAt: this.now().toISOString(),
          exportedBy,
          policy: { name: p.name, credentialType: p.credentialType, version: p.currentVersion, deviceIssuance: p.current.deviceIssuance },
          signer,
        },
        privateKeyPem,
      ),
    );
    this.journal.append({ actor: exportedBy, action: 'policy.export', subject: p.name, details: { policy: p.name, version: p.currentVersion, signer: bundle.signer.fingerprint } });
    return bundle;
  }

  /** Verifies signature and fields and returns what would change, without changing anything. */
  previewImport(bundleText: string): ImportPreview {
    const { bundle, settings } = this.checkBundle(bundleText);
    const existing = this.repo.find(bundle.policy.name);
    const signer = this.repo.signer(bundle.signer.fingerprint)!;
    return {
      name: bundle.policy.name,
      credentialType: bundle.policy.credentialType,
      bundleVersion: bundle.policy.version,
      exportedAt: bundle.exportedAt,
      exportedBy: bundle.exportedBy,
      signer: { fingerprint: signer.fingerprint, label: signer.label, own: signer.own === 1 },
      exists: !!existing,
      currentVersion: existing?.currentVersion ?? null,
      changes: diffFields(existing?.current.deviceIssuance ?? {}, settings),
    };
  }

  /**
   * Applies a verified bundle as a new version (or a new credential type and policy). `baseVersion`
   * is the version the preview was shown against; a change in between is a conflict.
   */
  applyImport(actor: Actor, bundleText: string, baseVersion?: number | null): { policy: PolicyDetail; changes: FieldChange[]; created: boolean } {
    requireRole(actor, MANAGE, 'import credential policies');
    const { bundle, settings } = this.checkBundle(bundleText);
    const note = `Imported version ${bundle.policy.version} exported by ${bundle.exportedBy} at ${bundle.exportedAt} (signer ${bundle.signer.fingerprint.slice(0, 16)})`;
    const existing = this.repo.find(bundle.policy.name);
    if (existing) {
      const r = this.commit(actor, existing.name, baseVersion ?? existing.currentVersion, settings, 'import', note);
      return { ...r, created: false };
    }
    const holder = this.repo.policyNameOfType(bundle.policy.credentialType);
    if (holder) {
      throw new InvalidInputError('POLICY_TYPE_TAKEN', `Credential type '${bundle.policy.credentialType}' already has policy '${holder}' on this station (one policy per credential type). Rename one of them before importing.`, { credentialType: bundle.policy.credentialType });
    }
    return this.db
      .transaction(() => {
        this.repo.createPolicy(bundle.policy.name, bundle.policy.credentialType, { version: 1, createdAt: this.now().toISOString(), createdBy: actor.name, source: 'import', note, deviceIssuance: settings });
        const changes = diffFields({}, settings);
        this.journal.append({ actor: actor.name, action: 'policy.import', subject: bundle.policy.name, details: { policy: bundle.policy.name, fromVersion: 0, toVersion: 1, note, changes } });
        return { policy: this.get(bundle.policy.name), changes, created: true };
      })
      .immediate();
  }

  private checkBundle(text: string): { bundle: PolicyBundle; settings: CredentialPolicy['deviceIssuance'] } {
    const bundle = parseBundle(text);
    verifyBundle(bundle, (fp) => this.repo.signer(fp)?.public_key);
    const checked = this.validate(bundle.policy.deviceIssuance);
    if (!checked.ok) throw new PolicyInvalidError(checked.errors, `The bundle's policy '${bundle.policy.name}'`);
    return { bundle, settings: checked.value! };
  }
}
