// The console's own strings, Japanese and English (the console is for staff; the fourteen
// resident languages live in the kiosk's locales).
import en from '../../locales/en/staff.json';
import ja from '../../locales/ja/staff.json';
import { consoleText } from '../console-kit/console-text.js';

export const { i18n: staffText, save: saveConsoleLanguage } = consoleText('staff', 'kokuchi.staff.uiLanguage', { ja, en });
