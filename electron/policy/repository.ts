import type { Db } from '../store/database';
import { canonicalJson } from '../audit/canonical-json';
import type { CardProfile } from './model/card-profiles';
import type { DeviceIssuance } from './model/model';

export type VersionSource = 'seed' | 'edit' | 'revert' | 'import';

export interface PolicyVersion {
  version: number;
  createdAt: string;
  createdBy: string;
  source: VersionSource;
  note: string;
  deviceIssuance: DeviceIssuance;
}

export interface PolicyRecord {
  id: number;
  name: string;
  credentialType: string;
  credentialTypeDescription: string;
  currentVersion: number;
  current: PolicyVersion;
}

interface PolicyRow {
  id: number;
  name: string;
  credential_type: string;
  credential_type_description: string;
  current_version: number;
}
interface VersionRow {
  version: number;
  created_at: string;
  created_by: string;
  source: VersionSource;
  note: string;
  device_issuance: string;
}
export interface SignerRow {
  fingerprint: string;
  label: string;
  public_key: string;
  /** PEM in clear when `private_key_protector` is null (written before migration 13), else a protected blob in base64. */
  private_key: string | null;
  private_key_protector?: string | null;
  own: number;
  added_at: string;
  added_by: string;
}

const toVersion = (r: VersionRow): PolicyVersion => ({
  version: r.version,
  createdAt: r.created_at,
  createdBy: r.created_by,
  source: r.source,
  note: r.note,
  deviceIssuance: JSON.parse(r.device_issuance) as DeviceIssuance,
});

const POLICY_SELECT = `
  SELECT p.id, p.name, t.name AS credential_type, t.description AS credential_type_description, p.current_version
  FROM credential_policies p JOIN credential_types t ON t.id = p.credential_type_id`;

/** All SQL about credential types, policies, card profiles and policy signers. */
export class PolicyRepository {
  constructor(private readonly db: Db) {}

  private hydrate(row: PolicyRow): PolicyRecord {
    return {
      id: row.id,
      name: row.name,
      credentialType: row.credential_type,
      credentialTypeDescription: row.credential_type_description,
      currentVersion: row.current_version,
      current: this.version(row.id, row.current_version)!,
    };
  }

  list(): PolicyRecord[] {
    return (this.db.prepare(`${POLICY_SELECT} ORDER BY t.name COLLATE NOCASE`).all() as PolicyRow[]).map((r) => this.hydrate(r));
  }

  find(name: string): PolicyRecord | undefined {
    const r = this.db.prepare(`${POLICY_SELECT} WHERE p.name = ? COLLATE NOCASE`).get(name) as PolicyRow | undefined;
    return r && this.hydrate(r);
  }

  version(policyId: number, version: number): PolicyVersion | undefined {
    const r = this.db.prepare('SELECT * FROM policy_versions WHERE policy_id = ? AND version = ?').get(policyId, version) as VersionRow | undefined;
    return r && toVersion(r);
  }

  history(policyId: number): PolicyVersion[] {
    return (this.db.prepare('SELECT * FROM policy_versions WHERE policy_id = ? ORDER BY version DESC').all(policyId) as VersionRow[]).map(toVersion);
  }

  /** Appends a version and moves the policy to it; the caller holds the transaction and checked the base. */
  addVersion(policyId: number, v: PolicyVersion): void {
    this.db
      .prepare('INSERT INTO policy_versions (policy_id, version, device_issuance, created_at, created_by, source, note) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(policyId, v.version, canonicalJson(v.deviceIssuance), v.createdAt, v.createdBy, v.source, v.note);
    this.db.prepare('UPDATE credential_policies SET current_version = ? WHERE id = ?').run(v.version, policyId);
  }

  /** A new credential type with its policy (used when importing a policy this station did not have). */
  createPolicy(name: string, credentialType: string, first: PolicyVersion): number {
    const existingType = this.db.prepare('SELECT id FROM credential_types WHERE name = ? COLLATE NOCASE').get(credentialType) as { id: number } | undefined;
    const typeId = existingType?.id ?? Number(this.db.prepare('INSERT INTO credential_types (name, description, created_at) VALUES (?, ?, ?)').run(credentialType, '', first.createdAt).lastInsertRowid);
    const policyId = Number(this.db.prepare('INSERT INTO credential_policies (name, credential_type_id, current_version) VALUES (?, ?, 0)').run(name, typeId).lastInsertRowid);
    this.addVersion(policyId, first);
    return policyId;
  }

  /** The policy of a credential type, if the type exists and has one. */
  policyNameOfType(credentialType: string): string | undefined {
    const r = this.db
      .prepare('SELECT p.name FROM credential_policies p JOIN credential_types t ON t.id = p.credential_type_id WHERE t.name = ? COLLATE NOCASE')
      .get(credentialType) as { name: string } | undefined;
    return r?.name;
  }

  cardProfiles(): CardProfile[] {
    return (this.db.prepare('SELECT profile FROM card_profiles ORDER BY purpose, name').all() as Array<{ profile: string }>).map((r) => JSON.parse(r.profile) as CardProfile);
  }

  signers(): SignerRow[] {
    return this.db.prepare('SELECT * FROM policy_signers ORDER BY own DESC, added_at').all() as SignerRow[];
  }

  ownSigner(): SignerRow | undefined {
    return this.db.prepare('SELECT * FROM policy_signers WHERE own = 1 LIMIT 1').get() as SignerRow | undefined;
  }

  signer(fingerprint: string): SignerRow | undefined {
    return this.db.prepare('SELECT * FROM policy_signers WHERE fingerprint = ?').get(fingerprint) as SignerRow | undefined;
  }

  addSigner(s: SignerRow): void {
    this.db
      .prepare('INSERT INTO policy_signers (fingerprint, label, public_key, private_key, private_key_protector, own, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(s.fingerprint, s.label, s.public_key, s.private_key, s.private_key_protector ?? null, s.own, s.added_at, s.added_by);
  }

  /** Replaces the own key's stored private key (clear → protected). */
  protectOwnKey(fingerprint: string, blobBase64: string, protector: string): void {
    this.db.prepare('UPDATE policy_signers SET private_key = ?, private_key_protector = ? WHERE fingerprint = ? AND own = 1').run(blobBase64, protector, fingerprint);
  }
}
