import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { runCli } from '../../../electron/cli/main';
import type { CliCommand, CliIo } from '../../../electron/cli/command';
import { InvalidInputError, StationError } from '../../../electron/common/errors';
import { APP_VERSION } from '../../../electron/common/version';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env: {}, cwd: process.cwd() };
  return { io: value, out, err };
}

const echo: CliCommand = {
  path: ['demo', 'echo'],
  summary: 'Echo a word.',
  usage: 'WORD [--upper] [--json]',
  options: { upper: { type: 'boolean' } },
  positionals: [1, 1],
  run: (ctx) => {
    const word = ctx.values.upper ? ctx.positionals[0]!.toUpperCase() : ctx.positionals[0]!;
    if (word === 'bad') throw new InvalidInputError('DEMO_BAD', "'bad' is not a word we echo. Pick another.");
    if (word === 'fail') throw new StationError('DEMO_FAILED', 'The demo failed. Try again later.');
    if (ctx.json) ctx.printJson({ word });
    else ctx.io.out(word);
    return 0;
  },
};

describe('station CLI conventions', () => {
  it('prints global help listing the commands, and the version', async () => {
    const a = io();
    expect(await runCli(['--help'], a.io, [echo])).toBe(0);
    expect(a.out.join('\n')).toContain('demo echo');
    const b = io();
    expect(await runCli(['--version'], b.io, [echo])).toBe(0);
    expect(b.out).toEqual([APP_VERSION]);
  });

  it('keeps APP_VERSION in step with package.json', () => {
    expect(JSON.parse(readFileSync('package.json', 'utf8')).version).toBe(APP_VERSION);
  });

  it('prints command help', async () => {
    const a = io();
    expect(await runCli(['demo', 'echo', '--help'], a.io, [echo])).toBe(0);
    expect(a.out.join('\n')).toContain('Usage: station demo echo WORD');
  });

  it('--json prints exactly one JSON document', async () => {
    const a = io();
    expect(await runCli(['demo', 'echo', 'hi', '--json'], a.io, [echo])).toBe(0);
    expect(JSON.parse(a.out.join('\n'))).toEqual({ word: 'hi' });
  });

  it('exit 2 with a one-line reason for an unknown command, unknown option, wrong arity and invalid input', async () => {
    for (const argv of [['nope'], ['demo', 'echo', 'hi', '--colour'], ['demo', 'echo'], ['demo', 'echo', 'a', 'b'], ['demo', 'echo', 'bad']]) {
      const a = io();
      expect(await runCli(argv, a.io, [echo]), argv.join(' ')).toBe(2);
      expect(a.err).toHaveLength(1);
      expect(a.err[0]).toMatch(/^station: /);
      expect(a.err[0]).not.toContain('\n');
    }
  });

  it('exit 1 for an operation that failed, with the error as JSON under --json', async () => {
    const a = io();
    expect(await runCli(['demo', 'echo', 'fail', '--json'], a.io, [echo])).toBe(1);
    expect(JSON.parse(a.out[0]!)).toEqual({ error: { code: 'DEMO_FAILED', message: 'The demo failed. Try again later.' } });
  });

  it('the installed bin runs from source (one real spawn)', () => {
    const r = spawnSync(process.execPath, ['bin/station.mjs', '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(APP_VERSION);
  });
});
