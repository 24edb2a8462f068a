// The committed JSON Schema is what the zod schema generates, and the example configuration
// that points to it is valid by both.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA_FILE, configJsonSchema, configJsonSchemaText } from '../../../electron/core/config/config-json-schema.js';
import { configSchema } from '../../../electron/core/config/schema.js';

const ROOT = join(import.meta.dirname, '../../..');
const read = (name: string) => readFile(join(ROOT, name), 'utf8');

describe('kokuchi.config.schema.json', () => {
  it('is exactly what the zod schema generates (after changing schema.ts, run `npm run schema`)', async () => {
    expect(await read(CONFIG_SCHEMA_FILE), 'kokuchi.config.schema.json is stale: run `npm run schema` and commit it').toBe(
      configJsonSchemaText(),
    );
  });

  it('accepts the example configuration, which names it in $schema, and refuses what zod refuses', async () => {
    const example = JSON.parse(await read('kokuchi.config.example.json')) as Record<string, unknown>;
    expect(example.$schema).toBe(`./${CONFIG_SCHEMA_FILE}`);
    expect(configSchema.safeParse(example).success).toBe(true);
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(configJsonSchema());
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ retentionDays: 365 })).toBe(true);
    for (const wrong of [{ retentionDays: 0 }, { colour: 'blue' }, { session: { startBy: 'anyone' } }]) {
      expect(configSchema.safeParse(wrong).success).toBe(false);
      expect(validate(wrong)).toBe(false);
    }
  });

  it('explains the fields a counter sets', () => {
    const properties = configJsonSchema().properties as Record<string, { description?: string }>;
    for (const field of ['counterId', 'retentionDays', 'webhooks']) expect(properties[field]?.description).toMatch(/\w/);
  });
});
