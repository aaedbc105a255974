import { randomBytes } from 'node:crypto';
import { decodeCbor, encodeCbor, type CborMap, type CborValue } from '../../fido/cbor-codec';
import { configAuthMessage } from '../../fido/ctap2';
import {
  CLIENT_PIN_PARAM as P,
  CLIENT_PIN_RESP as R,
  CLIENT_PIN_SUB as SUB,
  CONFIG_PARAM,
  CONFIG_SUB,
  CTAP2_CMD,
  CTAP2_STATUS as S,
  COSE_ALG_ES256,
  GET_INFO,
  MAKE_CREDENTIAL_PARAM as MC,
  MAKE_CREDENTIAL_RESP,
  PADDED_PIN_LENGTH,
  PERMISSION,
  PIN_MAX_BYTES,
  PIN_MIN_CODE_POINTS,
  PIN_MISMATCHES_BEFORE_POWER_CYCLE,
  PIN_RETRIES_MAX,
  RESET_WINDOW_MS,
  SET_MIN_PIN_LENGTH_PARAM,
} from '../../fido/ctap2-constants';
import { KeyAgreementKey, pinHash, pinProtocol, type PinUvAuthProtocol } from '../../fido/pin-protocol';
import { VirtualAttestation } from './virtual-attestation';

/**
 * A virtual CTAP 2.1 authenticator: getInfo, clientPIN (protocols one and two), reset with the
 * 10-second power-up window, and authenticatorConfig setMinPINLength/forcePINChange. It speaks raw
 * CTAP2 (command byte + CBOR in, status byte + CBOR out); VirtualFidoHidDevice puts it on the HID seam.
 * For tests and operator training only: the PIN lives in memory as the spec's 16-byte hash.
 */

export type TouchOutcome = 'touched' | 'timeout' | 'cancelled';

/** How a command that needs user presence asks for it (the HID layer sends keepalives meanwhile). */
export interface PresenceContext {
  waitForTouch(): Promise<TouchOutcome>;
}

export interface VirtualAuthenticatorOptions {
  aaguid?: Uint8Array;
  /** Protocols in preference order, as getInfo lists them. */
  pinUvAuthProtocols?: (1 | 2)[];
  /** authenticatorConfig with setMinPINLength (a CTAP 2.1 key); false behaves like a 2.0 key. */
  supportsConfig?: boolean;
  /** Milliseconds clock; tests move it to open and close the reset window. */
  clock?: () => number;
  firmwareVersion?: number;
}

class CtapStatus extends Error {
  constructor(readonly status: number) {
    super(`CTAP status 0x${status.toString(16)}`);
  }
}

const fail = (status: number): never => {
  throw new CtapStatus(status);
};

const DEFAULT_AAGUID = Uint8Array.from(Buffer.from('5354a710f1d04b1e9a3e7a1e55d0c0de', 'hex'));

export class VirtualAuthenticator {
  readonly aaguid: Uint8Array;
  private readonly protocols: (1 | 2)[];
  private readonly supportsConfig: boolean;
  private readonly clock: () => number;
  private readonly firmwareVersion: number;

  private storedPinHash: Uint8Array | undefined;
  private pinCodePoints = 0;
  private retries = PIN_RETRIES_MAX;
  private mismatchesSincePowerUp = 0;
  private minPinLength = PIN_MIN_CODE_POINTS;
  private forcePinChange = false;
  private poweredAt: number;
  private keyAgreement = new KeyAgreementKey();
  private token: { value: Uint8Array; permissions: number } | undefined;
  private readonly attestation: VirtualAttestation;

  constructor(options: VirtualAuthenticatorOptions = {}) {
    this.aaguid = options.aaguid ?? DEFAULT_AAGUID;
    this.protocols = options.pinUvAuthProtocols ?? [2, 1];
    this.supportsConfig = options.supportsConfig ?? true;
    this.clock = options.clock ?? Date.now;
    this.firmwareVersion = options.firmwareVersion ?? 0x0100;
    this.poweredAt = this.clock();
    this.attestation = new VirtualAttestation(this.aaguid);
  }

  /** Unplug and replug: opens the reset window, forgets tokens and the mismatch streak. */
  powerCycle(): void {
    this.poweredAt = this.clock();
    this.keyAgreement = new KeyAgreementKey();
    this.token = undefined;
    this.mismatchesSincePowerUp = 0;
  }

