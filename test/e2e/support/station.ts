import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningStation {
  url: string;
  origin: string;
  token: string;
  dbPath: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts browser mode as a real child process (real SQLite file, real IPC handler table) and waits for
 * the URL it prints.
 */
export async function startStation(opts: { dbPath?: string; env?: Record<string, string>; args?: string[] } = {}): Promise<RunningStation> {
  const dbPath = opts.dbPath ?? join(mkdtempSync(join(tmpdir(), 'station-e2e-')), 'station.db');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'electron/browser/main.ts', '--db', dbPath, '--port', '0', ...(opts.args ?? [])], {
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not start:\n${out}`)), 45_000);
    const check = () => {
      const m = /Open: (http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser mode exited with ${code}:\n${out}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.hash.replace('#token=', ''),
    dbPath,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
