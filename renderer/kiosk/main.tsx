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
  const api = getKioskApi({
    // A reload elsewhere in this browser holds the screen now: show nothing a resident could tap.
    onTakenOver: () => root.render(<p className="startup-problem">This kiosk screen is open in another window.</p>),
  });
  root.render(
    <StrictMode>
      <App api={api} />
    </StrictMode>,
  );
} catch (error) {
  // Tell the person at the keyboard why the kiosk cannot start.
  root.render(<p className="startup-problem">{error instanceof Error ? error.message : String(error)}</p>);
}