  /** Test/training inspection; never exposes the PIN itself. */
  get state(): { pinSet: boolean; retries: number; minPinLength: number; forcePinChange: boolean } {
    return { pinSet: this.storedPinHash !== undefined, retries: this.retries, minPinLength: this.minPinLength, forcePinChange: this.forcePinChange };
  }

  /** One CTAP2 request (command byte + CBOR) → response (status byte + CBOR). */
  async handle(request: Uint8Array, presence: PresenceContext): Promise<Uint8Array> {
    try {
      if (request.length === 0) fail(S.CTAP1_ERR_INVALID_LENGTH);
      const command = request[0];
      let params: CborMap = new Map();
      if (request.length > 1) {
        let decoded: CborValue;
        try {
          decoded = decodeCbor(request.subarray(1), { requireCanonical: true });
        } catch {
          return fail(S.CTAP2_ERR_INVALID_CBOR);
        }
        if (!(decoded instanceof Map)) fail(S.CTAP2_ERR_CBOR_UNEXPECTED_TYPE);
        params = decoded as CborMap;
      }
      const result = await this.dispatch(command, params, presence);
      const body = result === undefined ? new Uint8Array(0) : encodeCbor(result);
      const out = new Uint8Array(1 + body.length);
      out[0] = S.CTAP2_OK;
      out.set(body, 1);
      return out;
    } catch (e) {
      if (e instanceof CtapStatus) return Uint8Array.of(e.status);
      return Uint8Array.of(S.CTAP1_ERR_OTHER);
    }
  }

  private async dispatch(command: number, params: CborMap, presence: PresenceContext): Promise<CborMap | undefined> {
    switch (command) {
      case CTAP2_CMD.GET_INFO:
        return this.getInfo();
      case CTAP2_CMD.CLIENT_PIN:
        return this.clientPin(params);
      case CTAP2_CMD.RESET:
        return this.reset(presence);
      case CTAP2_CMD.MAKE_CREDENTIAL:
        return this.makeCredential(params, presence);
      case CTAP2_CMD.CONFIG:
        if (!this.supportsConfig) return fail(S.CTAP1_ERR_INVALID_COMMAND);
        return this.config(params);
      default:
        return fail(S.CTAP1_ERR_INVALID_COMMAND);
    }
  }

  private getInfo(): CborMap {
    const options: Record<string, boolean> = {
      rk: false,
      up: true,
      plat: false,
      clientPin: this.storedPinHash !== undefined,
      pinUvAuthToken: true,
    };
    if (this.supportsConfig) Object.assign(options, { authnrCfg: true, setMinPINLength: true });
    return new Map<number, CborValue>([
      [GET_INFO.VERSIONS, this.supportsConfig ? ['FIDO_2_0', 'FIDO_2_1'] : ['FIDO_2_0']],
      [GET_INFO.EXTENSIONS, []],
      [GET_INFO.AAGUID, this.aaguid],
      [GET_INFO.OPTIONS, options],
      [GET_INFO.MAX_MSG_SIZE, 1200],
      [GET_INFO.PIN_UV_AUTH_PROTOCOLS, this.protocols],
      [GET_INFO.TRANSPORTS, ['usb']],
      [GET_INFO.FORCE_PIN_CHANGE, this.forcePinChange],
      [GET_INFO.MIN_PIN_LENGTH, this.minPinLength],
      [GET_INFO.FIRMWARE_VERSION, this.firmwareVersion],
    ]);
  }

  private async reset(presence: PresenceContext): Promise<undefined> {
    if (this.clock() - this.poweredAt > RESET_WINDOW_MS) fail(S.CTAP2_ERR_NOT_ALLOWED);
    const outcome = await presence.waitForTouch();
    if (outcome === 'cancelled') fail(S.CTAP2_ERR_KEEPALIVE_CANCEL);
    if (outcome === 'timeout') fail(S.CTAP2_ERR_USER_ACTION_TIMEOUT);
    this.storedPinHash = undefined;
    this.pinCodePoints = 0;
    this.retries = PIN_RETRIES_MAX;
    this.minPinLength = PIN_MIN_CODE_POINTS;
    this.forcePinChange = false;
    this.token = undefined;
    this.keyAgreement = new KeyAgreementKey();
    return undefined;
  }

  private protocolOf(params: CborMap, key: number): PinUvAuthProtocol {
    const v = params.get(key);
    if (v === undefined) fail(S.CTAP2_ERR_MISSING_PARAMETER);
    if (typeof v !== 'number' || !this.protocols.includes(v as 1 | 2)) fail(S.CTAP1_ERR_INVALID_PARAMETER);
    return pinProtocol(v as number);
  }

