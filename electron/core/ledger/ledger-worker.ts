// A worker thread of the parallel verify and export (range-workers.ts): it runs the job it was
// started with on each range it is sent, and answers with the range's index and its result.
import { parentPort, workerData } from 'node:worker_threads';
import { runRangeJob, type RangeJob } from './range-jobs.js';
import type { LineRange } from './line-ranges.js';

const port = parentPort;
if (port !== null) {
  const job = workerData as RangeJob;
  port.on('message', (range: LineRange) => {
    let result;
    try {
      result = runRangeJob(job, range);
    } catch (error) {
      port.postMessage({ index: range.index, error: error instanceof Error ? error.message : String(error) });
      return;
    }
    // An export's bytes are moved to the caller's thread, not copied.
    port.postMessage({ index: range.index, result }, 'bytes' in result ? [result.bytes.buffer as ArrayBuffer] : []);
  });
  port.postMessage({ ready: true });
}
