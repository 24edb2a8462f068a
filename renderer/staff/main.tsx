// Entry of the staff console, served by the staff link at /staff/. It talks to the
// kiosk only through the integrators' StaffClient, like any other staff app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import en from '../../locales/en/staff.json';
import ja from '../../locales/ja/staff.json';
import { StaffConsole } from './StaffConsole.js';
import { preloadConsoleGlyphs, stringsOf } from '../console-kit/console-fonts.js';
import { languageNames } from './language-names.js';
import { staffText } from './staff-text.js';
import '../console-kit/console-kit.css';
import './staff.css';

const container = document.getElementById('root');
if (!container) throw new Error('staff console: #root is missing from index.html');
preloadConsoleGlyphs([
  ...stringsOf(ja),
  ...stringsOf(en),
  ...languageNames('ja', '').flatMap((name) => [name.native, name.local ?? '']),
  ...languageNames('en', '').map((name) => name.local ?? ''),
  '0123456789:/ —…',
]);
createRoot(container).render(
  <StrictMode>
    <I18nextProvider i18n={staffText}>
      <StaffConsole />
    </I18nextProvider>
  </StrictMode>,
);
