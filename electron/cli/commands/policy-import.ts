import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InvalidInputError } from '../../common/errors';
import { PolicyService } from '../../policy/service';
import type { FieldChange } from '../../policy/model/diff';
import type { CliCommand, CliIo } from '../command';
import { DB_OPTION, OPERATOR_OPTION, actAsOperator, withStore } from '../acting-operator';

const fmt = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'boolean' ? (v ? 'Yes' : 'No') : Array.isArray(v) ? v.join(', ') : String(v));
const printChanges = (io: CliIo, changes: FieldChange[]) => {
  if (changes.length === 0) io.out('  (no differences)');
  for (const c of changes) io.out(`  ${c.label}: ${fmt(c.from)} → ${fmt(c.to)}`);
};

export const policyImport: CliCommand = {
  path: ['policy', 'import'],
  summary: 'Verify a signed policy bundle, show the differences, and apply it as a new version.',
  usage: 'FILE --operator NAME [--dry-run] [--db PATH] [--json]',
  help: 'Exit 2 with the reason when the signature does not verify against a trusted key or a field is invalid. --dry-run only shows the differences (no operator needed).',
  options: { ...DB_OPTION, ...OPERATOR_OPTION, 'dry-run': { type: 'boolean' } },
  positionals: [1, 1],
  run(ctx) {
    let text: string;
    const file = resolve(ctx.io.cwd, ctx.positionals[0]!);
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new InvalidInputError('FILE_UNREADABLE', `Cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}.`);
    }
    return withStore(ctx, async (store) => {
      const svc = new PolicyService(store.db);
      const preview = svc.previewImport(text);
      if (ctx.values['dry-run']) {
        if (ctx.json) ctx.printJson({ applied: false, preview });
        else {
          ctx.io.out(`${preview.name}: bundle version ${preview.bundleVersion} signed by ${preview.signer.label}; this station runs ${preview.exists ? `version ${preview.currentVersion}` : 'no such policy'}.`);
          printChanges(ctx.io, preview.changes);
        }
        return 0;
      }
      const actor = await actAsOperator(ctx, store, ['system_manager'], 'import credential policies');
      const r = svc.applyImport(actor, text, preview.currentVersion);
      if (ctx.json) ctx.printJson({ applied: r.changes.length > 0, created: r.created, name: r.policy.name, version: r.policy.version, changes: r.changes });
      else {
        ctx.io.out(r.changes.length ? `Imported ${r.policy.name}: now version ${r.policy.version}.` : `${r.policy.name} already matches the bundle; nothing changed.`);
        printChanges(ctx.io, r.changes);
      }
      return 0;
    });
  },
};
