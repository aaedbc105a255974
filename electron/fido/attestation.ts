import { X509Certificate, createHash, createVerify, randomBytes } from 'node:crypto';
import { StationError } from '../common/errors';
import type { CborMap, CborValue } from './cbor-codec';
import { asMap } from './cbor-codec';
import type { Ctap2Client } from './ctap2';
import type { TransactOptions } from './ctaphid-transport';
import { AUTH_DATA_FLAG, COSE_ALG_ES256, CTAP2_CMD, MAKE_CREDENTIAL_PARAM as MC, MAKE_CREDENTIAL_RESP, PERMISSION } from './ctap2-constants';

/**
 * Reads the key's attestation certificate by making one throwaway, non-discoverable credential
 * (nothing is stored on the key) for a relying party id that cannot be registered on the internet.
 * The "packed" statement's signature is checked against its certificate, and the AAGUID in the
 * authenticator data must match getInfo, before the certificate subject is trusted for the record.
 */
export const ATTESTATION_RP_ID = 'issuance-station.invalid';

export interface AttestationResult {
  format: string;
  aaguid: string;
  /** Subject of x5c[0] as "C=US, O=…, OU=…, CN=…" (RFC 4514 order reversed, as people read it), or null. */
  subject: string | null;
  /** DER of x5c[0], for whoever wants to keep the certificate. */
  certificate: Uint8Array | null;
}

export interface ParsedAuthData {
  rpIdHash: Uint8Array;
  flags: number;
  signCount: number;
  aaguid?: Uint8Array;
  credentialId?: Uint8Array;
}

/** authenticatorData layout (WebAuthn §6.1): rpIdHash 32 | flags 1 | signCount 4 | [AAGUID 16 | L 2 | credId L | key]. */
export function parseAuthData(authData: Uint8Array): ParsedAuthData {
  if (authData.length < 37) throw new StationError('FIDO_BAD_RESPONSE', 'The key’s authenticator data is too short.');
  const view = new DataView(authData.buffer, authData.byteOffset, authData.byteLength);
  const out: ParsedAuthData = { rpIdHash: authData.slice(0, 32), flags: authData[32], signCount: view.getUint32(33, false) };
  if (out.flags & AUTH_DATA_FLAG.AT) {
    if (authData.length < 55) throw new StationError('FIDO_BAD_RESPONSE', 'The key’s attested credential data is truncated.');
    out.aaguid = authData.slice(37, 53);
    const len = view.getUint16(53, false);
    out.credentialId = authData.slice(55, 55 + len);
  }
  return out;
}

function uuid(bytes: Uint8Array): string {
  const h = Buffer.from(bytes).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export async function readAttestation(
  client: Ctap2Client,
  pin: string,
  expectedAaguid: Uint8Array,
  options?: TransactOptions,
): Promise<AttestationResult> {
  const { protocol, token } = await client.getPinToken(pin, PERMISSION.MAKE_CREDENTIAL, ATTESTATION_RP_ID);
  const clientDataHash = new Uint8Array(createHash('sha256').update(randomBytes(32)).digest());
  const params = new Map<number, CborValue>([
    [MC.CLIENT_DATA_HASH, clientDataHash],
    [MC.RP, { id: ATTESTATION_RP_ID, name: 'Issuance Station' }],
    [MC.USER, { id: new Uint8Array(randomBytes(16)), name: 'attestation-check', displayName: 'Attestation check' }],
    [MC.PUB_KEY_CRED_PARAMS, [{ alg: COSE_ALG_ES256, type: 'public-key' }]],
    [MC.OPTIONS, { rk: false }],
    [MC.PIN_UV_AUTH_PARAM, protocol.authenticate(token, clientDataHash)],
    [MC.PIN_UV_AUTH_PROTOCOL, protocol.version],
  ]);
  token.fill(0);
  const response = asMap(await client.call(CTAP2_CMD.MAKE_CREDENTIAL, params, options), 'the makeCredential response');
  const format = response.get(MAKE_CREDENTIAL_RESP.FMT);
  const authData = response.get(MAKE_CREDENTIAL_RESP.AUTH_DATA);
  const stmt = response.get(MAKE_CREDENTIAL_RESP.ATT_STMT);
  if (typeof format !== 'string' || !(authData instanceof Uint8Array) || !(stmt instanceof Map)) {
    throw new StationError('FIDO_BAD_RESPONSE', 'The key’s attestation answer is incomplete.');
  }
  const parsed = parseAuthData(authData);
  if (!parsed.aaguid || !parsed.aaguid.every((b, i) => b === expectedAaguid[i])) {
    throw new StationError('FIDO_ATTESTATION_MISMATCH', 'The key’s attestation names a different model (AAGUID) than the key reported. Do not issue this key; report it.');
  }
  const base = { format, aaguid: uuid(parsed.aaguid) };
  const x5c = (stmt as CborMap).get('x5c');
  if (format !== 'packed' || !Array.isArray(x5c) || !(x5c[0] instanceof Uint8Array)) return { ...base, subject: null, certificate: null };
  const der = x5c[0];
  const sig = (stmt as CborMap).get('sig');
  if ((stmt as CborMap).get('alg') !== COSE_ALG_ES256 || !(sig instanceof Uint8Array)) {
    throw new StationError('FIDO_UNSUPPORTED', 'The key attests with an algorithm the station does not check (only ES256).');
  }
  // node:crypto parses the certificate: @peculiar/x509 would need a Reflect metadata polyfill not installed here.
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(der);
  } catch (e) {
    throw new StationError('FIDO_ATTESTATION_INVALID', 'The key’s attestation certificate cannot be read. Do not issue this key; report it.', undefined, { cause: e });
  }
  const ok = createVerify('sha256').update(authData).update(clientDataHash).verify(cert.publicKey, sig);
  if (!ok) {
    throw new StationError('FIDO_ATTESTATION_INVALID', 'The key’s attestation signature does not verify. Do not issue this key; report it.');
  }
  return { ...base, subject: cert.subject.split('\n').join(', '), certificate: new Uint8Array(der) };
}
