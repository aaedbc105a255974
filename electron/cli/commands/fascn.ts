/** `station fascn encode|decode`: the FASC-N value object on the command line. */
import { InvalidInputError } from '../../common/errors';
import { Fascn, FASCN_FIELDS, type FascnFields } from '../../piv/fascn';
import type { CliCommand, CliContext } from '../command';

/** CLI option → FASC-N field, in layout order. */
const OPTION_FIELD: Array<[option: string, field: keyof FascnFields]> = [
  ['agency', 'agencyCode'],
  ['system', 'systemCode'],
  ['credential', 'credentialNumber'],
  ['series', 'credentialSeries'],
  ['issue', 'individualCredentialIssue'],
  ['person', 'personIdentifier'],
  ['org-category', 'organizationalCategory'],
  ['org-id', 'organizationalIdentifier'],
  ['poa', 'poaCategory'],
];

function printFields(ctx: CliContext, fascn: Fascn): void {
  const width = Math.max(...FASCN_FIELDS.map((f) => f.name.length));
  for (const f of FASCN_FIELDS) ctx.io.out(`${f.name.padEnd(width)}  ${fascn.fields[f.key]}`);
}

export const fascnEncode: CliCommand = {
  path: ['fascn', 'encode'],
  summary: 'Encode the nine FASC-N fields into the 25-byte value (50 hex characters)',
  usage: '--agency NNNN --system NNNN --credential NNNNNN --series N --issue N --person NNNNNNNNNN --org-category N --org-id NNNN --poa N [--json]',
  help: 'Fields are digits of exactly the TIG length. Agency 9999 makes a non-federal (PIV-I) FASC-N and then needs system 9999 and credential 999999.\nOC: 1 federal, 2 state, 3 commercial, 4 foreign. POA: 1 employee, 2 civil, 3 executive staff, 4 uniformed service, 5 contractor, 6 affiliate, 7 beneficiary.',
  options: Object.fromEntries(OPTION_FIELD.map(([o]) => [o, { type: 'string' as const }])),
  run(ctx) {
    const missing = OPTION_FIELD.filter(([o]) => typeof ctx.values[o] !== 'string').map(([o]) => `--${o}`);
    if (missing.length > 0) throw new InvalidInputError('USAGE', `missing ${missing.join(' ')} (see station fascn encode --help)`);
    const fields = Object.fromEntries(OPTION_FIELD.map(([o, f]) => [f, ctx.values[o] as string])) as unknown as FascnFields;
    const fascn = Fascn.create(fields);
    if (ctx.json) ctx.printJson({ hex: fascn.toHex(), mode: fascn.mode, fields: fascn.toJSON() });
    else ctx.io.out(fascn.toHex());
    return 0;
  },
};

export const fascnDecode: CliCommand = {
  path: ['fascn', 'decode'],
  summary: 'Decode a 25-byte FASC-N (50 hex characters) into its nine fields',
  usage: 'HEX [--json] [--lenient]',
  help: '--lenient accepts organizational/association categories outside the TIG value sets (parity, separators and LRC are always checked).',
  options: { lenient: { type: 'boolean' } },
  positionals: [1, 1],
  run(ctx) {
    const fascn = Fascn.fromHex(ctx.positionals[0], { strict: ctx.values.lenient !== true });
    if (ctx.json) ctx.printJson(fascn.toJSON());
    else printFields(ctx, fascn);
    return 0;
  },
};

export const fascnCommands: CliCommand[] = [fascnEncode, fascnDecode];
