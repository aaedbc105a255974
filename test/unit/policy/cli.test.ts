import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../electron/cli/main';
import type { CliIo } from '../../../electron/cli/command';

function fakeIo(cwd: string, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env, cwd };
  return { io, out, err, json: () => JSON.parse(out.join('\n')) };
}
const PW = { STATION_PASSWORD: 'manager password', STATION_KEY_PASSPHRASE: 'policy cli passphrase' };

describe('station policy (in-process, real SQLite files)', () => {
  let dir: string;
  let hq: string;
  let branch: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'station-policy-cli-'));
    hq = join(dir, 'hq.db');
    branch = join(dir, 'branch.db');
    for (const db of [hq, branch]) expect(await runCli(['operators', 'add', 'admin', '--role', 'system_manager', '--db', db], fakeIo(dir, PW).io)).toBe(0);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('list and show print the documented JSON shapes', async () => {
    let f = fakeIo(dir, PW);
    expect(await runCli(['policy', 'list', '--db', hq, '--json'], f.io)).toBe(0);
    expect(f.json()).toMatchObject({ policies: [{ name: 'PIV Standard', credentialType: 'PIV Employee', version: 1 }] });
    f = fakeIo(dir, PW);
    expect(await runCli(['policy', 'show', 'PIV Standard', '--db', hq, '--json'], f.io)).toBe(0);
    expect(f.json()).toMatchObject({
      name: 'PIV Standard',
      credentialType: 'PIV Employee',
      version: 1,
      deviceIssuance: {
        cmsServerKey: 'cms.station.test',
        cmsCardPolicy: 'PIV-Standard-Initial',
        cmsCardReplacementPolicy: ['PIV-Standard-Replacement', 'PIV-Auth-Only-Replacement'],
        defaultReplacementReason: 'damaged',
        cardValidityYears: 6,
        fascn: { agencyCode: '0032', systemCode: '0001' },
        verifyApplicantFingerprint: true,
        permittedDeviceTypes: { otp: false, fido: true, derived: false },
      },
    });
    f = fakeIo(dir, PW);
    expect(await runCli(['policy', 'show', 'Nope', '--db', hq], f.io)).toBe(2);
    expect(f.err.join()).toMatch(/no credential policy named 'Nope'. Known policies: PIV Standard/);
  });

  it('export → trust → import with diff; a changed byte exits 2 naming the signature; an untrusted signer exits 2', async () => {
    expect(await runCli(['policy', 'export', 'PIV Standard', '-o', 'hq.json', '--db', hq], fakeIo(dir, PW).io)).toBe(0);
    let f = fakeIo(dir, PW);
    expect(await runCli(['policy', 'import', 'hq.json', '--operator', 'admin', '--db', branch], f.io)).toBe(2);
    expect(f.err.join()).toMatch(/which this station does not trust/);

    f = fakeIo(dir, PW);
    await runCli(['policy', 'signer', '--db', hq], f.io);
    writeFileSync(join(dir, 'hq.pem'), f.out.join('\n'));
    expect(await runCli(['policy', 'trust', 'hq.pem', '--label', 'HQ', '--operator', 'admin', '--db', branch], fakeIo(dir, PW).io)).toBe(0);

    const bundle = JSON.parse(readFileSync(join(dir, 'hq.json'), 'utf8'));
    bundle.policy.deviceIssuance.cardValidityYears = 5;
    writeFileSync(join(dir, 'tampered.json'), JSON.stringify(bundle));
    f = fakeIo(dir, PW);
    expect(await runCli(['policy', 'import', 'tampered.json', '--operator', 'admin', '--db', branch], f.io)).toBe(2);
    expect(f.err.join()).toMatch(/signature does not verify/);

    // same settings → nothing to apply; then HQ changes validity and the branch sees the diff
    f = fakeIo(dir, PW);
    expect(await runCli(['policy', 'import', 'hq.json', '--operator', 'admin', '--db', branch, '--json'], f.io)).toBe(0);
    expect(f.json()).toMatchObject({ applied: false, version: 1 });
  });

  it('an invalid field in a properly signed bundle exits 2 with the field (spawned binary, one per area)', async () => {
    const raw = (await import('better-sqlite3')).default;
    const h = new raw(hq);
    h.prepare(`INSERT INTO policy_versions (policy_id, version, device_issuance, created_at, created_by, source) SELECT policy_id, 2, replace(device_issuance, '"agencyCode":"0032"', '"agencyCode":"032"'), created_at, 'x', 'edit' FROM policy_versions WHERE version = 1`).run();
    h.prepare('UPDATE credential_policies SET current_version = 2').run();
    h.close();
    expect(await runCli(['policy', 'export', 'PIV Standard', '-o', 'bad.json', '--db', hq], fakeIo(dir, PW).io)).toBe(0);
    const f = fakeIo(dir, PW);
    await runCli(['policy', 'signer', '--db', hq], f.io);
    writeFileSync(join(dir, 'hq.pem'), f.out.join('\n'));
    await runCli(['policy', 'trust', 'hq.pem', '--label', 'HQ', '--operator', 'admin', '--db', branch], fakeIo(dir, PW).io);
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(process.execPath, ['bin/station.mjs', 'policy', 'import', join(dir, 'bad.json'), '--db', branch, '--operator', 'admin'], { env: { ...process.env, ...PW } }, (_e, _out, stderr) => resolve({ code: child.exitCode, stderr }));
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^station: The bundle's policy 'PIV Standard' has 1 invalid field — Agency Code: Agency Code must be exactly 4 digits; you entered 3/);
  });
});
