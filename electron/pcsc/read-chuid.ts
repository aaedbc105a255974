/**
 * Reads and decodes the CHUID over any transmit port (PC/SC channel or the training-mode direct link):
 * SELECT PIV, GET DATA 5FC102, unwrap, parse, verify the issuer signature.
 * Local adapter until PivSession (electron/piv) offers the same; it only composes card-edge pieces.
 */
import type { Transmit } from '../piv/apdu';
import { AID, CLA, INS, OBJECT_TAG, P1P2, SW } from '../piv/constants';
import { Chuid, type ChuidSignatureStatus } from '../piv/chuid';
import { tagList, unwrapObject } from '../piv/data-object';
import { expectSuccess } from '../piv/status';
import { createChannel } from '../piv/transport';

export interface DecodedChuid extends Record<string, unknown> {
  signature: ChuidSignatureStatus;
}

export async function readChuid(transmit: Transmit): Promise<DecodedChuid | null> {
  const channel = createChannel(transmit);
  expectSuccess(await channel({ cla: CLA.ISO, ins: INS.SELECT, p1: P1P2.SELECT_BY_AID_P1, p2: P1P2.SELECT_FIRST_P2, data: AID.PIV, le: 256 }), 'SELECT PIV');
  const res = await channel({ cla: CLA.ISO, ins: INS.GET_DATA, p1: P1P2.DATA_P1, p2: P1P2.DATA_P2, data: tagList(OBJECT_TAG.CHUID), le: 256 });
  if (res.sw === SW.FILE_OR_APPLICATION_NOT_FOUND) return null;
  const chuid = Chuid.parse(unwrapObject(OBJECT_TAG.CHUID, expectSuccess(res, 'GET DATA CHUID')));
  return { ...chuid.toJSON(), signature: await chuid.verifySignature() };
}
