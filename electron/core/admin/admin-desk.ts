// The admin screen's calls, as the core answers them: the PIN opens a short admin
// session, and every other call needs a live one.
import type { KioskCallOutput } from '../../shared/kiosk-api.js';
import { KioskError } from '../session/kiosk-error.js';
import { AdminDoor, type AdminDoorOptions } from './admin-door.js';
import { adminStatus, type AdminStatusSources } from './admin-status.js';

export interface AdminDesk {
  calls: {
    adminUnlock(input: { pin: string }): Promise<KioskCallOutput['adminUnlock']>;
    adminStatus(input: { adminSession: string }): Promise<KioskCallOutput['adminStatus']>;
    adminExit(input: { adminSession: string }): Promise<KioskCallOutput['adminExit']>;
    adminLock(input: { adminSession: string }): Promise<KioskCallOutput['adminLock']>;
  };
  onExitRequested(listener: () => void): () => void;
}

export interface AdminDeskOptions {
  door: AdminDoorOptions;
  status: AdminStatusSources;
}

export function createAdminDesk(options: AdminDeskOptions): AdminDesk {
  const door = new AdminDoor(options.door);
  const exitListeners = new Set<() => void>();
  return {
    calls: {
      adminUnlock: ({ pin }) => door.unlock(pin),
      adminStatus: async ({ adminSession }) => {
        door.enter(adminSession);
        return adminStatus(options.status, exitListeners.size > 0);
      },
      adminExit: async ({ adminSession }) => {
        door.enter(adminSession);
        if (exitListeners.size === 0) {
          throw new KioskError('invalid-state', 'this kiosk runs headless: stop its service to end it');
        }
        door.lock(adminSession);
        // After this call has answered: exiting closes the channel the answer travels on.
        setImmediate(() => {
          for (const listener of exitListeners) listener();
        });
        return { ok: true };
      },
      adminLock: async ({ adminSession }) => {
        door.lock(adminSession);
        return { ok: true };
      },
    },
    onExitRequested(listener) {
      exitListeners.add(listener);
      return () => exitListeners.delete(listener);
    },
  };
}
