/** Building response APDUs inside the virtual card. */
import { concatBytes } from '../../piv/bytes';
import { SW } from '../../piv/constants';

export interface CardReply {
  data: Uint8Array;
  sw: number;
}

export const EMPTY = new Uint8Array(0);

export const ok = (data: Uint8Array = EMPTY): CardReply => ({ data, sw: SW.SUCCESS });
export const status = (sw: number): CardReply => ({ data: EMPTY, sw });

export function toBytes(reply: CardReply): Uint8Array {
  return concatBytes(reply.data, Uint8Array.of(reply.sw >>> 8, reply.sw & 0xff));
}
