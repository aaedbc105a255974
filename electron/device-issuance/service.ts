/**
 * Issues the policy's Permitted Device Types to an applicant: FIDO security keys, OTP credentials
 * (authenticator app or OATH token) and derived-PIV-credential activation codes. Every action first
 * resolves the applicant's credential policy and refuses a device type it does not permit; every
 * issuance is journalled (identifiers only: no PIN, seed, URI or activation code ever reaches the journal).
 */
import type { Db } from '../store/database';
import { StationError } from '../common/errors';
import { AuditJournal } from '../audit/journal';
import type { Actor } from '../operators/roles';
import { requireRole } from '../operators/errors';
import type { PolicyService } from '../policy/service';
import type { DeviceIssuance } from '../policy/model/model';
import { FidoEnrollment, type CoachingState, type FidoKeyAccess } from '../fido/enrollment';
import { CtapHidConnection } from '../fido/ctaphid-transport';
import { Ctap2Client } from '../fido/ctap2';
import type { OtpEnrollmentService } from '../otp/enrollment';
import type { OtpAlgorithm, OtpDigits } from '../otp/hotp';
import type { Transmit } from '../piv/apdu';
import { checkPivCard, type CardCheckOptions } from '../derived/card-check';
import type { ActivationCodeRecord, DerivedCredentialService } from '../derived/activation-codes';
import type { ApplicantDirectory } from './applicant-directory';
import { DeviceRecords, type IssuedFidoKey, type IssuedOtpCredential } from './records';

export const DEVICE_ISSUERS = ['badge_operator', 'system_manager'] as const;
export type DeviceType = keyof DeviceIssuance['permittedDeviceTypes'];
export const DEVICE_TYPE_LABELS: Readonly<Record<DeviceType, string>> = { fido: 'FIDO security keys', otp: 'OTP credentials', derived: 'derived PIV credentials' };
/** CTAP 2.1 §6.5.1: a PIN has at least 4 code points unless the key says more. */
export const CTAP_DEFAULT_MIN_PIN_LENGTH = 4;

export interface DevicePermissions {
  applicantId: string;
  applicantName: string;
  credentialType: string;
  policy: string;
  policyVersion: number;
  permitted: Record<DeviceType, boolean>;
}

export interface DeviceIssuanceDeps {
  db: Db;
  policies: Pick<PolicyService, 'list' | 'get'>;
  applicants: ApplicantDirectory;
  otp: OtpEnrollmentService;
  derived: DerivedCredentialService;
  now?: () => Date;
  cardCheck?: CardCheckOptions;
}

export class DeviceNotPermittedError extends StationError {
  constructor(type: DeviceType, p: DevicePermissions) {
    super(
      'DEVICE_TYPE_NOT_PERMITTED',
      `This credential policy does not permit ${DEVICE_TYPE_LABELS[type]} ("${p.policy}" version ${p.policyVersion}, credential type ${p.credentialType}). A System Manager can allow it under Administration → Permitted Device Types.`,
      { deviceType: type, policy: p.policy, policyVersion: p.policyVersion, credentialType: p.credentialType },
    );
  }
}

export class DeviceIssuanceService {
  private readonly journal: AuditJournal;
  private readonly records: DeviceRecords;
  private readonly now: () => Date;
  /** OTP app enrollments in flight: who started them and under which policy. */
  private readonly otpPending = new Map<string, { applicantId: string; credentialType: string; actorId: number }>();

  constructor(private readonly deps: DeviceIssuanceDeps) {
    this.now = deps.now ?? (() => new Date());
    this.journal = new AuditJournal(deps.db, this.now);
    this.records = new DeviceRecords(deps.db);
  }

