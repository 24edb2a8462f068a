// Entry of the resident's kiosk page. Finds the core (Electron preload or the headless
// shell's WebSocket) once; everything else follows the views the core pushes.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getKioskApi } from '../bridge/index.js';
import { App } from './App.js';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('kiosk page: #root is missing from index.html');
const root = createRoot(container);

try {
  const api = getKioskApi();
  root.render(
    <StrictMode>
      <App api={api} />
    </StrictMode>,
  );
} catch (error) {
  // Only reachable when the page is opened by hand: tell the person at the keyboard why.
  root.render(<p className="startup-problem">{error instanceof Error ? error.message : String(error)}</p>);
}
