import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../electron/store/database';
import { PolicyService } from '../../../electron/policy/service';
import { OtpEnrollmentService } from '../../../electron/otp/enrollment';
import { SqliteOtpSeedVault } from '../../../electron/device-issuance/otp-vault';
import { DerivedCredentialService } from '../../../electron/derived/activation-codes';
import { DeviceIssuanceService } from '../../../electron/device-issuance/service';
import type { ApplicantDirectory, ApplicantFacts } from '../../../electron/device-issuance/applicant-directory';
import { DEFAULT_DEVICE_ISSUANCE, DEFAULT_POLICY_NAME } from '../../../electron/policy/model/defaults';
import type { Actor } from '../../../electron/operators/roles';

export const manager: Actor = { id: 1, name: 'alice', role: 'system_manager' };
export const operator: Actor = { id: 2, name: 'bob', role: 'badge_operator' };
export const officer: Actor = { id: 3, name: 'erin', role: 'enrollment_officer' };

/** Keeps the otpauth URI the service never returns, so a test can play the authenticator app. */
export class SpyOtp extends OtpEnrollmentService {
  lastUri = '';
  override async startAppEnrollment(...args: Parameters<OtpEnrollmentService['startAppEnrollment']>) {
    const r = await super.startAppEnrollment(...args);
    this.lastUri = r.uri;
    return r;
  }
}

export function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'station-devices-'));
  const store = openDatabase(join(dir, 'station.db'));
  let now = Date.parse('2026-11-28T14:00:00Z');
  const clock = () => new Date(now);
  const policies = new PolicyService(store.db, clock);
  const applicants = new Map<string, ApplicantFacts>([['A-1', { id: 'A-1', displayName: 'Jane Doe', credentialType: 'PIV Employee', currentCard: null }]]);
  const directory: ApplicantDirectory = {
    find: (_actor, id) => {
      const a = applicants.get(id);
      if (!a) throw Object.assign(new Error('no applicant'), { code: 'APPLICANT_NOT_FOUND' });
      return a;
    },
  };
  const vaultKey = new Uint8Array(32).fill(7);
  const vault = new SqliteOtpSeedVault(store.db, vaultKey, clock);
  const otp = new SpyOtp(vault, { issuer: 'Agency', clock: () => now });
  const derived = new DerivedCredentialService(store.db, { now: clock, ttlMs: 3_600_000 });
  const service = new DeviceIssuanceService({ db: store.db, policies, applicants: directory, otp, derived, now: clock, cardCheck: { now: clock } });
  let version = 1;
  const permit = (types: Partial<typeof DEFAULT_DEVICE_ISSUANCE.permittedDeviceTypes>) => {
    const current = policies.get(DEFAULT_POLICY_NAME);
    policies.save(manager, { name: DEFAULT_POLICY_NAME, baseVersion: current.version, deviceIssuance: { ...structuredClone(current.deviceIssuance), permittedDeviceTypes: { ...current.deviceIssuance.permittedDeviceTypes, ...types } } });
    version++;
  };
  return {
    dir,
    store,
    policies,
    applicants,
    vault,
    vaultKey,
    otp,
    derived,
    service,
    permit,
    advance: (ms: number) => (now += ms),
    now: () => now,
    close: () => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
    version: () => version,
  };
}