  /** What the policy of this applicant's credential type permits right now (read fresh on every call). */
  permissions(actor: Actor, applicantId: string): DevicePermissions {
    requireRole(actor, DEVICE_ISSUERS, 'issue devices');
    const a = this.deps.applicants.find(actor, applicantId);
    const all = this.deps.policies.list();
    const match = a.credentialType ? all.find((p) => p.credentialType === a.credentialType) : all.length === 1 ? all[0] : undefined;
    if (!match) {
      throw new StationError('POLICY_NOT_RESOLVED', a.credentialType ? `No credential policy for credential type "${a.credentialType}". Ask the System Manager to create it.` : 'The applicant has no credential type and the station has several policies; set credentialType in the enrollment record.', { credentialType: a.credentialType });
    }
    const policy = this.deps.policies.get(match.name);
    return { applicantId: a.id, applicantName: a.displayName, credentialType: policy.credentialType, policy: policy.name, policyVersion: policy.version, permitted: { ...policy.deviceIssuance.permittedDeviceTypes } };
  }

  /** Throws DeviceNotPermittedError unless the applicant's policy permits `type` (call before touching any device). */
  assertPermitted(actor: Actor, applicantId: string, type: DeviceType): DevicePermissions {
    const p = this.permissions(actor, applicantId);
    if (!p.permitted[type]) throw new DeviceNotPermittedError(type, p);
    return p;
  }

  /** Reads the key's own minimum PIN length (getInfo) so the PIN field can say it before enrollment. */
  async probeFidoKey(actor: Actor, applicantId: string, access: FidoKeyAccess): Promise<{ product: string | null; minPinLength: number; hasPin: boolean }> {
    this.assertPermitted(actor, applicantId, 'fido');
    const { device, info } = await access.open();
    const conn = await CtapHidConnection.open(device);
    try {
      const gi = await new Ctap2Client(conn).getInfo();
      return { product: info.product ?? null, minPinLength: gi.minPinLength ?? CTAP_DEFAULT_MIN_PIN_LENGTH, hasPin: gi.options.clientPin === true };
    } finally {
      await conn.close().catch(() => undefined);
    }
  }

  /** Reset, set the applicant's PIN, record the key. The PIN is passed through once and never stored. */
  async enrollFidoKey(
    actor: Actor,
    applicantId: string,
    request: { access: FidoKeyAccess; pin: string; minPinLength?: number; forcePinChange?: boolean; coach?: (s: CoachingState) => void; signal?: AbortSignal },
  ): Promise<{ key: IssuedFidoKey; pinPolicyApplied: boolean }> {
    const p = this.assertPermitted(actor, applicantId, 'fido');
    const result = await new FidoEnrollment(request.access, request.coach).run({
      pin: request.pin,
      ...(request.minPinLength !== undefined ? { minPinLength: request.minPinLength } : {}),
      ...(request.forcePinChange ? { forcePinChange: true } : {}),
      ...(request.signal ? { signal: request.signal } : {}),
    });
    const r = result.record;
    const key = this.deps.db.transaction(() => {
      const k = this.records.insertFidoKey({ applicantId, credentialType: p.credentialType, record: r, issuedBy: actor.name, issuedAt: this.now().toISOString() });
      this.journal.append({
        actor: actor.name,
        action: 'device.fido.issued',
        subject: applicantId,
        details: { fidoRecordId: k.id, credentialType: p.credentialType, policy: p.policy, policyVersion: p.policyVersion, aaguid: r.aaguid, attestationSubject: r.attestationSubject, attestationSource: r.attestationSource, serial: r.serial, product: r.product, lengthPolicyStored: result.pinPolicyApplied },
      });
      return k;
    }).immediate();
    return { key, pinPolicyApplied: result.pinPolicyApplied };
  }

  /** Authenticator app, step 1: only the QR code leaves this method (the otpauth URI stays on the station). */
  async startOtpApp(actor: Actor, applicantId: string, request: { account: string; algorithm?: OtpAlgorithm; digits?: OtpDigits }): Promise<{ enrollmentId: string; qrSvg: string; expiresAt: string; digits: OtpDigits }> {
    const p = this.assertPermitted(actor, applicantId, 'otp');
    const digits = request.digits ?? 6;
    const started = await this.deps.otp.startAppEnrollment({ applicantId, account: request.account, digits, ...(request.algorithm ? { algorithm: request.algorithm } : {}) });
    this.otpPending.set(started.enrollmentId, { applicantId, credentialType: p.credentialType, actorId: actor.id });
    return { enrollmentId: started.enrollmentId, qrSvg: started.qrSvg, expiresAt: started.expiresAt, digits };
  }