  private bytes(params: CborMap, key: number): Uint8Array {
    const v = params.get(key);
    if (v === undefined) fail(S.CTAP2_ERR_MISSING_PARAMETER);
    if (!(v instanceof Uint8Array)) fail(S.CTAP2_ERR_CBOR_UNEXPECTED_TYPE);
    return v as Uint8Array;
  }

  private sharedSecret(protocol: PinUvAuthProtocol, params: CborMap): Uint8Array {
    const peer = params.get(P.KEY_AGREEMENT);
    if (peer === undefined) fail(S.CTAP2_ERR_MISSING_PARAMETER);
    if (!(peer instanceof Map)) fail(S.CTAP2_ERR_CBOR_UNEXPECTED_TYPE);
    try {
      return protocol.kdf(this.keyAgreement.sharedPoint(peer as CborMap));
    } catch {
      return fail(S.CTAP1_ERR_INVALID_PARAMETER);
    }
  }

  private clientPin(params: CborMap): CborMap | undefined {
    const protocol = this.protocolOf(params, P.PIN_UV_AUTH_PROTOCOL);
    const sub = params.get(P.SUB_COMMAND);
    switch (sub) {
      case SUB.GET_PIN_RETRIES:
        return new Map<number, CborValue>([
          [R.PIN_RETRIES, this.retries],
          [R.POWER_CYCLE_STATE, this.mismatchesSincePowerUp >= PIN_MISMATCHES_BEFORE_POWER_CYCLE],
        ]);
      case SUB.GET_KEY_AGREEMENT:
        return new Map<number, CborValue>([[R.KEY_AGREEMENT, this.keyAgreement.coseKey()]]);
      case SUB.SET_PIN:
        return this.setPin(protocol, params);
      case SUB.CHANGE_PIN:
        return this.changePin(protocol, params);
      case SUB.GET_PIN_TOKEN:
        return this.pinToken(protocol, params, PERMISSION.MAKE_CREDENTIAL | PERMISSION.GET_ASSERTION);
      case SUB.GET_PIN_UV_AUTH_TOKEN_USING_PIN_WITH_PERMISSIONS: {
        const permissions = params.get(P.PERMISSIONS);
        if (permissions === undefined) fail(S.CTAP2_ERR_MISSING_PARAMETER);
        if (typeof permissions !== 'number' || permissions === 0) fail(S.CTAP1_ERR_INVALID_PARAMETER);
        return this.pinToken(protocol, params, permissions as number);
      }
      default:
        return fail(S.CTAP2_ERR_INVALID_SUBCOMMAND);
    }
  }

  /** Decrypts newPinEnc and applies the PIN policy (§6.5.5.5 steps on paddedNewPin). */
  private decryptNewPin(protocol: PinUvAuthProtocol, secret: Uint8Array, newPinEnc: Uint8Array): { hash: Uint8Array; codePoints: number } {
    const padded = protocol.decrypt(secret, newPinEnc);
    if (padded.length !== PADDED_PIN_LENGTH) fail(S.CTAP1_ERR_INVALID_PARAMETER);
    const end = padded.indexOf(0);
    const pin = padded.subarray(0, end < 0 ? padded.length : end);
    if (pin.length > PIN_MAX_BYTES) fail(S.CTAP2_ERR_PIN_POLICY_VIOLATION);
    const codePoints = [...new TextDecoder().decode(pin)].length;
    if (codePoints < this.minPinLength) fail(S.CTAP2_ERR_PIN_POLICY_VIOLATION);
    const hash = pinHash(pin);
    padded.fill(0);
    return { hash, codePoints };
  }

  private setPin(protocol: PinUvAuthProtocol, params: CborMap): undefined {
    const param = this.bytes(params, P.PIN_UV_AUTH_PARAM);
    const newPinEnc = this.bytes(params, P.NEW_PIN_ENC);
    if (this.storedPinHash) fail(S.CTAP2_ERR_NOT_ALLOWED);
    const secret = this.sharedSecret(protocol, params);
    if (!protocol.verify(secret, newPinEnc, param)) fail(S.CTAP2_ERR_PIN_AUTH_INVALID);
    const { hash, codePoints } = this.decryptNewPin(protocol, secret, newPinEnc);
    this.storedPinHash = hash;
    this.pinCodePoints = codePoints;
    this.retries = PIN_RETRIES_MAX;
    return undefined;
  }

