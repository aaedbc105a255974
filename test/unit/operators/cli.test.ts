import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
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

describe('station operators (in-process, real SQLite file)', () => {
  let dir: string;
  let db: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'station-ops-cli-'));
    db = join(dir, 'station.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('first account must be a system_manager; then --operator of a System Manager is required', async () => {
    let f = fakeIo(dir, { STATION_NEW_PASSWORD: 'first password 1' });
    expect(await runCli(['operators', 'add', 'bob', '--role', 'badge_operator', '--db', db], f.io)).toBe(2);
    expect(f.err.join()).toMatch(/first account must be one \(--role system_manager\)/);

    f = fakeIo(dir, { STATION_PASSWORD: 'first password 1' });
    expect(await runCli(['operators', 'add', 'alice', '--role', 'system_manager', '--db', db, '--json'], f.io)).toBe(0);
    expect(f.json()).toMatchObject({ operator: { name: 'alice', role: 'system_manager', createdBy: null } });

    f = fakeIo(dir, { STATION_NEW_PASSWORD: 'bob password 12' });
    expect(await runCli(['operators', 'add', 'bob', '--role', 'badge_operator', '--db', db], f.io)).toBe(2);
    expect(f.err.join()).toMatch(/already has a System Manager: add operators as one, with --operator NAME/);

    f = fakeIo(dir, { STATION_PASSWORD: 'wrong password', STATION_NEW_PASSWORD: 'bob password 12' });
    expect(await runCli(['operators', 'add', 'bob', '--role', 'badge_operator', '--operator', 'alice', '--db', db], f.io)).toBe(1);
    expect(f.err.join()).toMatch(/Wrong operator name or password/);

    f = fakeIo(dir, { STATION_PASSWORD: 'first password 1', STATION_NEW_PASSWORD: 'bob password 12' });
    expect(await runCli(['operators', 'add', 'bob', '--role', 'badge_operator', '--operator', 'alice', '--db', db], f.io)).toBe(0);

    // a Badge Operator is held to its role
    f = fakeIo(dir, { STATION_PASSWORD: 'bob password 12', STATION_NEW_PASSWORD: 'carl password 1' });
    expect(await runCli(['operators', 'add', 'carl', '--role', 'system_manager', '--operator', 'bob', '--db', db], f.io)).toBe(1);
    expect(f.err.join()).toMatch(/bob \(Badge Operator\) may not add operators/);

    f = fakeIo(dir);
    expect(await runCli(['operators', 'list', '--db', db, '--json'], f.io)).toBe(0);
    const list = f.json();
    expect(list.operators.map((o: { name: string; role: string }) => [o.name, o.role])).toEqual([['alice', 'system_manager'], ['bob', 'badge_operator']]);
    expect(JSON.stringify(list)).not.toMatch(/scrypt|password/i);
  });

  it('without STATION_PASSWORD and no terminal, asks for it with a one-line reason (exit 2)', async () => {
    const f = fakeIo(dir, { STATION_PASSWORD: 'first password 1' });
    await runCli(['operators', 'add', 'alice', '--role', 'system_manager', '--db', db], f.io);
    const g = fakeIo(dir);
    const code = await runCli(['operators', 'unlock', 'alice', '--operator', 'alice', '--db', db], g.io);
    if (process.stdin.isTTY) return; // a developer running this in a terminal would be prompted instead
    expect(code).toBe(2);
    expect(g.err.join()).toMatch(/No password: set STATION_PASSWORD/);
  });

  it('--role must be a known role', async () => {
    const f = fakeIo(dir);
    expect(await runCli(['operators', 'add', 'x', '--role', 'janitor', '--db', db], f.io)).toBe(2);
    expect(f.err.join()).toMatch(/--role must be one of: enrollment_officer, badge_operator, system_manager/);
  });
});
