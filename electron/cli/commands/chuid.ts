/** `station chuid decode`: read a CHUID (with or without the 53 wrapper) and check its signature. */
import { InvalidInputError, isStationError } from '../../common/errors';
import { fromHex } from '../../piv/bytes';
import { Chuid } from '../../piv/chuid';
import { OBJECT_TAG, TAG } from '../../piv/constants';
import { unwrapObject } from '../../piv/data-object';
import { formatUuid } from '../../piv/uuid';
import type { CliCommand } from '../command';

function parseChuid(hex: string): Chuid {
  const bytes = fromHex(hex);
  try {
    // A GET DATA response starts with the 53 wrapper; stored content starts with 30 (or EE on old cards).
    return Chuid.parse(bytes[0] === TAG.DATA ? unwrapObject(OBJECT_TAG.CHUID, bytes) : bytes);
  } catch (e) {
    if (isStationError(e) && !(e instanceof InvalidInputError)) {
      throw new InvalidInputError('CHUID_INVALID', `not a CHUID: ${e.message.split('. ')[0]}`, e.details, { cause: e });
    }
    throw e;
  }
}

export const chuidDecode: CliCommand = {
  path: ['chuid', 'decode'],
  summary: 'Decode a CHUID (hex, with or without the 53 wrapper) and verify its issuer signature',
  usage: 'HEX [--json]',
  positionals: [1, 1],
  async run(ctx) {
    const chuid = parseChuid(ctx.positionals[0]);
    const sig = await chuid.verifySignature();
    const result = {
      fascn: chuid.fascn.toJSON(),
      fascnHex: chuid.fascn.toHex(),
      guid: formatUuid(chuid.guid),
      expirationDate: chuid.expirationDate,
      cardholderUuid: chuid.cardholderUuid ? formatUuid(chuid.cardholderUuid) : null,
      signature: { present: sig.present, valid: sig.valid, signer: sig.signer ?? null },
    };
    if (ctx.json) {
      ctx.printJson(result);
      return 0;
    }
    ctx.io.out(`FASC-N           ${chuid.fascn.toString()} (${result.fascnHex})`);
    ctx.io.out(`GUID             ${result.guid}`);
    ctx.io.out(`Expiration       ${result.expirationDate}`);
    ctx.io.out(`Cardholder UUID  ${result.cardholderUuid ?? '(none)'}`);
    ctx.io.out(`Signature        ${!sig.present ? 'absent' : sig.valid ? `valid, signed by ${sig.signer}` : `INVALID: ${sig.reason}`}`);
    for (const w of chuid.warnings) ctx.io.err(`warning: ${w}`);
    return 0;
  },
};

export const chuidCommands: CliCommand[] = [chuidDecode];
