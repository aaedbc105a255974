/**
 * One method per card-edge command (73-4 Part 2 §3) over the transport stack. Status words become typed
 * errors here, once, through `expectSuccess`. Secrets (PINs, PUKs, management keys) are only ever in
 * command data buffers, which are zeroed after sending, and never in error messages or details.
 */
import type { CommandApdu, ResponseApdu, Transmit } from './apdu';
import { bytesEqual, concatBytes, zeroize } from './bytes';
import { AID, ALGORITHM, CLA, INS, KEY_REF, OBJECT_TAG, P1P2, SW, TAG, YUBICO_DEFAULT } from './constants';
import { credentialBlock, type CredentialKind, pinBlock, pukBlock } from './credentials';
import { putDataBody, tagList, unwrapObject } from './data-object';
import { CardAuthenticationFailedError, IncorrectDataError, IncorrectParametersError, MalformedDataError, ManagementKeyRejectedError, NotFoundError, NotSupportedError, SecurityStatusNotSatisfiedError } from './errors';
import { checkManagementKey, decryptBlock, encryptBlock, type ManagementKeyAlgorithm } from './management-key';
import { type AsymmetricAlgorithm, parsePublicKeyTemplate, type PivPublicKey } from './public-key';
import { errorForStatus, expectSuccess, retriesFromSw } from './status';
import { type ApduChannel, createChannel, type TransportOptions } from './transport';
import { decodeTlvs, encodeTlv, findTlv, requireTlv, unwrapTlv } from './tlv';
import { type FirmwareVersion, parseMetadata, parseSerial, parseVersion, type SlotMetadata } from './yubikey';

export interface PivSessionOptions extends TransportOptions {
  /** Source of challenges; tests inject a fixed one to replay vectors. */
  random?: (length: number) => Uint8Array;
}

export interface SelectResult {
  /** PIX or AID from tag 4F of the application property template, if returned. */
  applicationIdentifier?: Uint8Array;
  label?: string;
  /** Algorithm identifiers listed in tag AC. */
  algorithms: number[];
  raw: Uint8Array;
}

export type ManagementAuthMode = 'mutual' | 'external';

export interface GenerateOptions {
  /** YubiKey PIN policy (AA) and touch policy (AB); leave undefined for other cards, which reject them. */
  pinPolicy?: number;
  touchPolicy?: number;
}

export interface FactoryKeyState {
  /** The 9B key still has the Yubico/PIV-test factory value. */
  isDefault: boolean;
  /** 3TDEA (before YubiKey 5.7) or AES-192 (5.7 and later) when known. */
  algorithm?: ManagementKeyAlgorithm;
}

const hexTag = (t: number) => t.toString(16).toUpperCase();
const OBJECT_NAMES = new Map<number, string>(Object.entries(OBJECT_TAG).map(([name, tag]) => [tag, name]));
/** "5FC102 (CHUID)" for messages. */
const objectLabel = (t: number) => `${hexTag(t)}${OBJECT_NAMES.has(t) ? ` (${OBJECT_NAMES.get(t)})` : ''}`;

export class PivSession {
  private readonly channel: ApduChannel;
  private readonly random: (length: number) => Uint8Array;

  constructor(transmit: Transmit, options: PivSessionOptions = {}) {
    this.channel = createChannel(transmit, options);
    this.random = options.random ?? ((n) => globalThis.crypto.getRandomValues(new Uint8Array(n)));
  }

  /** Sends one logical command (chaining and GET RESPONSE included) and returns the raw response. */
  transceive(cmd: CommandApdu): Promise<ResponseApdu> {
    return this.channel(cmd);
  }

  private async run(cmd: CommandApdu, context: string, credential?: string): Promise<Uint8Array> {
    return expectSuccess(await this.channel(cmd), context, credential);
  }

  private static cmd(ins: number, p1: number, p2: number, data?: Uint8Array, le?: number): CommandApdu {
    return { cla: CLA.ISO, ins, p1, p2, ...(data && data.length > 0 ? { data } : {}), ...(le !== undefined ? { le } : {}) };
  }

