// Admin-side costs: scrypt hash/verify (operators), audit append (batched and one commit each), chain
// verification and CSV export over 5,200 entries on a real SQLite file. Run: npx tsx scripts/bench/admin.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword, verifyPassword } from '../../electron/operators/password';
import { openDatabase } from '../../electron/store/database';
import { AuditJournal } from '../../electron/audit/journal';
import { toCsv } from '../../electron/audit/csv';

const t = () => performance.now();
let a = t();
const h = await hashPassword('correct horse battery');
const hashMs = t() - a;
a = t();
await verifyPassword('correct horse battery', h);
const verifyMs = t() - a;
const dir = mkdtempSync(join(tmpdir(), 'bench-'));
const s = openDatabase(join(dir, 'b.db'));
const j = new AuditJournal(s.db);
const N = 5000;
a = t();
s.db.transaction(() => { for (let i = 0; i < N; i++) j.append({ actor: 'alice', action: 'policy.save', subject: 'PIV Standard', details: { changes: [{ field: 'cardValidityYears', label: 'Card Validity', from: 6, to: 5 }], i } }); })();
const appendBatch = t() - a;
a = t();
for (let i = 0; i < 200; i++) j.append({ actor: 'bob', action: 'operator.sign_in', subject: 'bob' });
const appendSingle = (t() - a) / 200;
a = t();
const v = j.verify();
const verifyAll = t() - a;
a = t();
const csv = toCsv(j.iterate());
const csvMs = t() - a;
console.log(JSON.stringify({ scryptHashMs: +hashMs.toFixed(1), scryptVerifyMs: +verifyMs.toFixed(1), appendInOneTxPerEntryMs: +(appendBatch / N).toFixed(3), appendOwnTxPerEntryMs: +appendSingle.toFixed(2), verifyEntries: v.entries, verifyMs: +verifyAll.toFixed(1), csvBytes: csv.length, csvMs: +csvMs.toFixed(1) }));
s.close();
rmSync(dir, { recursive: true, force: true });
