// The fleet page's strings, Japanese and English.
import en from '../../locales/en/fleet.json';
import ja from '../../locales/ja/fleet.json';
import { consoleText } from '../console-kit/console-text.js';

export const { i18n: fleetText, save: saveFleetLanguage } = consoleText('fleet', 'kokuchi.fleet.uiLanguage', { ja, en });

/** Why the hub refused the page's token. */
export type TokenRefusal = { unauthorized: true } | { unauthorized: false; reason: string };
