// kokuchi.config.schema.json, generated from the zod schema (the single source) so that
// editors complete and check kokuchi.config.json; a test keeps the committed file in sync.
import { z } from 'zod';
import { configSchema } from './schema.js';

export const CONFIG_SCHEMA_FILE = 'kokuchi.config.schema.json';

/** The JSON Schema of what a configuration file may hold (every field optional: each has a default). */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, { io: 'input', target: 'draft-2020-12' });
  return { ...schema, title: 'Kokuchi counter configuration (kokuchi.config.json)' };
}

/** The file's exact text: two-space JSON and a final newline. */
export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
