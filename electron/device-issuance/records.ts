/** SQL for issued FIDO keys and OTP credential records (migration 050). Seeds live in otp-vault.ts. */
import { randomUUID } from 'node:crypto';
import type { Db } from '../store/database';
import type { FidoKeyRecord } from '../fido/device-record';
import type { OtpCredentialRecord } from '../otp/enrollment';

export interface IssuedFidoKey {
  id: string;
  applicantId: string;
  credentialType: string;
  record: FidoKeyRecord;
  issuedBy: string;
  issuedAt: string;
}

export interface IssuedOtpCredential extends OtpCredentialRecord {
  credentialType: string;
  issuedBy: string;
}

export class DeviceRecords {
  constructor(private readonly db: Db) {}

  insertFidoKey(input: Omit<IssuedFidoKey, 'id'>): IssuedFidoKey {
    const id = randomUUID();
    const r = input.record;
    this.db
      .prepare('INSERT INTO fido_keys (id, applicant_id, credential_type, aaguid, attestation_subject, attestation_source, serial, record, issued_by, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, input.applicantId, input.credentialType, r.aaguid, r.attestationSubject, r.attestationSource, r.serial, JSON.stringify(r), input.issuedBy, input.issuedAt);
    return { id, ...input };
  }

  fidoKeys(applicantId: string): IssuedFidoKey[] {
    const rows = this.db.prepare('SELECT * FROM fido_keys WHERE applicant_id = ? ORDER BY issued_at, rowid').all(applicantId) as Array<{ id: string; applicant_id: string; credential_type: string; record: string; issued_by: string; issued_at: string }>;
    return rows.map((r) => ({ id: r.id, applicantId: r.applicant_id, credentialType: r.credential_type, record: JSON.parse(r.record) as FidoKeyRecord, issuedBy: r.issued_by, issuedAt: r.issued_at }));
  }

  insertOtpCredential(c: IssuedOtpCredential): void {
    this.db
      .prepare('INSERT INTO otp_credentials (id, applicant_id, credential_type, kind, type, issuer, account, algorithm, digits, period, token_device_id, issued_by, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(c.id, c.applicantId, c.credentialType, c.kind, c.type, c.issuer, c.account, c.algorithm, c.digits, c.period ?? null, c.tokenDeviceId ?? null, c.issuedBy, c.createdAt);
  }

  otpCredentials(applicantId: string): IssuedOtpCredential[] {
    const rows = this.db.prepare('SELECT * FROM otp_credentials WHERE applicant_id = ? ORDER BY issued_at, rowid').all(applicantId) as Array<Record<string, unknown>>;
    return rows.map((r) => ({
      id: r.id as string,
      applicantId: r.applicant_id as string,
      credentialType: r.credential_type as string,
      kind: r.kind as IssuedOtpCredential['kind'],
      type: r.type as IssuedOtpCredential['type'],
      issuer: r.issuer as string,
      account: r.account as string,
      algorithm: r.algorithm as IssuedOtpCredential['algorithm'],
      digits: r.digits as IssuedOtpCredential['digits'],
      ...(r.period !== null ? { period: r.period as number } : {}),
      ...(r.token_device_id !== null ? { tokenDeviceId: r.token_device_id as string } : {}),
      issuedBy: r.issued_by as string,
      createdAt: r.issued_at as string,
    }));
  }
}
