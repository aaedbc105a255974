import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../electron/cli/main';
import type { CliIo } from '../../../electron/cli/command';
import { openDatabase } from '../../../electron/store/database';
import { OperatorService } from '../../../electron/operators/service';
import { SqliteOtpSeedVault } from '../../../electron/device-issuance/otp-vault';
import { loadOrCreateVaultKey, vaultKeyPathFor } from '../../../electron/device-issuance/vault-key-file';
import { PassphraseKeyProtector } from '../../../electron/keys/key-protector';

const KEY_PASSPHRASE = 'station key passphrase for seeds';
import { decryptSeedFile } from '../../../electron/otp/seed-file';

const PASSPHRASE = 'validation server passphrase';
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function io(env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env: { STATION_PASSWORD: 'manager password', ...env }, cwd: dir };
  return { io: value, out, err };
}

describe('station otp export-seeds (real SQLite file, vault key file beside it)', () => {
  it('decrypts the vault only into a passphrase-encrypted seed file, and journals the count', async () => {
    dir = mkdtempSync(join(tmpdir(), 'station-seeds-'));
    const dbPath = join(dir, 'station.db');
    const store = openDatabase(dbPath);
    await new OperatorService(store.db).createFirstSystemManager({ name: 'admin', password: 'manager password' });
    const vault = new SqliteOtpSeedVault(store.db, loadOrCreateVaultKey(vaultKeyPathFor(dbPath), new PassphraseKeyProtector(KEY_PASSPHRASE, 10)));
    await vault.store({ id: 'c-1', applicantId: 'A-1', type: 'totp', issuer: 'Agency', account: 'jane', algorithm: 'SHA1', digits: 6, period: 30, secret: new Uint8Array(20).fill(3) });
    store.close();
    expect((statSync(join(dir, 'otp-vault.key')).mode & 0o777).toString(8)).toBe('600');

    const missing = io({});
    expect(await runCli(['otp', 'export-seeds', '-o', 'seeds.json', '--operator', 'admin', '--db', dbPath], missing.io)).toBe(2);
    expect(missing.err.join('\n')).toContain('STATION_SEED_PASSPHRASE');

    const ok = io({ STATION_SEED_PASSPHRASE: PASSPHRASE, STATION_KEY_PASSPHRASE: KEY_PASSPHRASE });
    expect(await runCli(['otp', 'export-seeds', '-o', 'seeds.json', '--operator', 'admin', '--db', dbPath, '--json'], ok.io)).toBe(0);
    expect(JSON.parse(ok.out.join('\n'))).toMatchObject({ seeds: 1 });
    const text = readFileSync(join(dir, 'seeds.json'), 'utf8');
    expect(text).not.toContain('jane');
    const contents = decryptSeedFile(text, PASSPHRASE);
    expect(contents.seeds).toEqual([expect.objectContaining({ id: 'c-1', account: 'jane', secret: new Uint8Array(20).fill(3) })]);

    const check = openDatabase(dbPath);
    const entry = check.db.prepare("SELECT actor, details FROM audit_journal WHERE action = 'device.otp.seeds-exported'").get() as { actor: string; details: string };
    check.close();
    expect(entry.actor).toBe('admin');
    expect(JSON.parse(entry.details)).toEqual({ count: 1, ids: ['c-1'] });
  }, 60_000);
});
