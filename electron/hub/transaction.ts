// One transaction on a pooled connection: committed when the work is done, rolled back when
// it throws (or asks not to keep it), and a connection that failed mid-way is dropped from
// the pool rather than handed to the next caller.
import type { Pool, PoolClient } from 'pg';

export interface TransactionOptions<T> {
  /** Whether to keep what the work did, from its result; kept whenever it returns, without this. */
  keepIf?: (result: T) => boolean;
}

export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>, options: TransactionOptions<T> = {}): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query(options.keepIf === undefined || options.keepIf(result) ? 'COMMIT' : 'ROLLBACK');
    return result;
  } catch (error) {
    broken = error as Error;
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release(broken);
  }
}
