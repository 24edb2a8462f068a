// The hub's own configuration file (`kokuchi hub --config F`): how long it keeps records,
// which extra names it answers to behind a proxy, and the office named in JSON-LD exports.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

const hostName = z
  .string()
  .regex(/^[A-Za-z0-9.-]{1,253}$|^\[?[0-9A-Fa-f:.]{2,45}\]?$/, 'must be a host name or an IP address, without a port');

export const hubConfigSchema = z
  .object({
    $schema: z.string().optional(),
    retentionDays: z
      .number()
      .int()
      .min(1)
      .max(36500)
      .nullable()
      .default(null)
      .describe('Days the hub keeps a record (by its own ts); null keeps every record for ever.'),
    hostNames: z
      .array(hostName)
      .max(64)
      .default([])
      .describe('Names the hub also answers to (a reverse proxy\'s or DNS name); any other Host header gets 421.'),
    office: z
      .object({ name: z.record(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/), z.string().min(1).max(200)).default({}) })
      .strict()
      .prefault({})
      .describe('The data controller named in `hub export --format jsonld`, per language.'),
  })
  .strict();

export type HubConfig = z.infer<typeof hubConfigSchema>;

export const DEFAULT_HUB_CONFIG: HubConfig = hubConfigSchema.parse({});

/** The file's settings, or the defaults without a file; a bad file is an error naming the field. */
export async function loadHubConfig(file: string | undefined): Promise<HubConfig> {
  if (file === undefined) return DEFAULT_HUB_CONFIG;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`--config ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`--config ${file}: not JSON (${(error as Error).message})`);
  }
  const parsed = hubConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`--config ${file}: ${issue?.path.join('.') || '(top level)'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