  /** SELECT the PIV application by full (11), truncated (9) or RID-only (5-byte) AID. */
  async select(aid: Uint8Array = AID.PIV, withLe = true): Promise<SelectResult> {
    const raw = await this.run(PivSession.cmd(INS.SELECT, P1P2.SELECT_BY_AID_P1, P1P2.SELECT_FIRST_P2, aid, withLe ? 256 : undefined), 'SELECT PIV');
    const result: SelectResult = { algorithms: [], raw };
    if (raw.length === 0 || raw[0] !== TAG.APPLICATION_PROPERTY_TEMPLATE) return result;
    const apt = decodeTlvs(unwrapTlv(raw, TAG.APPLICATION_PROPERTY_TEMPLATE));
    const id = findTlv(apt, TAG.APPLICATION_IDENTIFIER);
    if (id) result.applicationIdentifier = id.value.slice();
    const label = findTlv(apt, TAG.APPLICATION_LABEL);
    if (label) result.label = String.fromCharCode(...label.value);
    const algs = findTlv(apt, TAG.CRYPTOGRAPHIC_ALGORITHMS);
    if (algs) for (const t of decodeTlvs(algs.value)) if (t.tag === TAG.CRT_ALGORITHM && t.value.length === 1) result.algorithms.push(t.value[0]);
    return result;
  }

  /** GET DATA: the object's content (inside 53, or the whole 7E for Discovery). NotFoundError if absent. */
  async getData(objectTag: number): Promise<Uint8Array> {
    const data = await this.run(PivSession.cmd(INS.GET_DATA, P1P2.DATA_P1, P1P2.DATA_P2, tagList(objectTag), 256), `GET DATA ${objectLabel(objectTag)}`);
    return unwrapObject(objectTag, data);
  }

  /** GET DATA that returns undefined for an absent object (6A 82). */
  async getDataIfPresent(objectTag: number): Promise<Uint8Array | undefined> {
    try {
      return await this.getData(objectTag);
    } catch (e) {
      if (e instanceof NotFoundError) return undefined;
      throw e;
    }
  }

  /** PUT DATA of any size (command chaining); needs 9B authentication. An empty content clears it. */
  async putData(objectTag: number, content: Uint8Array): Promise<void> {
    await this.run(PivSession.cmd(INS.PUT_DATA, P1P2.DATA_P1, P1P2.DATA_P2, putDataBody(objectTag, content)), `PUT DATA ${objectLabel(objectTag)}`);
  }

  private generalAuthenticate(algorithm: number, items: Uint8Array[]): Promise<ResponseApdu> {
    return this.channel(PivSession.cmd(INS.GENERAL_AUTHENTICATE, algorithm, KEY_REF.CARD_MANAGEMENT, encodeTlv(TAG.DYNAMIC_AUTH_TEMPLATE, concatBytes(...items))));
  }

  private static authItem(res: ResponseApdu, tag: number, size: number, context: string): Uint8Array {
    const data = expectSuccess(res, context);
    const item = requireTlv(decodeTlvs(unwrapTlv(data, TAG.DYNAMIC_AUTH_TEMPLATE)), tag, 'authentication data').value;
    if (item.length !== size) throw new MalformedDataError(`${context}: the card sent ${item.length} bytes, expected ${size}`);
    return item;
  }

  /**
   * Authenticates with the 9B management key. Mutual (default): the card proves its key too. External:
   * one-way, the card's challenge encrypted by us. Throws ManagementKeyRejectedError on a wrong key.
   */
  async authenticate(key: Uint8Array, algorithm: ManagementKeyAlgorithm = ALGORITHM.TDEA_3KEY, mode: ManagementAuthMode = 'mutual'): Promise<void> {
    const spec = checkManagementKey(algorithm, key);
    const context = 'GENERAL AUTHENTICATE 9B';
    const rejected = (sw: number) => (sw === SW.SECURITY_STATUS_NOT_SATISFIED ? new ManagementKeyRejectedError({ sw: '6982' }) : errorForStatus(sw, context));
    if (mode === 'external') {
      const challenge = PivSession.authItem(await this.generalAuthenticate(algorithm, [encodeTlv(TAG.AUTH_CHALLENGE)]), TAG.AUTH_CHALLENGE, spec.blockSize, context);
      const res = await this.generalAuthenticate(algorithm, [encodeTlv(TAG.AUTH_RESPONSE, encryptBlock(algorithm, key, challenge))]);
      if (res.sw !== SW.SUCCESS) throw rejected(res.sw);
      return;
    }
    const encryptedWitness = PivSession.authItem(await this.generalAuthenticate(algorithm, [encodeTlv(TAG.AUTH_WITNESS)]), TAG.AUTH_WITNESS, spec.blockSize, context);
    const witness = decryptBlock(algorithm, key, encryptedWitness);
    const challenge = this.random(spec.blockSize);
    const res = await this.generalAuthenticate(algorithm, [encodeTlv(TAG.AUTH_WITNESS, witness), encodeTlv(TAG.AUTH_CHALLENGE, challenge)]);
    zeroize(witness);
    if (res.sw !== SW.SUCCESS) throw rejected(res.sw);
    const answer = PivSession.authItem(res, TAG.AUTH_RESPONSE, spec.blockSize, context);
    if (!bytesEqual(answer, encryptBlock(algorithm, key, challenge))) throw new CardAuthenticationFailedError();
  }

