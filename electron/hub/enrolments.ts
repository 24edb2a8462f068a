// Kiosk secrets: `hub enroll` makes one per counter; the first kiosk id that signs with it
// is bound to it, and from then on only that kiosk's records verify with it.
import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { z } from 'zod';
import { inTransaction } from './transaction.js';

/** Standard Webhooks asks for 24 to 64 bytes; the kiosk's configuration demands at least 24. */
const SECRET_BYTES = 32;

export const counterIdSchema = z
  .string()
  .regex(/^[\p{L}\p{N}._-]{1,64}$/u, 'must be 1 to 64 letters, digits, ".", "_" or "-", as in the kiosk\'s counterId');

export interface Enrolment {
  id: number;
  counterId: string;
  secret: string;
  kioskId: string | null;
}

export async function enrol(pool: Pool, counterId: string): Promise<string> {
  const counter = counterIdSchema.safeParse(counterId);
  if (!counter.success) throw new Error(`--counter ${JSON.stringify(counterId)}: ${counter.error.issues[0]?.message ?? 'invalid'}`);
  const secret = `whsec_${randomBytes(SECRET_BYTES).toString('base64')}`;
  await pool.query('INSERT INTO enrolments (counter_id, secret) VALUES ($1, $2)', [counter.data, secret]);
  return secret;
}

export async function readEnrolments(pool: Pool): Promise<Enrolment[]> {
  const { rows } = await pool.query<{ id: number; counter_id: string; secret: string; kiosk_id: string | null }>(
    'SELECT id::float8 AS id, counter_id, secret, kiosk_id FROM enrolments WHERE retired_at IS NULL ORDER BY id',
  );
  return rows.map((row) => ({ id: row.id, counterId: row.counter_id, secret: row.secret, kioskId: row.kiosk_id }));
}

/** Binds an unbound enrolment to a kiosk; false when another ingest bound it first. */
export async function bindEnrolment(pool: Pool, enrolmentId: number, kioskId: string): Promise<boolean> {
  const result = await pool.query('UPDATE enrolments SET kiosk_id = $1, bound_at = now() WHERE id = $2 AND kiosk_id IS NULL', [
    kioskId, enrolmentId,
  ]);
  return result.rowCount === 1;
}

/**
 * Secret rotation: the kiosk bound to `old` signed with the unbound enrolment `fresh` (its
 * counter enrolled again). The new secret is bound and the old one retired in one step, so
 * from then on only the new secret signs for that kiosk. False when another ingest won.
 */
export function rotateEnrolment(pool: Pool, fresh: number, old: number, kioskId: string): Promise<boolean> {
  return inTransaction(
    pool,
    async (client) => {
      const retired = await client.query('UPDATE enrolments SET retired_at = now() WHERE id = $1 AND kiosk_id = $2 AND retired_at IS NULL', [old, kioskId]);
      const bound = await client.query('UPDATE enrolments SET kiosk_id = $1, bound_at = now() WHERE id = $2 AND kiosk_id IS NULL AND retired_at IS NULL', [
        kioskId, fresh,
      ]);
      return retired.rowCount === 1 && bound.rowCount === 1;
    },
    { keepIf: (rotated) => rotated },
  );
}
