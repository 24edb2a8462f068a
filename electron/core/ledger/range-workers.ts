// Worker threads for the parallel verify and export: each runs one job (range-jobs.ts) on the
// ranges it is sent, and the caller gets the results back in range order, a few ranges ahead
// at most, so memory stays flat whatever the ledger's size. Where no worker can start (the
// Electron main bundle, which has no worker file beside it), the caller does the work alone.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LineRange } from './line-ranges.js';
import { runRangeJob, type RangeJob } from './range-jobs.js';

export interface ParallelOptions {
  /** Below this many bytes of segments the caller works alone: starting threads would cost more. */
  minBytes?: number;
  /** The most bytes of lines one range holds. */
  rangeBytes?: number;
  /** How many threads work, the caller's own among them; fewer than 2 means the caller alone. */
  threads?: number;
}

export const PARALLEL_DEFAULTS: Required<ParallelOptions> = {
  minBytes: 32 << 20,
  rangeBytes: 128 << 10,
  threads: Math.min(4, availableParallelism()),
};

/**
 * A worker's young generation, in MiB: its garbage is one range's parsed records, short-lived,
 * and V8 would otherwise grow it to tens of MiB per thread for no gain in speed.
 */
const WORKER_YOUNG_MIB = 3;

/**
 * Where the worker's code is: beside the CLI bundle (dist/cli/ledger-worker.mjs), or, run from
 * the sources (tsx, Vitest), the TypeScript module beside this one, which a worker can load only
 * once tsx's loader is registered in it: a small module in a data: URL does that first.
 */
function workerModule(): URL | null {
  const here = import.meta.url as string | undefined;
  if (!here) return null;
  if (!here.endsWith('.ts')) {
    const url = new URL('./ledger-worker.mjs', here);
    return existsSync(fileURLToPath(url)) ? url : null;
  }
  const tsx = createRequire(here).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs');
  if (!existsSync(tsx)) return null;
  const source = new URL('./ledger-worker.ts', here).href;
  const boot = `const { register } = await import(${JSON.stringify(pathToFileURL(tsx).href)}); register(); await import(${JSON.stringify(source)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(boot)}`);
}

interface Reply {
  index: number;
  result?: unknown;
  error?: string;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: Error) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  // Results the caller stops waiting for (it gave up early) must not be unhandled rejections.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/** One worker, once its module has loaded and said it is ready; null if it cannot start. */
function startWorker(module: URL, job: RangeJob): Promise<Worker | null> {
  let worker: Worker;
  try {
    worker = new Worker(module, { workerData: job, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MIB } });
  } catch {
    return Promise.resolve(null);
  }
  return new Promise((resolve) => {
    const fail = (): void => {
      void worker.terminate();
      resolve(null);
    };
    worker.once('error', fail);
    worker.once('exit', fail);
    worker.once('message', () => {
      worker.off('error', fail);
      worker.off('exit', fail);
      resolve(worker);
    });
  });
}

/**
 * `threads - 1` worker threads and the caller's own thread, all on one job. The caller's thread
 * takes a range too whenever it would otherwise wait: one isolate fewer than a worker per core.
 */
export class RangeWorkers {
  private constructor(
    private readonly job: RangeJob,
    private readonly workers: Worker[],
  ) {}

  /** The workers for `job`, or null if none can start or `threads` < 2 (the caller then works alone). */
  static async start(job: RangeJob, threads: number): Promise<RangeWorkers | null> {
    const module = threads >= 2 ? workerModule() : null;
    if (module === null) return null;
    const started = await Promise.all(Array.from({ length: threads - 1 }, () => startWorker(module, job)));
    const workers = started.filter((worker): worker is Worker => worker !== null);
    return workers.length === 0 ? null : new RangeWorkers(job, workers);
  }

  /**
   * Each range's result, in range order (`ranges` as planLineRanges gives them: each one's index
   * is its place); the workers end when the caller stops reading. Once per RangeWorkers.
   */
  async *results<T>(ranges: readonly LineRange[]): AsyncGenerator<T> {
    const slots: Array<Deferred<T> | undefined> = [];
    const slot = (index: number): Deferred<T> => (slots[index] ??= deferred<T>());
    const window = (this.workers.length + 1) * 2;
    const idle = [...this.workers];
    let here = false;
    let closed = false;
    let sent = 0;
    let taken = 0;
    const send = (): void => {
      while (!closed && sent < ranges.length && sent - taken < window) {
        const worker = idle.pop();
        if (worker) {
          worker.postMessage(ranges[sent++]);
        } else if (!here) {
          const range = ranges[sent++]!;
          here = true;
          // On a turn of its own, so that the workers' answers (and their next ranges) go
          // between the ranges this thread works, not after all of them.
          setImmediate(() => {
            if (closed) return;
            try {
              slot(range.index).resolve(runRangeJob(this.job, range) as T);
            } catch (error) {
              slot(range.index).reject(error as Error);
            }
            here = false;
            send();
          });
        } else {
          return;
        }
      }
    };
    const failAll = (error: Error): void => {
      for (let index = taken; index < ranges.length; index++) slot(index).reject(error);
    };
    for (const worker of this.workers) {
      worker.on('message', (reply: Reply) => {
        if (reply.error !== undefined) slot(reply.index).reject(new Error(reply.error));
        else slot(reply.index).resolve(reply.result as T);
        idle.push(worker);
        send();
      });
      worker.on('error', failAll);
      worker.on('exit', (code) => failAll(new Error(`a ledger worker thread stopped (exit code ${code})`)));
    }
    try {
      while (taken < ranges.length) {
        send();
        const result = await slot(taken).promise;
        slots[taken] = undefined;
        taken += 1;
        yield result;
      }
    } finally {
      closed = true;
      for (const worker of this.workers) worker.removeAllListeners();
      await Promise.all(this.workers.map((worker) => worker.terminate()));
    }
  }
}