  /** VERIFY the PIV PIN. Wrong PIN → InvalidPinError with attemptsRemaining. */
  async verifyPin(pin: string, keyRef: number = KEY_REF.PIV_PIN): Promise<void> {
    const block = pinBlock(pin);
    try {
      await this.run(PivSession.cmd(INS.VERIFY, 0x00, keyRef, block), 'VERIFY PIN', 'PIN');
    } finally {
      zeroize(block);
    }
  }

  /** Tries left for the PIN without using one (`00 20 00 80`); 'verified' if already verified. */
  async pinRetries(keyRef: number = KEY_REF.PIV_PIN): Promise<number | 'verified'> {
    const res = await this.channel(PivSession.cmd(INS.VERIFY, 0x00, keyRef));
    if (res.sw === SW.SUCCESS) return 'verified';
    const n = retriesFromSw(res.sw);
    if (n !== undefined) return n;
    throw errorForStatus(res.sw, 'VERIFY (retry counter query)');
  }

  /**
   * PUK tries left. PIV has no PUK status query (VERIFY does not take 81), so this needs the YubiKey
   * metadata command; undefined on other cards.
   */
  async pukRetries(): Promise<number | undefined> {
    return (await this.getMetadata(KEY_REF.PUK))?.retries?.remaining;
  }

  /** Clears the PIN's verified status (`00 20 FF 80`). */
  async resetPinStatus(keyRef: number = KEY_REF.PIV_PIN): Promise<void> {
    await this.run(PivSession.cmd(INS.VERIFY, P1P2.VERIFY_RESET_P1, keyRef), 'VERIFY (reset security status)');
  }

  /** CHANGE REFERENCE DATA for the PIN (80) or PUK (81). */
  async changeReference(kind: CredentialKind, oldValue: string, newValue: string): Promise<void> {
    const data = concatBytes(credentialBlock(kind, oldValue), credentialBlock(kind, newValue));
    try {
      await this.run(PivSession.cmd(INS.CHANGE_REFERENCE_DATA, 0x00, kind === 'PIN' ? KEY_REF.PIV_PIN : KEY_REF.PUK, data), `CHANGE REFERENCE DATA (${kind})`, kind);
    } finally {
      zeroize(data);
    }
  }

  changePin(oldPin: string, newPin: string): Promise<void> {
    return this.changeReference('PIN', oldPin, newPin);
  }

  changePuk(oldPuk: string, newPuk: string): Promise<void> {
    return this.changeReference('PUK', oldPuk, newPuk);
  }

  /** RESET RETRY COUNTER: unblock the PIN with the PUK and set a new PIN. */
  async unblockPin(puk: string, newPin: string): Promise<void> {
    const data = concatBytes(pukBlock(puk), pinBlock(newPin));
    try {
      await this.run(PivSession.cmd(INS.RESET_RETRY_COUNTER, 0x00, KEY_REF.PIV_PIN, data), 'RESET RETRY COUNTER', 'PUK');
    } finally {
      zeroize(data);
    }
  }

