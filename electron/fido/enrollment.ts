import { InvalidInputError, StationError } from '../common/errors';
import { Ctap2Client, encodePin } from './ctap2';
import { FidoError, ResetNotAllowedError } from './ctap2-errors';
import { CTAP2_STATUS } from './ctap2-constants';
import { readAttestation, type AttestationResult } from './attestation';
import { CtapHidConnection } from './ctaphid-transport';
import { buildKeyRecord, type FidoKeyRecord } from './device-record';
import type { FidoHidDeviceInfo, HidReportDevice } from './hid-port';
import type { PinProtocolVersion } from './pin-protocol';

/**
 * Enrolls one FIDO key for an applicant: reset (coaching the operator through the 10-second window
 * after plug-in), set the applicant's PIN, optionally raise the minimum PIN length and force a change
 * at first use, and return the record. Persistence and the audit entry belong to the caller.
 */

export type CoachingState =
  | { step: 'connecting' }
  /** Ask the operator to unplug and replug the key, then continue within 10 seconds. */
  | { step: 'replug'; attempt: number }
  | { step: 'touch-to-reset' }
  | { step: 'reset-done' }
  | { step: 'setting-pin' }
  /** The key blinks for a touch so the station can read its attestation certificate. */
  | { step: 'touch-to-attest' }
  | { step: 'setting-pin-policy' }
  /** The key cannot store a PIN policy (no authenticatorConfig): enrollment goes on without it. */
  | { step: 'pin-policy-unsupported' }
  | { step: 'recording' }
  | { step: 'done' };

/** How the use case reaches the key; the main process backs it with node-hid and hot-plug events. */
export interface FidoKeyAccess {
  open(): Promise<{ device: HidReportDevice; info: FidoHidDeviceInfo }>;
  /** Resolves once the operator has unplugged and replugged the key (hot-plug, or a button in training). */
  waitForReplug(signal?: AbortSignal): Promise<void>;
}

export interface EnrollmentRequest {
  pin: string;
  /** Erase the key first (default true): a key is issued clean. */
  reset?: boolean;
  minPinLength?: number;
  forcePinChange?: boolean;
  preferredProtocol?: PinProtocolVersion;
  /** Read the attestation certificate with a throwaway credential (one more touch; default true). */
  attest?: boolean;
  signal?: AbortSignal;
}

export interface EnrollmentResult {
  record: FidoKeyRecord;
  pinPolicyApplied: boolean;
}

export class FidoEnrollment {
  constructor(
    private readonly access: FidoKeyAccess,
    private readonly coach: (state: CoachingState) => void = () => {},
    private readonly options: { maxReplugAttempts?: number } = {},
  ) {}

  async run(request: EnrollmentRequest): Promise<EnrollmentResult> {
    const pinBytes = encodePin(request.pin); // spec limits first, before touching the key
    const pinLength = [...request.pin.normalize('NFC')].length;
    pinBytes.fill(0);
    if (request.minPinLength !== undefined) {
      if (!Number.isInteger(request.minPinLength) || request.minPinLength < 4 || request.minPinLength > 63) {
        throw new InvalidInputError('FIDO_MIN_PIN_LENGTH', 'The minimum PIN length must be a whole number from 4 to 63.');
      }
      if (pinLength < request.minPinLength) {
        throw new InvalidInputError('FIDO_PIN_TOO_SHORT', `The PIN must have at least ${request.minPinLength} characters.`, { minLength: request.minPinLength });
      }
    }

    this.coach({ step: 'connecting' });
    let { conn, info } = await this.connect();
    try {
      if (request.reset ?? true) ({ conn, info } = await this.reset(conn, info, request.signal));
      const client = new Ctap2Client(conn, request.preferredProtocol ? { preferredProtocol: request.preferredProtocol } : {});
      const before = await client.getInfo();
      if (before.options.clientPin === true) {
        throw new StationError('FIDO_PIN_ALREADY_SET', 'The key already has a PIN. Enroll it with a reset so it is issued clean.');
      }
      if (before.options.clientPin === undefined) {
        throw new StationError('FIDO_NO_PIN_SUPPORT', 'This key cannot hold a PIN, so policy does not allow issuing it. Use another key.');
      }
      this.coach({ step: 'setting-pin' });
      await client.setPin(request.pin);

      // Attest before any forced PIN change: a key that must change its PIN issues no token.
      let attestation: AttestationResult | undefined;
      if (request.attest ?? true) attestation = await this.attest(client, request, before.aaguid);

      let pinPolicyApplied = false;
      if (request.minPinLength !== undefined || request.forcePinChange) {
        const current = await client.getInfo();
        if (current.options.setMinPINLength && current.options.authnrCfg) {
          this.coach({ step: 'setting-pin-policy' });
          await client.setMinPinLength({
            pin: request.pin,
            ...(request.minPinLength !== undefined ? { minPinLength: request.minPinLength } : {}),
            ...(request.forcePinChange ? { forceChangePin: true } : {}),
          });
          pinPolicyApplied = true;
        } else {
          this.coach({ step: 'pin-policy-unsupported' });
        }
      }
      this.coach({ step: 'recording' });
      const record = buildKeyRecord(await client.getInfo(), info, attestation);
      this.coach({ step: 'done' });
      return { record, pinPolicyApplied };
    } finally {
      await conn.close().catch(() => undefined);
    }
  }

  private async attest(client: Ctap2Client, request: EnrollmentRequest, aaguid: Uint8Array): Promise<AttestationResult | undefined> {
    let asked = false;
    try {
      return await readAttestation(client, request.pin, aaguid, {
        ...(request.signal ? { signal: request.signal } : {}),
        onKeepalive: (status) => {
          if (status === 'user-presence-needed' && !asked) {
            asked = true;
            this.coach({ step: 'touch-to-attest' });
          }
        },
      });
    } catch (e) {
      // A key that cannot make an ES256 credential is still issuable; the record says "unavailable".
      if (e instanceof FidoError && (e.code === 'FIDO_UNSUPPORTED' || e.status === CTAP2_STATUS.CTAP2_ERR_UNSUPPORTED_ALGORITHM)) return undefined;
      throw e;
    }
  }

  private async connect(): Promise<{ conn: CtapHidConnection; info: FidoHidDeviceInfo }> {
    const { device, info } = await this.access.open();
    try {
      return { conn: await CtapHidConnection.open(device), info };
    } catch (e) {
      await device.close().catch(() => undefined);
      throw e;
    }
  }

  /** Tries the reset; outside the power-up window, coaches a replug and tries again. */
  private async reset(
    conn: CtapHidConnection,
    info: FidoHidDeviceInfo,
    signal: AbortSignal | undefined,
  ): Promise<{ conn: CtapHidConnection; info: FidoHidDeviceInfo }> {
    const maxAttempts = this.options.maxReplugAttempts ?? 3;
    for (let attempt = 0; ; attempt++) {
      try {
        let asked = false;
        await new Ctap2Client(conn).reset({
          ...(signal ? { signal } : {}),
          onKeepalive: (status) => {
            if (status === 'user-presence-needed' && !asked) {
              asked = true;
              this.coach({ step: 'touch-to-reset' });
            }
          },
        });
        this.coach({ step: 'reset-done' });
        return { conn, info };
      } catch (e) {
        if (!(e instanceof ResetNotAllowedError) || attempt >= maxAttempts) throw e;
      }
      this.coach({ step: 'replug', attempt: attempt + 1 });
      await conn.close().catch(() => undefined);
      await this.access.waitForReplug(signal);
      ({ conn, info } = await this.connect());
    }
  }
}
