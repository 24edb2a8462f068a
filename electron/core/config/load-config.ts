// Reads kokuchi.config.json. A broken file never crashes the kiosk: it yields the
// defaults plus a list of problems (file, field, fix) for the maintenance screen and `doctor`.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { jsonErrorPlace } from './json-error-place.js';
import { configSchema, type KioskConfig } from './schema.js';

export interface LoadedConfig {
  config: KioskConfig;
  /** Empty when the file is valid (or absent). */
  problems: string[];
  /** The file read, or null for the built-in example office. */
  path: string | null;
}

export const EXAMPLE_CONFIG: KioskConfig = configSchema.parse({ office: { example: true } });

export async function loadConfig(path: string | undefined): Promise<LoadedConfig> {
  if (!path) return { config: EXAMPLE_CONFIG, problems: [], path: null };
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String(error);
    return { config: EXAMPLE_CONFIG, problems: [`${path}: cannot be read (${reason})`], path };
  }
  return parseConfigText(text, path);
}

export function parseConfigText(text: string, path: string): LoadedConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return {
      config: EXAMPLE_CONFIG,
      problems: [`${path}: not valid JSON (${jsonErrorPlace(text, error)}); fix the syntax`],
      path,
    };
  }
  const parsed = configSchema.safeParse(raw);
  if (parsed.success) return { config: parsed.data, problems: [], path };
  const problems = parsed.error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    return `${path}: ${field}: ${issue.message}`;
  });
  return { config: EXAMPLE_CONFIG, problems, path };
}

/** Hash of the effective configuration, secrets left out, for `kiosk.started`. */
export function configVersion(config: KioskConfig): string {
  const { staffLink, webhooks, hub, admin: _admin, ...rest } = config;
  const publicPart = {
    ...rest,
    // Absent when not configured, so a configuration without a hub keeps its version.
    hub: hub ? { url: hub.url } : undefined,
    staffLink: { ...staffLink, token: undefined },
    webhooks: webhooks.map((hook) => ({ url: hook.url, events: hook.events })),
  };
  return `sha256:${createHash('sha256').update(JSON.stringify(publicPart)).digest('hex')}`;
}

