/**
 * Cross-process lock on one vpcd port: test files run in parallel (vitest forks) and other test runs
 * may share the machine, but one vpcd slot holds one virtual card at a time.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockPath(port: number): string {
  return join(tmpdir(), `issuance-station-vpcd-${port}.lock`);
}

/** Waits for the lock on `port` and returns its release function. A lock of a dead process is taken over. */
export async function lockPort(port: number, timeoutMs = 150_000): Promise<() => void> {
  const path = lockPath(port);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(path, 'utf8') === String(process.pid)) unlinkSync(path);
        } catch {
          // already gone
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let owner: number;
      try {
        owner = Number(readFileSync(path, 'utf8'));
      } catch {
        continue; // released between our open and read
      }
      if (Number.isInteger(owner) && owner > 0 && !alive(owner)) {
        try {
          unlinkSync(path);
        } catch {
          // someone else took it over first
        }
        continue;
      }
      if (Date.now() > deadline) throw new Error(`vpcd port ${port} stayed locked by pid ${owner} for ${timeoutMs} ms (${path})`, { cause: e });
      await sleep(200);
    }
  }
}