  /** Step 2: the code from the app. Wrong codes say how many tries are left (OTP_CODE_MISMATCH). */
  async confirmOtpApp(actor: Actor, enrollmentId: string, code: string): Promise<IssuedOtpCredential> {
    requireRole(actor, DEVICE_ISSUERS, 'issue devices');
    const pending = this.otpPending.get(enrollmentId);
    if (!pending || pending.actorId !== actor.id) throw new StationError('OTP_ENROLLMENT_GONE', 'This enrollment expired or was cancelled. Start again and scan the new QR code.');
    this.assertPermitted(actor, pending.applicantId, 'otp'); // the policy may have changed since the QR was shown
    let record;
    try {
      record = await this.deps.otp.confirmAppEnrollment(enrollmentId, code);
    } catch (e) {
      if (e instanceof StationError && e.code === 'OTP_ENROLLMENT_GONE') this.otpPending.delete(enrollmentId);
      throw e;
    }
    this.otpPending.delete(enrollmentId);
    return this.recordOtp(actor, { ...record, credentialType: pending.credentialType, issuedBy: actor.name });
  }

  cancelOtpApp(enrollmentId: string): void {
    this.otpPending.delete(enrollmentId);
    this.deps.otp.cancel(enrollmentId);
  }

  /** OATH token over PC/SC: written, checked against the station's code, seed sealed in the vault. */
  async provisionOtpToken(actor: Actor, applicantId: string, transmit: Transmit, request: { account: string; type?: 'totp' | 'hotp'; algorithm?: OtpAlgorithm; digits?: OtpDigits; requireTouch?: boolean }): Promise<IssuedOtpCredential> {
    const p = this.assertPermitted(actor, applicantId, 'otp');
    const record = await this.deps.otp.provisionToken(transmit, { applicantId, ...request });
    return this.recordOtp(actor, { ...record, credentialType: p.credentialType, issuedBy: actor.name });
  }

  private recordOtp(actor: Actor, c: IssuedOtpCredential): IssuedOtpCredential {
    this.deps.db.transaction(() => {
      this.records.insertOtpCredential(c);
      this.journal.append({
        actor: actor.name,
        action: 'device.otp.issued',
        subject: c.applicantId,
        details: { credentialId: c.id, credentialType: c.credentialType, kind: c.kind, type: c.type, issuer: c.issuer, account: c.account, algorithm: c.algorithm, digits: c.digits, deviceId: c.tokenDeviceId ?? null },
      });
    }).immediate();
    return c;
  }

  /**
   * Derived credential: the applicant's card proves itself (PIN + 9A challenge against 5FC105), it must be
   * the applicant's current active card, and then a one-time activation code is issued (shown once).
   */
  async issueDerived(actor: Actor, applicantId: string, transmit: Transmit, pin: string): Promise<{ record: ActivationCodeRecord; code: string }> {
    const p = this.assertPermitted(actor, applicantId, 'derived');
    const current = this.deps.applicants.find(actor, applicantId).currentCard;
    if (!current) throw new StationError('DERIVED_NO_VALID_CARD', 'This applicant holds no active PIV card on this station. Issue the PIV card first; a derived credential is derived from it.', { applicantId });
    const card = await checkPivCard(transmit, pin, this.deps.cardCheck);
    if (card.fascnHex.toUpperCase() !== current.fascnHex.toUpperCase() || card.guid.toLowerCase() !== current.guid.toLowerCase()) {
      throw new StationError('DERIVED_WRONG_CARD', "The card in the reader is not this applicant's current PIV card. Insert the card issued to this applicant.", { applicantId });
    }
    return this.deps.derived.issue(actor.name, { applicantId, credentialType: p.credentialType, card });
  }

  issued(actor: Actor, applicantId: string): { fido: IssuedFidoKey[]; otp: IssuedOtpCredential[]; derived: ActivationCodeRecord[] } {
    requireRole(actor, DEVICE_ISSUERS, 'issue devices');
    return { fido: this.records.fidoKeys(applicantId), otp: this.records.otpCredentials(applicantId), derived: this.deps.derived.forApplicant(applicantId) };
  }
}
