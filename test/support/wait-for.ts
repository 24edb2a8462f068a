// The one way a test waits for something it cannot be told about directly: Vitest's own
// poller, failing with the test's words for what it waited for.
import { vi } from 'vitest';

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/** Polls `done` until it holds; a `done` that throws counts as not yet (a server still starting). */
export async function waitFor(done: () => boolean | Promise<boolean>, what: string, { timeoutMs = 15_000, intervalMs = 20 }: WaitOptions = {}): Promise<void> {
  await vi.waitFor(
    async () => {
      if (!(await done())) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    },
    { timeout: timeoutMs, interval: intervalMs },
  );
}
