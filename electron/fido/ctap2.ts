import { StationError, InvalidInputError } from '../common/errors';
import { asMap, decodeCbor, encodeCbor, getBytes, getInt, type CborMap, type CborValue } from './cbor-codec';
import { CTAPHID } from './ctaphid';
import type { CtapHidConnection, TransactOptions } from './ctaphid-transport';
import {
  CLIENT_PIN_PARAM as P,
  CLIENT_PIN_RESP as R,
  CLIENT_PIN_SUB as SUB,
  CONFIG_PARAM,
  CONFIG_SUB,
  CTAP2_CMD,
  CTAP2_STATUS,
  PERMISSION,
  PIN_MAX_BYTES,
  PIN_MIN_CODE_POINTS,
  SET_MIN_PIN_LENGTH_PARAM,
} from './ctap2-constants';
import { ctapErrorFor } from './ctap2-errors';
import { parseGetInfo, type AuthenticatorInfo } from './get-info';
import { KeyAgreementKey, padPin, pinHash, pinProtocol, type PinProtocolVersion, type PinUvAuthProtocol } from './pin-protocol';

/** Anything that carries CTAPHID_CBOR: the HID connection, or a fake in tests. */
export interface CborTransport {
  transact(cmd: number, payload: Uint8Array, options?: TransactOptions): Promise<Uint8Array>;
}

interface SharedSecret {
  protocol: PinUvAuthProtocol;
  keyAgreement: CborMap;
  secret: Uint8Array;
}

/** PINs are normalized to NFC (CTAP 2.1 §6.5.1) and checked against the spec limits before use. */
export function encodePin(pin: string, minCodePoints = PIN_MIN_CODE_POINTS): Uint8Array {
  const normalized = pin.normalize('NFC');
  const codePoints = [...normalized].length;
  const bytes = new TextEncoder().encode(normalized);
  if (codePoints < minCodePoints) {
    throw new InvalidInputError('FIDO_PIN_TOO_SHORT', `The PIN must have at least ${minCodePoints} characters.`, { minLength: minCodePoints });
  }
  if (bytes.length > PIN_MAX_BYTES) {
    throw new InvalidInputError('FIDO_PIN_TOO_LONG', `The PIN must be at most ${PIN_MAX_BYTES} bytes long.`);
  }
  return bytes;
}

/**
 * CTAP2 client over CTAPHID_CBOR: one method per authenticator operation the station needs.
 * A PIN never leaves this object except encrypted under the ECDH shared secret.
 */
export class Ctap2Client {
  private info: AuthenticatorInfo | undefined;

  constructor(
    private readonly transport: CborTransport | CtapHidConnection,
    private readonly options: { preferredProtocol?: PinProtocolVersion } = {},
  ) {}

  /** Sends one command; returns the decoded response map (or undefined for an empty success). */
  async call(command: number, params?: CborMap, options?: TransactOptions): Promise<CborMap | undefined> {
    const body = params === undefined ? new Uint8Array(0) : encodeCbor(params);
    const request = new Uint8Array(1 + body.length);
    request[0] = command;
    request.set(body, 1);
    const response = await this.transport.transact(CTAPHID.CBOR, request, options);
    if (response.length === 0) throw new StationError('FIDO_BAD_RESPONSE', 'The security key sent an empty CTAP2 response.');
    const status = response[0];
    if (status !== CTAP2_STATUS.CTAP2_OK) {
      const retriesLeft = status === CTAP2_STATUS.CTAP2_ERR_PIN_INVALID ? await this.getPinRetries().then((r) => r.retries, () => undefined) : undefined;
      throw ctapErrorFor(status, command, { retriesLeft });
    }
    if (response.length === 1) return undefined;
    return asMap(decodeCbor(response.subarray(1)), 'the CTAP2 response');
  }

  async getInfo(): Promise<AuthenticatorInfo> {
    const map = await this.call(CTAP2_CMD.GET_INFO);
    this.info = parseGetInfo(asMap(map, 'authenticatorGetInfo'));
    return this.info;
  }

  /** Erases every credential and the PIN. Valid only within 10 s of power-up and needs a touch. */
  async reset(options?: TransactOptions): Promise<void> {
    await this.call(CTAP2_CMD.RESET, undefined, options);
  }

