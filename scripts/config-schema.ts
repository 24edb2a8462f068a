// `npm run schema`: regenerates kokuchi.config.schema.json from electron/core/config/schema.ts.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { CONFIG_SCHEMA_FILE, configJsonSchemaText } from '../electron/core/config/config-json-schema.js';

const file = fileURLToPath(new URL(`../${CONFIG_SCHEMA_FILE}`, import.meta.url));
await writeFile(file, configJsonSchemaText());
console.log(`wrote ${CONFIG_SCHEMA_FILE}`);