  /** Checks pinHashEnc against the stored hash, counting failures as §6.5.5.5 prescribes. */
  private verifyPinHash(protocol: PinUvAuthProtocol, secret: Uint8Array, pinHashEnc: Uint8Array): void {
    if (!this.storedPinHash) fail(S.CTAP2_ERR_PIN_NOT_SET);
    if (this.retries === 0) fail(S.CTAP2_ERR_PIN_BLOCKED);
    if (this.mismatchesSincePowerUp >= PIN_MISMATCHES_BEFORE_POWER_CYCLE) fail(S.CTAP2_ERR_PIN_AUTH_BLOCKED);
    this.retries--;
    let given: Uint8Array;
    try {
      given = protocol.decrypt(secret, pinHashEnc);
    } catch {
      return fail(S.CTAP1_ERR_INVALID_PARAMETER);
    }
    const stored = this.storedPinHash as Uint8Array;
    if (given.length !== stored.length || !given.every((b, i) => b === stored[i])) {
      this.keyAgreement = new KeyAgreementKey();
      this.mismatchesSincePowerUp++;
      if (this.retries === 0) fail(S.CTAP2_ERR_PIN_BLOCKED);
      if (this.mismatchesSincePowerUp >= PIN_MISMATCHES_BEFORE_POWER_CYCLE) fail(S.CTAP2_ERR_PIN_AUTH_BLOCKED);
      fail(S.CTAP2_ERR_PIN_INVALID);
    }
    this.retries = PIN_RETRIES_MAX;
    this.mismatchesSincePowerUp = 0;
  }

  private changePin(protocol: PinUvAuthProtocol, params: CborMap): undefined {
    const param = this.bytes(params, P.PIN_UV_AUTH_PARAM);
    const newPinEnc = this.bytes(params, P.NEW_PIN_ENC);
    const pinHashEnc = this.bytes(params, P.PIN_HASH_ENC);
    if (!this.storedPinHash) fail(S.CTAP2_ERR_PIN_NOT_SET);
    if (this.retries === 0) fail(S.CTAP2_ERR_PIN_BLOCKED);
    const secret = this.sharedSecret(protocol, params);
    const message = new Uint8Array(newPinEnc.length + pinHashEnc.length);
    message.set(newPinEnc);
    message.set(pinHashEnc, newPinEnc.length);
    if (!protocol.verify(secret, message, param)) fail(S.CTAP2_ERR_PIN_AUTH_INVALID);
    this.verifyPinHash(protocol, secret, pinHashEnc);
    const { hash, codePoints } = this.decryptNewPin(protocol, secret, newPinEnc);
    const old = this.storedPinHash as Uint8Array;
    if (this.forcePinChange && hash.every((b, i) => b === old[i])) fail(S.CTAP2_ERR_PIN_POLICY_VIOLATION);
    this.storedPinHash = hash;
    this.pinCodePoints = codePoints;
    this.forcePinChange = false;
    this.token = undefined;
    return undefined;
  }

  private pinToken(protocol: PinUvAuthProtocol, params: CborMap, permissions: number): CborMap {
    const pinHashEnc = this.bytes(params, P.PIN_HASH_ENC);
    if (!this.storedPinHash) fail(S.CTAP2_ERR_PIN_NOT_SET);
    const secret = this.sharedSecret(protocol, params);
    this.verifyPinHash(protocol, secret, pinHashEnc);
    if (this.forcePinChange) fail(S.CTAP2_ERR_PIN_POLICY_VIOLATION);
    // A new token for every request: earlier tokens stop working (§6.5.5.7 resetPinUvAuthToken).
    this.token = { value: new Uint8Array(randomBytes(protocol.tokenLength)), permissions };
    return new Map<number, CborValue>([[R.PIN_UV_AUTH_TOKEN, protocol.encrypt(secret, this.token.value)]]);
  }

