// Once a kiosk has run a real office's configuration, a broken or missing file must not
// bring back the example office's guards: the settings remember the office's admin PIN (as
// a hash) and its staff link TLS, and a fallback keeps them and stays in maintenance.
import { z } from 'zod';
import { lockPin, pinLockSchema, pinOpens, type PinLock } from '../admin/pin-lock.js';
import { adminPinInForce } from '../admin/admin-door.js';
import type { SettingsStore } from '../kiosk-core.js';
import type { LoadedConfig } from './load-config.js';
import type { KioskConfig } from './schema.js';

export const CONFIGURED_OFFICE_SETTING = 'configuredOffice';

export const configuredOfficeSchema = z
  .object({
    /** When a real configuration first loaded cleanly here. */
    since: z.iso.datetime(),
    /** null: the office left the default PIN, so its admin screen stays closed. */
    adminPin: pinLockSchema.nullable(),
    tls: z.object({ cert: z.string(), key: z.string() }).strict().optional(),
  })
  .strict();
export type ConfiguredOffice = z.infer<typeof configuredOfficeSchema>;

export interface OfficeGuards {
  /** What opens the admin screen: the PIN in force, the remembered one, or null (closed). */
  adminPin: string | PinLock | null;
  tls: KioskConfig['staffLink']['tls'];
  /** Why the kiosk is in maintenance although loading the file raised nothing. */
  problems: string[];
}

function remembered(settings: SettingsStore): ConfiguredOffice | null {
  const parsed = configuredOfficeSchema.safeParse(settings.get(CONFIGURED_OFFICE_SETTING));
  return parsed.success ? parsed.data : null;
}

function fromConfig(config: KioskConfig, since: string): ConfiguredOffice {
  const pin = adminPinInForce(config);
  return { since, adminPin: pin === null ? null : lockPin(pin), ...(config.staffLink.tls && { tls: config.staffLink.tls }) };
}

/**
 * The guards to run with. A clean real file is remembered and used; after a fallback to the
 * example office, a kiosk that was configured (remembered, or the shell's last good copy)
 * keeps the office's guards, and a file that exists but is broken never opens PIN 0000.
 */
export function officeGuards(
  loaded: LoadedConfig,
  settings: SettingsStore,
  lastGoodConfig: KioskConfig | undefined,
  now: () => Date = () => new Date(),
): OfficeGuards {
  const known = remembered(settings);
  if (loaded.path !== null && loaded.problems.length === 0) {
    const pin = adminPinInForce(loaded.config);
    const samePin = known !== null && (pin === null ? known.adminPin === null : known.adminPin !== null && pinOpens(known.adminPin, pin));
    const next = fromConfig(loaded.config, known?.since ?? now().toISOString());
    if (!samePin || JSON.stringify(known?.tls) !== JSON.stringify(next.tls)) {
      settings.set(CONFIGURED_OFFICE_SETTING, samePin && known ? { ...next, adminPin: known.adminPin } : next);
    }
    return { adminPin: pin, tls: loaded.config.staffLink.tls, problems: [] };
  }
  const office = known ?? (lastGoodConfig === undefined ? null : fromConfig(lastGoodConfig, now().toISOString()));
  if (office === null) {
    // Never configured: the example office, whose PIN is the default, unless a file exists and is broken.
    return { adminPin: loaded.path === null ? adminPinInForce(loaded.config) : null, tls: loaded.config.staffLink.tls, problems: [] };
  }
  const problems =
    loaded.path === null
      ? [`no kokuchi.config.json was found, but this kiosk has run an office's configuration since ${office.since}: put the file back (or set KOKUCHI_CONFIG), then restart the kiosk`]
      : [];
  return { adminPin: office.adminPin, tls: office.tls, problems };
}