  private async protocol(): Promise<PinUvAuthProtocol> {
    const info = this.info ?? (await this.getInfo());
    const supported = info.pinUvAuthProtocols;
    const preferred = this.options.preferredProtocol;
    if (preferred !== undefined) {
      if (!supported.includes(preferred)) {
        throw new StationError('FIDO_UNSUPPORTED', `The key does not support PIN/UV auth protocol ${preferred}.`, { supported });
      }
      return pinProtocol(preferred);
    }
    // The key lists protocols in its order of preference (§6.4); take the first one we know.
    const first = supported.find((v) => v === 1 || v === 2);
    if (first === undefined) throw new StationError('FIDO_UNSUPPORTED', 'The key supports no PIN protocol the station knows (1 or 2).', { supported });
    return pinProtocol(first);
  }

  private pinParams(protocol: PinUvAuthProtocol, sub: number, extra: [number, CborValue][] = []): CborMap {
    return new Map<number, CborValue>([[P.PIN_UV_AUTH_PROTOCOL, protocol.version], [P.SUB_COMMAND, sub], ...extra]);
  }

  async getPinRetries(): Promise<{ retries: number; powerCycleState?: boolean }> {
    const protocol = await this.protocol();
    const map = asMap(await this.call(CTAP2_CMD.CLIENT_PIN, this.pinParams(protocol, SUB.GET_PIN_RETRIES)), 'getPINRetries');
    const pcs = map.get(R.POWER_CYCLE_STATE);
    return { retries: getInt(map, R.PIN_RETRIES, 'pinRetries'), ...(typeof pcs === 'boolean' ? { powerCycleState: pcs } : {}) };
  }

  /** getKeyAgreement, then ECDH and the protocol's KDF (§6.5.5.4, "encapsulate"). */
  async sharedSecret(ownKey = new KeyAgreementKey()): Promise<SharedSecret> {
    const protocol = await this.protocol();
    const map = asMap(await this.call(CTAP2_CMD.CLIENT_PIN, this.pinParams(protocol, SUB.GET_KEY_AGREEMENT)), 'getKeyAgreement');
    const peer = asMap(map.get(R.KEY_AGREEMENT), 'the key agreement key');
    const z = ownKey.sharedPoint(peer);
    const secret = protocol.kdf(z);
    z.fill(0);
    return { protocol, keyAgreement: ownKey.coseKey(), secret };
  }

  async setPin(pin: string): Promise<void> {
    const info = this.info ?? (await this.getInfo());
    const pinBytes = encodePin(pin, Math.max(PIN_MIN_CODE_POINTS, info.minPinLength ?? 0));
    const { protocol, keyAgreement, secret } = await this.sharedSecret();
    const padded = padPin(pinBytes);
    const newPinEnc = protocol.encrypt(secret, padded);
    padded.fill(0);
    pinBytes.fill(0);
    const auth = protocol.authenticate(secret, newPinEnc);
    secret.fill(0);
    await this.call(
      CTAP2_CMD.CLIENT_PIN,
      this.pinParams(protocol, SUB.SET_PIN, [[P.KEY_AGREEMENT, keyAgreement], [P.PIN_UV_AUTH_PARAM, auth], [P.NEW_PIN_ENC, newPinEnc]]),
    );
  }

  async changePin(currentPin: string, newPin: string): Promise<void> {
    const info = this.info ?? (await this.getInfo());
    const current = encodePin(currentPin, 1);
    const next = encodePin(newPin, Math.max(PIN_MIN_CODE_POINTS, info.minPinLength ?? 0));
    const { protocol, keyAgreement, secret } = await this.sharedSecret();
    const hash = pinHash(current);
    const pinHashEnc = protocol.encrypt(secret, hash);
    const padded = padPin(next);
    const newPinEnc = protocol.encrypt(secret, padded);
    [hash, padded, current, next].forEach((b) => b.fill(0));
    const message = new Uint8Array(newPinEnc.length + pinHashEnc.length);
    message.set(newPinEnc);
    message.set(pinHashEnc, newPinEnc.length);
    const auth = protocol.authenticate(secret, message);
    secret.fill(0);
    await this.call(
      CTAP2_CMD.CLIENT_PIN,
      this.pinParams(protocol, SUB.CHANGE_PIN, [
        [P.KEY_AGREEMENT, keyAgreement],
        [P.PIN_UV_AUTH_PARAM, auth],
        [P.NEW_PIN_ENC, newPinEnc],
        [P.PIN_HASH_ENC, pinHashEnc],
      ]),
    );
    this.info = undefined; // forcePINChange and friends changed
  }

