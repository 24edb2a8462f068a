// Every unit a kiosk with this configuration can show in a language, rendered by the real
// renderNotice: both recording modes, with and without a staff member's heading.
import type { KioskConfig } from '../../electron/core/config/schema.js';
import { renderNotice } from '../../electron/core/notice/render-notice.js';
import type { Locale } from '../../electron/core/notice/locale-files.js';
import { RECORDING_MODES } from '../../electron/shared/events.js';
import { spokenUnits, unitHash } from '../../renderer/kiosk/spoken-units.js';

// A staff member's name is known only at the counter: its sentence is never pre-recorded.
const STAFF_PLACEHOLDER = '\u0000staff\u0000';

/** Unit hash → unit text, in first-shown order. */
export async function noticeUnits(locale: Locale, config: KioskConfig): Promise<Map<string, string>> {
  const units = new Map<string, string>();
  for (const recording of RECORDING_MODES) {
    for (const staffName of [null, STAFF_PLACEHOLDER]) {
      const notice = renderNotice(locale, config, { recording, staffName });
      for (const unit of spokenUnits(notice)) {
        if (unit.includes(STAFF_PLACEHOLDER)) continue;
        units.set(await unitHash(unit), unit);
      }
    }
  }
  return units;
}
