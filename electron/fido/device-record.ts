import type { AuthenticatorInfo } from './get-info';
import type { FidoHidDeviceInfo } from './hid-port';

/**
 * What the station records about an issued FIDO key. The attestation certificate subject comes from a
 * makeCredential attestation when one was made; getInfo carries no certificate, so without it the
 * subject is null and `attestationSource` says so.
 */
export interface FidoKeyRecord {
  aaguid: string;
  attestationSubject: string | null;
  attestationSource: 'makeCredential' | 'unavailable';
  /** USB serial string from the HID descriptor; CTAP itself exposes no serial. */
  serial: string | null;
  vendorId: number;
  productId: number;
  product: string | null;
  versions: string[];
  options: Record<string, boolean>;
  pinUvAuthProtocols: number[];
  firmwareVersion: number | null;
  minPinLength: number | null;
  forcePinChange: boolean;
}

export function buildKeyRecord(
  info: AuthenticatorInfo,
  device: FidoHidDeviceInfo,
  attestation?: { subject: string },
): FidoKeyRecord {
  return {
    aaguid: info.aaguidText,
    attestationSubject: attestation?.subject ?? null,
    attestationSource: attestation ? 'makeCredential' : 'unavailable',
    serial: device.serialNumber ?? null,
    vendorId: device.vendorId,
    productId: device.productId,
    product: device.product ?? null,
    versions: [...info.versions],
    options: { ...info.options },
    pinUvAuthProtocols: [...info.pinUvAuthProtocols],
    firmwareVersion: info.firmwareVersion ?? null,
    minPinLength: info.minPinLength ?? null,
    forcePinChange: info.forcePinChange,
  };
}