  /** GENERATE ASYMMETRIC KEY PAIR in slot 9A/9C/9D/9E; needs 9B authentication. */
  async generateKey(slot: number, algorithm: AsymmetricAlgorithm, options: GenerateOptions = {}): Promise<PivPublicKey> {
    const crt = concatBytes(
      encodeTlv(TAG.CRT_ALGORITHM, Uint8Array.of(algorithm)),
      options.pinPolicy !== undefined ? encodeTlv(TAG.YK_PIN_POLICY, Uint8Array.of(options.pinPolicy)) : new Uint8Array(0),
      options.touchPolicy !== undefined ? encodeTlv(TAG.YK_TOUCH_POLICY, Uint8Array.of(options.touchPolicy)) : new Uint8Array(0),
    );
    const data = await this.run(PivSession.cmd(INS.GENERATE_ASYMMETRIC_KEY_PAIR, 0x00, slot, encodeTlv(TAG.CONTROL_REFERENCE_TEMPLATE, crt), 256), `GENERATE KEY PAIR ${hexTag(slot)}`);
    return parsePublicKeyTemplate(algorithm, data);
  }

  // ---- YubiKey extensions: undefined when the card does not implement them (6D 00 / 6A 81). ----

  private async optional<T>(cmd: CommandApdu, context: string, parse: (d: Uint8Array) => T): Promise<T | undefined> {
    try {
      return parse(await this.run(cmd, context));
    } catch (e) {
      if (e instanceof NotSupportedError || e instanceof IncorrectParametersError) return undefined;
      throw e;
    }
  }

  getVersion(): Promise<FirmwareVersion | undefined> {
    return this.optional(PivSession.cmd(INS.YK_GET_VERSION, 0, 0, undefined, 256), 'GET VERSION', parseVersion);
  }

  /** Serial (YubiKey 5+ via F8). Older keys answer through the OTP applet, not read here. */
  getSerial(): Promise<number | undefined> {
    return this.optional(PivSession.cmd(INS.YK_GET_SERIAL, 0, 0, undefined, 256), 'GET SERIAL', parseSerial);
  }

  /** Metadata of a slot or credential (YubiKey 5.3+): 80 PIN, 81 PUK, 9B management key, key slots. */
  getMetadata(slot: number): Promise<SlotMetadata | undefined> {
    return this.optional(PivSession.cmd(INS.YK_GET_METADATA, 0, slot, undefined, 256), `GET METADATA ${hexTag(slot)}`, parseMetadata);
  }

  /** Replaces the 9B key (needs 9B authentication). AES needs YubiKey firmware 5.4.2+. */
  async setManagementKey(key: Uint8Array, algorithm: ManagementKeyAlgorithm = ALGORITHM.TDEA_3KEY, requireTouch = false): Promise<void> {
    checkManagementKey(algorithm, key);
    const data = concatBytes(Uint8Array.of(algorithm, KEY_REF.CARD_MANAGEMENT, key.length), key);
    try {
      await this.run(PivSession.cmd(INS.YK_SET_MANAGEMENT_KEY, P1P2.YK_SET_MGMT_P1, requireTouch ? P1P2.YK_SET_MGMT_P2_TOUCH : P1P2.YK_SET_MGMT_P2_NO_TOUCH, data), 'SET MANAGEMENT KEY');
    } finally {
      zeroize(data);
    }
  }

  /**
   * Is the 9B key still the factory key, and is it 3TDEA or AES-192 (YubiKey 5.7+)? Uses F7 metadata when
   * the card has it; otherwise tries mutual authentication with the default key as 3TDEA, then AES-192.
   * On a default key the session ends up authenticated as administrator.
   */
  async detectFactoryKey(): Promise<FactoryKeyState> {
    const meta = await this.getMetadata(KEY_REF.CARD_MANAGEMENT);
    if (meta?.algorithm !== undefined && meta.isDefault !== undefined) {
      return { isDefault: meta.isDefault, algorithm: meta.algorithm as ManagementKeyAlgorithm };
    }
    for (const algorithm of [ALGORITHM.TDEA_3KEY, ALGORITHM.AES_192] as const) {
      try {
        await this.authenticate(YUBICO_DEFAULT.MANAGEMENT_KEY, algorithm);
        return { isDefault: true, algorithm };
      } catch (e) {
        // Wrong algorithm for the card's key → 6A86/6A80; wrong key → rejected: try the next form.
        if (
          e instanceof ManagementKeyRejectedError ||
          e instanceof SecurityStatusNotSatisfiedError ||
          e instanceof IncorrectParametersError ||
          e instanceof IncorrectDataError ||
          e instanceof MalformedDataError
        ) {
          continue;
        }
        throw e;
      }
    }
    return { isDefault: false };
  }
}