  /** ES256, non-discoverable, packed attestation: enough for the station to read the certificate. */
  private async makeCredential(params: CborMap, presence: PresenceContext): Promise<CborMap> {
    const clientDataHash = this.bytes(params, MC.CLIENT_DATA_HASH);
    const rp = params.get(MC.RP);
    const user = params.get(MC.USER);
    const algs = params.get(MC.PUB_KEY_CRED_PARAMS);
    if (!(rp instanceof Map) || !(user instanceof Map) || !Array.isArray(algs)) return fail(S.CTAP2_ERR_MISSING_PARAMETER);
    const rpId = rp.get('id');
    if (typeof rpId !== 'string') return fail(S.CTAP2_ERR_MISSING_PARAMETER);
    if (!algs.some((a) => a instanceof Map && a.get('alg') === COSE_ALG_ES256 && a.get('type') === 'public-key')) {
      return fail(S.CTAP2_ERR_UNSUPPORTED_ALGORITHM);
    }
    const authParam = params.get(MC.PIN_UV_AUTH_PARAM);
    let verified = false;
    if (authParam === undefined) {
      if (this.storedPinHash) fail(S.CTAP2_ERR_PUAT_REQUIRED);
    } else {
      const protocol = this.protocolOf(params, MC.PIN_UV_AUTH_PROTOCOL);
      if (!(authParam instanceof Uint8Array) || !this.token || !protocol.verify(this.token.value, clientDataHash, authParam)) fail(S.CTAP2_ERR_PIN_AUTH_INVALID);
      if (!((this.token as { permissions: number }).permissions & PERMISSION.MAKE_CREDENTIAL)) fail(S.CTAP2_ERR_UNAUTHORIZED_PERMISSION);
      verified = true;
    }
    const outcome = await presence.waitForTouch();
    if (outcome === 'cancelled') fail(S.CTAP2_ERR_KEEPALIVE_CANCEL);
    if (outcome === 'timeout') fail(S.CTAP2_ERR_USER_ACTION_TIMEOUT);
    const { authData, sig, x5c } = await this.attestation.attest(rpId, clientDataHash, verified);
    return new Map<number, CborValue>([
      [MAKE_CREDENTIAL_RESP.FMT, 'packed'],
      [MAKE_CREDENTIAL_RESP.AUTH_DATA, authData],
      [MAKE_CREDENTIAL_RESP.ATT_STMT, new Map<string, CborValue>([['alg', COSE_ALG_ES256], ['sig', sig], ['x5c', x5c]])],
    ]);
  }

  private config(params: CborMap): undefined {
    const sub = params.get(CONFIG_PARAM.SUB_COMMAND);
    if (sub === undefined) fail(S.CTAP2_ERR_MISSING_PARAMETER);
    if (sub !== CONFIG_SUB.SET_MIN_PIN_LENGTH) fail(S.CTAP2_ERR_INVALID_SUBCOMMAND);
    const subParamsValue = params.get(CONFIG_PARAM.SUB_COMMAND_PARAMS);
    const subParams = subParamsValue instanceof Map ? (subParamsValue as CborMap) : new Map<number | string, CborValue>();
    const authParam = params.get(CONFIG_PARAM.PIN_UV_AUTH_PARAM);
    if (authParam === undefined) {
      if (this.storedPinHash) fail(S.CTAP2_ERR_PUAT_REQUIRED);
    } else {
      const protocol = this.protocolOf(params, CONFIG_PARAM.PIN_UV_AUTH_PROTOCOL);
      if (!(authParam instanceof Uint8Array)) fail(S.CTAP2_ERR_CBOR_UNEXPECTED_TYPE);
      const message = configAuthMessage(sub as number, subParamsValue === undefined ? new Uint8Array(0) : encodeCbor(subParams));
      if (!this.token || !protocol.verify(this.token.value, message, authParam as Uint8Array)) fail(S.CTAP2_ERR_PIN_AUTH_INVALID);
      if (!((this.token as { permissions: number }).permissions & PERMISSION.AUTHENTICATOR_CONFIG)) fail(S.CTAP2_ERR_UNAUTHORIZED_PERMISSION);
    }
    const newMin = subParams.get(SET_MIN_PIN_LENGTH_PARAM.NEW_MIN_PIN_LENGTH);
    const force = subParams.get(SET_MIN_PIN_LENGTH_PARAM.FORCE_CHANGE_PIN) === true;
    if (newMin !== undefined) {
      if (typeof newMin !== 'number') fail(S.CTAP2_ERR_CBOR_UNEXPECTED_TYPE);
      // The minimum only ever grows until reset (§6.11.4).
      if ((newMin as number) < this.minPinLength) fail(S.CTAP2_ERR_PIN_POLICY_VIOLATION);
    }
    if (force && !this.storedPinHash) fail(S.CTAP2_ERR_PIN_NOT_SET);
    if (typeof newMin === 'number') this.minPinLength = newMin;
    if (this.storedPinHash && (force || this.pinCodePoints < this.minPinLength)) this.forcePinChange = true;
    return undefined;
  }
}
