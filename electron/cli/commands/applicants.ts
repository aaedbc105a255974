/** `station applicants import FILE` and `station applicants list [--search TEXT]`. */
import type { CliCommand } from '../command';
import { DB_OPTION, OPERATOR_OPTION, actAsOperator, withStore } from '../acting-operator';
import { ApplicantService, IMPORTERS, READERS } from '../../applicants/service';
import { importApplicantsFile } from '../../applicants/import-file';
import { resolve } from 'node:path';

export const applicantsImport: CliCommand = {
  path: ['applicants', 'import'],
  summary: 'Import enrollment records (JSON array); all or nothing',
  usage: 'FILE --operator NAME [--db PATH] [--json]',
  help: [
    'FILE is a JSON array of {id, givenName, surname, personIdentifier (10 digits), organizationalCategory (1-4),',
    'organizationalIdentifier (4 digits), poaCategory (1-7), credentialSeries?, individualCredentialIssue?,',
    'credentialType?, fingerprints: [{position, image, dpi?} | {position, template (base64 INCITS 378)}], photo?}.',
    'Image and photo paths are relative to FILE. Images become INCITS 378 templates; images are not kept.',
    'One bad record imports nothing and names the record. Needs an Enrollment Officer or System Manager.',
  ].join('\n'),
  options: { ...DB_OPTION, ...OPERATOR_OPTION },
  positionals: [1, 1],
  run(ctx) {
    return withStore(ctx, async (store) => {
      const actor = await actAsOperator(ctx, store, IMPORTERS, 'import applicants');
      const result = await importApplicantsFile(new ApplicantService(store.db), actor, resolve(ctx.io.cwd, ctx.positionals[0]!));
      if (ctx.json) ctx.printJson(result);
      else ctx.io.out(`Imported ${result.imported} applicant(s): ${result.ids.join(', ')}`);
      return 0;
    });
  },
};

export const applicantsList: CliCommand = {
  path: ['applicants', 'list'],
  summary: 'List or search applicants with their status and current card',
  usage: '[--search TEXT] --operator NAME [--db PATH] [--json]',
  options: { ...DB_OPTION, ...OPERATOR_OPTION, search: { type: 'string' }, limit: { type: 'string' } },
  run(ctx) {
    return withStore(ctx, async (store) => {
      const actor = await actAsOperator(ctx, store, READERS, 'list applicants');
      const limit = typeof ctx.values.limit === 'string' ? Number(ctx.values.limit) : undefined;
      const result = new ApplicantService(store.db).list(actor, { ...(typeof ctx.values.search === 'string' ? { text: ctx.values.search } : {}), ...(limit && limit > 0 ? { limit } : {}) });
      if (ctx.json) ctx.printJson(result);
      else {
        for (const a of result.applicants) {
          const card = a.currentCard ? ` card ${a.currentCard.credentialNumber} until ${a.currentCard.expirationDate}` : '';
          ctx.io.out(`${a.id}\t${a.surname}, ${a.givenName}\t${a.status}${card}`);
        }
        ctx.io.out(`${result.total} applicant(s)`);
      }
      return 0;
    });
  },
};

export const applicantsCommands: CliCommand[] = [applicantsImport, applicantsList];
