// The pairing token in force. The configuration or KOKUCHI_STAFF_TOKEN fix it; otherwise it is
// the one generated into the settings, which `kokuchi token --rotate` may replace while the kiosk runs.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { SettingsStore } from '../kiosk-core.js';

export const TOKEN_SETTING = 'staffToken';

/** What the settings file may hold as a token; `hello` carries at most 256 characters. */
const storedToken = z.string().regex(/^[\x21-\x7e]{1,256}$/);

export interface PairingToken {
  current(): string;
  /** `listener` runs after the token was replaced; returns an unsubscribe. */
  onRotate(listener: () => void): () => void;
  /** Stops following the settings. */
  close(): void;
}

export function newPairingToken(): string {
  return randomBytes(32).toString('base64url');
}

export function pairingToken(fixed: string | undefined, settings: SettingsStore): PairingToken {
  const listeners = new Set<() => void>();
  let token = fixed ?? storedOrNew(settings);
  const stopFollowing =
    fixed === undefined
      ? settings.onDidChange?.(TOKEN_SETTING, (value) => {
          const parsed = storedToken.safeParse(value);
          // A removed or mangled setting keeps the token in force rather than locking everyone out.
          if (!parsed.success || parsed.data === token) return;
          token = parsed.data;
          for (const listener of listeners) listener();
        })
      : undefined;
  return {
    current: () => token,
    onRotate(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      stopFollowing?.();
      listeners.clear();
    },
  };
}

function storedOrNew(settings: SettingsStore): string {
  const parsed = storedToken.safeParse(settings.get(TOKEN_SETTING));
  if (parsed.success) return parsed.data;
  const token = newPairingToken();
  settings.set(TOKEN_SETTING, token);
  return token;
}
