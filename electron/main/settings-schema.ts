// What the Electron kiosk keeps in electron-store (`settings.json` in userData): the
// run-time settings the core creates, plus a copy of the last configuration that loaded
// cleanly. One zod schema checks the file before electron-store opens it and generates
// the JSON Schema electron-store validates every write against.
import { z } from 'zod';
import { configSchema } from '../core/index.js';

export const lastGoodConfigSchema = z
  .object({
    /** The kokuchi.config.json it was read from. */
    path: z.string(),
    savedAt: z.iso.datetime(),
    /** The file's content, exactly as written by the office. */
    config: configSchema,
  })
  .strict();
export type LastGoodConfig = z.input<typeof lastGoodConfigSchema>;

export const settingsSchema = z
  .object({
    kioskId: z.string().min(1).max(128).optional(),
    staffToken: z.string().min(1).max(256).optional(),
    lastGoodConfig: lastGoodConfigSchema.optional(),
  })
  // Keys written by newer versions or other tools are kept, not refused.
  .catchall(z.unknown());

/** Whether `value` is a settings object this version can use. */
export function isUsableSettings(value: unknown): boolean {
  return settingsSchema.safeParse(value).success;
}

type JsonSchema = Record<string, unknown>;

/** The `schema` option of electron-store (conf): the JSON Schema of each top-level key. */
export function settingsJsonSchema(): Record<string, JsonSchema> {
  const { properties } = z.toJSONSchema(settingsSchema, { io: 'input' }) as { properties: Record<string, JsonSchema> };
  return properties;
}
