import type { AuthenticatorInfo } from './get-info';
import type { FidoHidDeviceInfo } from './hid-port';

/**
 * What the station records about an issued FIDO key. The attestation certificate subject comes from the
 * x5c certificate of a makeCredential ("packed") attestation; getInfo carries no certificate. Sources:
 * 'makeCredential' (subject read and the signature checked), 'no-certificate' (the key answered with
 * self or none attestation), 'unavailable' (not attempted, or the key cannot make an ES256 credential).
 */
export interface FidoKeyRecord {
  aaguid: string;
  attestationSubject: string | null;
  attestationSource: 'makeCredential' | 'no-certificate' | 'unavailable';
  attestationFormat: string | null;
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
  attestation?: { format: string; subject: string | null },
): FidoKeyRecord {
  return {
    aaguid: info.aaguidText,
    attestationSubject: attestation?.subject ?? null,
    attestationSource: !attestation ? 'unavailable' : attestation.subject ? 'makeCredential' : 'no-certificate',
    attestationFormat: attestation?.format ?? null,
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
