// Entry of the fleet page, served by the records hub at /fleet/.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import en from '../../locales/en/fleet.json';
import ja from '../../locales/ja/fleet.json';
import { preloadConsoleGlyphs, stringsOf } from '../console-kit/console-fonts.js';
import { FleetPage } from './FleetPage.js';
import { fleetText } from './fleet-text.js';
import '../console-kit/console-kit.css';
import './fleet.css';

const container = document.getElementById('root');
if (!container) throw new Error('fleet page: #root is missing from index.html');
// The hub may go away while the page is open: its own text stays legible.
preloadConsoleGlyphs([...stringsOf(ja), ...stringsOf(en), '0123456789:/ —…·']);
createRoot(container).render(
  <StrictMode>
    <I18nextProvider i18n={fleetText}>
      <FleetPage />
    </I18nextProvider>
  </StrictMode>,
);
