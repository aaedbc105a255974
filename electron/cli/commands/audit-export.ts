import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InvalidInputError } from '../../common/errors';
import { AuditJournal } from '../../audit/journal';
import { toCsv } from '../../audit/csv';
import type { CliCommand } from '../command';
import { DB_OPTION, withStore } from '../acting-operator';

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

export const auditExport: CliCommand = {
  path: ['audit', 'export'],
  summary: 'Export audit journal entries as CSV (RFC 4180, spreadsheet-formula safe).',
  usage: '-o FILE [--from ISO] [--to ISO] [--actor NAME] [--action ACTION] [--text TEXT] [--db PATH] [--json]',
  help: '--from is inclusive, --to exclusive; --action "policy." matches every policy action.',
  options: { ...DB_OPTION, output: { type: 'string', short: 'o' }, from: { type: 'string' }, to: { type: 'string' }, actor: { type: 'string' }, action: { type: 'string' }, text: { type: 'string' } },
  run(ctx) {
    const output = str(ctx.values.output);
    if (!output) throw new InvalidInputError('USAGE', 'Name the CSV file to write: -o FILE.');
    return withStore(ctx, (store) => {
      const entries = [...new AuditJournal(store.db).iterate({ from: str(ctx.values.from), to: str(ctx.values.to), actor: str(ctx.values.actor), action: str(ctx.values.action), text: str(ctx.values.text) })];
      const file = resolve(ctx.io.cwd, output);
      writeFileSync(file, toCsv(entries), { encoding: 'utf8', mode: 0o600 });
      if (ctx.json) ctx.printJson({ file, entries: entries.length });
      else ctx.io.out(`Wrote ${entries.length} entries to ${file}.`);
      return 0;
    });
  },
};