  /**
   * A pinUvAuthToken for `permissions`: getPinUvAuthTokenUsingPinWithPermissions when the key says it
   * supports it (option "pinUvAuthToken"), else the CTAP 2.0 getPinToken (which grants everything).
   */
  async getPinToken(pin: string, permissions: number, rpId?: string): Promise<{ protocol: PinUvAuthProtocol; token: Uint8Array }> {
    const info = this.info ?? (await this.getInfo());
    const pinBytes = encodePin(pin, 1);
    const { protocol, keyAgreement, secret } = await this.sharedSecret();
    const hash = pinHash(pinBytes);
    pinBytes.fill(0);
    const pinHashEnc = protocol.encrypt(secret, hash);
    hash.fill(0);
    const withPermissions = info.options.pinUvAuthToken === true;
    const extra: [number, CborValue][] = [[P.KEY_AGREEMENT, keyAgreement], [P.PIN_HASH_ENC, pinHashEnc]];
    if (withPermissions) {
      extra.push([P.PERMISSIONS, permissions]);
      if (rpId !== undefined) extra.push([P.RP_ID, rpId]);
    }
    const sub = withPermissions ? SUB.GET_PIN_UV_AUTH_TOKEN_USING_PIN_WITH_PERMISSIONS : SUB.GET_PIN_TOKEN;
    const map = asMap(await this.call(CTAP2_CMD.CLIENT_PIN, this.pinParams(protocol, sub, extra)), 'the PIN token response');
    const token = protocol.decrypt(secret, getBytes(map, R.PIN_UV_AUTH_TOKEN, 'pinUvAuthToken'));
    secret.fill(0);
    return { protocol, token };
  }

  /**
   * authenticatorConfig setMinPINLength (§6.11.4). Needs a PIN token with the acfg permission when a
   * PIN is set. `forceChangePin` makes the key refuse its PIN until it is changed.
   */
  async setMinPinLength(options: { pin?: string; minPinLength?: number; forceChangePin?: boolean }): Promise<void> {
    const info = this.info ?? (await this.getInfo());
    if (!info.options.setMinPINLength || !info.options.authnrCfg) {
      throw new StationError('FIDO_UNSUPPORTED', 'This key does not support setting a minimum PIN length (authenticatorConfig).');
    }
    const subParams = new Map<number, CborValue>();
    if (options.minPinLength !== undefined) subParams.set(SET_MIN_PIN_LENGTH_PARAM.NEW_MIN_PIN_LENGTH, options.minPinLength);
    if (options.forceChangePin) subParams.set(SET_MIN_PIN_LENGTH_PARAM.FORCE_CHANGE_PIN, true);
    const params = new Map<number, CborValue>([[CONFIG_PARAM.SUB_COMMAND, CONFIG_SUB.SET_MIN_PIN_LENGTH]]);
    if (subParams.size > 0) params.set(CONFIG_PARAM.SUB_COMMAND_PARAMS, subParams);
    if (options.pin !== undefined) {
      const { protocol, token } = await this.getPinToken(options.pin, PERMISSION.AUTHENTICATOR_CONFIG);
      const message = configAuthMessage(CONFIG_SUB.SET_MIN_PIN_LENGTH, subParams.size > 0 ? encodeCbor(subParams) : new Uint8Array(0));
      params.set(CONFIG_PARAM.PIN_UV_AUTH_PROTOCOL, protocol.version);
      params.set(CONFIG_PARAM.PIN_UV_AUTH_PARAM, protocol.authenticate(token, message));
      token.fill(0);
    }
    await this.call(CTAP2_CMD.CONFIG, params);
    this.info = undefined;
  }
}

/** 32×0xff || 0x0d || uint8(subCommand) || subCommandParams (§6.11, "authenticate(...)"). */
export function configAuthMessage(subCommand: number, subParamsCbor: Uint8Array): Uint8Array {
  const out = new Uint8Array(32 + 2 + subParamsCbor.length);
  out.fill(0xff, 0, 32);
  out[32] = CTAP2_CMD.CONFIG;
  out[33] = subCommand;
  out.set(subParamsCbor, 34);
  return out;
}
