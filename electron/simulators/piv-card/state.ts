/**
 * Persistent state of the virtual PIV card: data objects, PIN/PUK with retry counters, the management
 * key, generated key pairs. Serialises to plain JSON (hex strings) for `--state FILE`.
 *
 * Known training/test limitation: the JSON holds the PIN, PUK, management key and private keys in clear.
 * It is a simulator for tests and operator training, never a place for real credentials.
 */
import { z } from 'zod';
import { fromHex, toHex, ascii } from '../../piv/bytes';
import { ALGORITHM, PIN_BLOCK_LENGTH, PIN_PAD_BYTE, YUBICO_DEFAULT } from '../../piv/constants';

/** Discovery Object of a PIV card whose only PIN is the application PIN (73-4 P1 §3.3.2). */
const DEFAULT_DISCOVERY_OBJECT = '7E124F0BA0000003080000100001005F2F024000';

/** Retry counters after reset; YubiKey factory defaults, within the ≤10 of FIPS 201-3 §4.3.1. */
export const DEFAULT_PIN_RETRIES = 3;
export const DEFAULT_PUK_RETRIES = 3;

export interface Secret {
  /** Reference data padded with FF to 8 bytes. */
  value: Uint8Array;
  retriesLeft: number;
  maxRetries: number;
}

export interface StoredKey {
  algorithm: number;
  /** PKCS #8 DER of the private key. */
  privateKeyPkcs8: Uint8Array;
  origin: 'generated' | 'imported';
  pinPolicy: number;
  touchPolicy: number;
}

export interface CardState {
  serial: number;
  /** Object tag → exactly the bytes GET DATA returns (`53 L …`, or `7E L …` for Discovery). */
  objects: Map<number, Uint8Array>;
  pin: Secret;
  puk: Secret;
  managementKey: { algorithm: number; key: Uint8Array };
  keys: Map<number, StoredKey>;
}

export function padReference(text: string): Uint8Array {
  const out = new Uint8Array(PIN_BLOCK_LENGTH).fill(PIN_PAD_BYTE);
  out.set(ascii.encode(text).subarray(0, PIN_BLOCK_LENGTH));
  return out;
}

/** A fresh card as a YubiKey leaves the factory (default PIN/PUK/3TDEA key) plus a Discovery Object. */
export function factoryState(serial = 10_000_001): CardState {
  return {
    serial,
    objects: new Map([[0x7e, fromHex(DEFAULT_DISCOVERY_OBJECT)]]),
    pin: { value: padReference(YUBICO_DEFAULT.PIN), retriesLeft: DEFAULT_PIN_RETRIES, maxRetries: DEFAULT_PIN_RETRIES },
    puk: { value: padReference(YUBICO_DEFAULT.PUK), retriesLeft: DEFAULT_PUK_RETRIES, maxRetries: DEFAULT_PUK_RETRIES },
    managementKey: { algorithm: ALGORITHM.TDEA_3KEY, key: YUBICO_DEFAULT.MANAGEMENT_KEY.slice() },
    keys: new Map(),
  };
}

const hex = z.string().refine((s) => s.length % 2 === 0 && /^[0-9A-Fa-f]*$/.test(s), 'expected hex pairs');
const byte = z.number().int().min(0).max(255);
const secretJson = z.object({ value: z.string().regex(/^[0-9A-Fa-f]{16}$/), retriesLeft: z.number().int().min(0).max(255), maxRetries: z.number().int().min(1).max(255) });

export const cardStateJsonSchema = z.object({
  format: z.literal('issuance-station.virtual-piv-card/1'),
  serial: z.number().int().min(0).max(0xffffffff),
  objects: z.record(hex, hex),
  pin: secretJson,
  puk: secretJson,
  managementKey: z.object({ algorithm: byte, key: hex }),
  keys: z.record(
    hex,
    z.object({ algorithm: byte, privateKeyPkcs8: hex, origin: z.enum(['generated', 'imported']), pinPolicy: byte, touchPolicy: byte }),
  ),
});
export type CardStateJson = z.infer<typeof cardStateJsonSchema>;

export function stateToJson(state: CardState): CardStateJson {
  const secret = (s: Secret) => ({ value: toHex(s.value), retriesLeft: s.retriesLeft, maxRetries: s.maxRetries });
  return {
    format: 'issuance-station.virtual-piv-card/1',
    serial: state.serial,
    objects: Object.fromEntries([...state.objects].map(([tag, bytes]) => [tag.toString(16).toUpperCase(), toHex(bytes)])),
    pin: secret(state.pin),
    puk: secret(state.puk),
    managementKey: { algorithm: state.managementKey.algorithm, key: toHex(state.managementKey.key) },
    keys: Object.fromEntries(
      [...state.keys].map(([slot, k]) => [
        slot.toString(16).toUpperCase().padStart(2, '0'),
        { algorithm: k.algorithm, privateKeyPkcs8: toHex(k.privateKeyPkcs8), origin: k.origin, pinPolicy: k.pinPolicy, touchPolicy: k.touchPolicy },
      ]),
    ),
  };
}

/** Parses and validates a state document; throws zod's error on a malformed file. */
export function stateFromJson(input: unknown): CardState {
  const json = cardStateJsonSchema.parse(input);
  const secret = (s: CardStateJson['pin']): Secret => ({ value: fromHex(s.value), retriesLeft: s.retriesLeft, maxRetries: s.maxRetries });
  return {
    serial: json.serial,
    objects: new Map(Object.entries(json.objects).map(([tag, value]) => [parseInt(tag, 16), fromHex(value)])),
    pin: secret(json.pin),
    puk: secret(json.puk),
    managementKey: { algorithm: json.managementKey.algorithm, key: fromHex(json.managementKey.key) },
    keys: new Map(
      Object.entries(json.keys).map(([slot, k]) => [
        parseInt(slot, 16),
        { algorithm: k.algorithm, privateKeyPkcs8: fromHex(k.privateKeyPkcs8), origin: k.origin, pinPolicy: k.pinPolicy, touchPolicy: k.touchPolicy },
      ]),
    ),
  };
}
