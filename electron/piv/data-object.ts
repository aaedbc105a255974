/**
 * The GET/PUT DATA envelope (73-4 P2 §3.1.2, §3.3.1): containers travel as `53 L content`; Discovery
 * (7E) and the BIT group template (7F61) travel as their own TLV. The command data names the object
 * with a tag list `5C L tag`.
 */
import { concatBytes } from './bytes';
import { OBJECT_TAG, TAG } from './constants';
import { MalformedDataError } from './errors';
import { encodeTag, encodeTlv, unwrapTlv } from './tlv';

/** Objects that are not wrapped in 53. */
export function isSelfWrapped(objectTag: number): boolean {
  return objectTag === OBJECT_TAG.DISCOVERY || objectTag === OBJECT_TAG.BIOMETRIC_INFORMATION_TEMPLATES_GROUP;
}

/** GET DATA command data: `5C L <tag>`. */
export function tagList(objectTag: number): Uint8Array {
  return encodeTlv(TAG.TAG_LIST, encodeTag(objectTag));
}

/** The value as it goes on the card (`53 L content`, or the self-wrapped TLV). */
export function wrapObject(objectTag: number, content: Uint8Array): Uint8Array {
  return isSelfWrapped(objectTag) ? encodeTlv(objectTag, content) : encodeTlv(TAG.DATA, content);
}

/** PUT DATA command data: `5C L tag ‖ 53 L content` (or `7E …` for Discovery). */
export function putDataBody(objectTag: number, content: Uint8Array): Uint8Array {
  return isSelfWrapped(objectTag) ? encodeTlv(objectTag, content) : concatBytes(tagList(objectTag), encodeTlv(TAG.DATA, content));
}

/** GET DATA response → content; the wrapper must span the response exactly (as yubico-piv-tool demands). */
export function unwrapObject(objectTag: number, response: Uint8Array): Uint8Array {
  try {
    return unwrapTlv(response, isSelfWrapped(objectTag) ? objectTag : TAG.DATA);
  } catch (e) {
    if (e instanceof MalformedDataError) {
      const reason = typeof e.details?.reason === 'string' ? ` (${e.details.reason})` : '';
      throw new MalformedDataError(`Object ${objectTag.toString(16).toUpperCase()} is not a well-formed data object${reason}`, e.details, { cause: e });
    }
    throw e;
  }
}
