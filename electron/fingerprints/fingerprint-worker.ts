/**
 * One long-lived worker thread for fingerprint extraction, started at the first request so a station
 * that never sees a finger never pays for it. Requests wait in a queue and go to the thread one at a
 * time: when the thread dies, only the request it was working on fails, and the next one starts a
 * fresh thread. An idle thread is unref'd, so it never keeps a CLI or test process alive.
 */
import type { Worker } from 'node:worker_threads';
import { StationError } from '../common/errors';
import type { FingerprintFeatures } from '../biometrics/types';
import { fromWireError, type WorkerReply, type WorkerRequest } from './protocol';
import { spawnFingerprintWorker } from './worker-script';

export const FINGERPRINT_WORKER_CRASHED = 'FINGERPRINT_WORKER_CRASHED';
export const FINGERPRINT_WORKER_UNAVAILABLE = 'FINGERPRINT_WORKER_UNAVAILABLE';
export const FINGERPRINT_WORKER_STOPPED = 'FINGERPRINT_WORKER_STOPPED';

type Request = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

interface Job {
  request: Request;
  transfer: ArrayBuffer[];
  resolve(f: FingerprintFeatures): void;
  reject(e: Error): void;
}

interface Thread {
  worker: Worker;
  ready: boolean;
  lastError?: Error;
}

export class FingerprintWorker {
  private thread?: Thread;
  private readonly queue: Job[] = [];
  private current?: { id: number; job: Job };
  private nextId = 1;
  private closed = false;

  constructor(private readonly spawn: () => Worker = spawnFingerprintWorker) {}

  /** Sends a request; the buffers in `transfer` move to the thread and are unusable here afterwards. */
  run(request: Request, transfer: ArrayBuffer[]): Promise<FingerprintFeatures> {
    if (this.closed) return Promise.reject(stopped());
    return new Promise((resolve, reject) => {
      this.queue.push({ request, transfer, resolve, reject });
      this.pump();
    });
  }

  /** Starts the thread ahead of the first request (e.g. while a finger is being placed). */
  warm(): void {
    if (this.closed || this.thread) return;
    try {
      this.start();
    } catch {
      // Nothing is waiting on it: the next request starts the thread again and reports why it cannot.
    }
  }

  /** The live thread, if one is running (tests terminate it to simulate a crash). */
  get worker(): Worker | undefined {
    return this.thread?.worker;
  }

  /** Ends the thread and fails whatever is still waiting; later requests are refused. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(stopped());
    const t = this.thread;
    if (t) await t.worker.terminate();
  }

  private pump(): void {
    if (this.current || this.queue.length === 0) return;
    const job = this.queue.shift()!;
    let t: Thread;
    try {
      t = this.thread ?? this.start();
    } catch (cause) {
      job.reject(unavailable(cause));
      this.pump();
      return;
    }
    const id = this.nextId++;
    try {
      t.worker.postMessage({ ...job.request, id }, job.transfer);
    } catch (e) {
      // A request that cannot be sent (a detached buffer) fails alone; the queue moves on.
      job.reject(e instanceof Error ? e : new Error(String(e)));
      this.pump();
      return;
    }
    this.current = { id, job };
    t.worker.ref();
  }

  private start(): Thread {
    const worker = this.spawn();
    const t: Thread = { worker, ready: false };
    this.thread = t;
    worker.unref();
    worker.on('message', (m: WorkerReply) => this.onMessage(t, m));
    worker.on('error', (e: Error) => (t.lastError = e));
    worker.on('exit', (code: number) => this.onExit(t, code));
    return t;
  }

  private onMessage(t: Thread, m: WorkerReply): void {
    if (m.type === 'ready') {
      t.ready = true;
      return;
    }
    const c = this.current;
    if (!c || c.id !== m.id) return;
    this.current = undefined;
    if (m.type === 'result') c.job.resolve(m.features);
    else c.job.reject(fromWireError(m.error));
    if (this.queue.length === 0) t.worker.unref();
    this.pump();
  }

  private onExit(t: Thread, code: number): void {
    if (this.thread === t) this.thread = undefined;
    const c = this.current;
    this.current = undefined;
    if (c) c.job.reject(this.closed ? stopped() : t.ready ? crashed(code, t.lastError) : unavailable(t.lastError, code));
    if (!this.closed) this.pump();
  }
}

function crashed(exitCode: number, cause?: Error): StationError {
  return new StationError(
    FINGERPRINT_WORKER_CRASHED,
    'The fingerprint engine stopped while reading this fingerprint, so it was not extracted. Capture the finger again; the engine restarts by itself. If it happens again, restart the station and report it with the station log.',
    { exitCode, ...(cause ? { error: cause.message } : {}) },
    cause ? { cause } : undefined,
  );
}

function unavailable(cause?: unknown, exitCode?: number): StationError {
  const reason = cause instanceof Error ? cause.message : 'it ended before it was ready';
  return new StationError(
    FINGERPRINT_WORKER_UNAVAILABLE,
    `The fingerprint engine's worker thread could not start (${reason}). Reinstall the station, or in a source checkout run "npm run build" again.`,
    { reason, ...(exitCode === undefined ? {} : { exitCode }) },
    cause === undefined ? undefined : { cause },
  );
}

function stopped(): StationError {
  return new StationError(FINGERPRINT_WORKER_STOPPED, 'The station is shutting down, so the fingerprint was not extracted. Start the station again and capture again.');
}
