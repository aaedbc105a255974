import { StationError } from '../common/errors';
import type { CborMap } from './cbor-codec';
import { GET_INFO } from './ctap2-constants';

/** authenticatorGetInfo, decoded into the fields the station uses (CTAP 2.1 §6.4). */
export interface AuthenticatorInfo {
  versions: string[];
  extensions: string[];
  /** 16 bytes, as lowercase hex with dashes (UUID form) in `aaguidText`. */
  aaguid: Uint8Array;
  aaguidText: string;
  options: Record<string, boolean>;
  maxMsgSize?: number;
  pinUvAuthProtocols: number[];
  transports: string[];
  forcePinChange: boolean;
  minPinLength?: number;
  firmwareVersion?: number;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function formatAaguid(aaguid: Uint8Array): string {
  const h = Buffer.from(aaguid).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function parseGetInfo(map: CborMap): AuthenticatorInfo {
  const aaguid = map.get(GET_INFO.AAGUID);
  if (!(aaguid instanceof Uint8Array) || aaguid.length !== 16) {
    throw new StationError('FIDO_BAD_RESPONSE', 'The security key’s getInfo answer has no valid AAGUID.');
  }
  const versions = strings(map.get(GET_INFO.VERSIONS));
  if (versions.length === 0) throw new StationError('FIDO_BAD_RESPONSE', 'The security key’s getInfo answer lists no versions.');
  const options: Record<string, boolean> = {};
  const rawOptions = map.get(GET_INFO.OPTIONS);
  if (rawOptions instanceof Map) {
    for (const [k, v] of rawOptions) if (typeof k === 'string' && typeof v === 'boolean') options[k] = v;
  }
  const int = (key: number): number | undefined => {
    const v = map.get(key);
    return typeof v === 'number' ? v : undefined;
  };
  const protocols = map.get(GET_INFO.PIN_UV_AUTH_PROTOCOLS);
  const info: AuthenticatorInfo = {
    versions,
    extensions: strings(map.get(GET_INFO.EXTENSIONS)),
    aaguid: new Uint8Array(aaguid),
    aaguidText: formatAaguid(aaguid),
    options,
    pinUvAuthProtocols: Array.isArray(protocols) ? protocols.filter((x): x is number => typeof x === 'number') : [],
    transports: strings(map.get(GET_INFO.TRANSPORTS)),
    forcePinChange: map.get(GET_INFO.FORCE_PIN_CHANGE) === true,
  };
  const maxMsgSize = int(GET_INFO.MAX_MSG_SIZE);
  if (maxMsgSize !== undefined) info.maxMsgSize = maxMsgSize;
  const minPinLength = int(GET_INFO.MIN_PIN_LENGTH);
  if (minPinLength !== undefined) info.minPinLength = minPinLength;
  const firmwareVersion = int(GET_INFO.FIRMWARE_VERSION);
  if (firmwareVersion !== undefined) info.firmwareVersion = firmwareVersion;
  return info;
}
