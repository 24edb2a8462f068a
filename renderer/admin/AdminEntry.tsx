// Where the admin screen joins the kiosk page: the hidden corner while the kiosk is at rest,
// then the PIN, then the admin screen. A resident's session takes the screen back at once,
// and an admin screen left alone closes by itself.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { KioskApi, Screen } from '../../electron/shared/kiosk-api.js';
import { AdminCorner } from './AdminCorner.js';
import { AdminPinPad } from './AdminPinPad.js';
import { AdminScreen } from './AdminScreen.js';
import './admin.css';

const LEFT_ALONE_MS = 2 * 60_000;

type Stage = { step: 'closed' } | { step: 'pin' } | { step: 'open'; adminSession: string };

interface Props {
  api: KioskApi;
  screen: Screen;
  children: ReactNode;
}

export function AdminEntry({ api, screen, children }: Props) {
  const [stage, setStage] = useState<Stage>({ step: 'closed' });
  const stageNow = useRef(stage);
  useEffect(() => {
    stageNow.current = stage;
  }, [stage]);
  const atRest = screen === 'idle' || screen === 'maintenance';

  const close = useCallback(() => {
    const current = stageNow.current;
    // Ends the admin session in the core too, so it cannot be reused from this page later.
    if (current.step === 'open') {
      api.adminLock({ adminSession: current.adminSession }).catch((error: unknown) => console.warn('admin: adminLock failed', error));
    }
    setStage({ step: 'closed' });
  }, [api]);

  useEffect(() => {
    if (!atRest) close();
  }, [atRest, close]);

  useEffect(() => {
    if (stage.step === 'closed') return;
    let timer = setTimeout(close, LEFT_ALONE_MS);
    const stillHere = () => {
      clearTimeout(timer);
      timer = setTimeout(close, LEFT_ALONE_MS);
    };
    document.addEventListener('pointerdown', stillHere, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      document.removeEventListener('pointerdown', stillHere, { capture: true });
    };
  }, [stage.step, close]);

  if (stage.step === 'closed' || !atRest) {
    return (
      <>
        {children}
        {atRest && <AdminCorner onOpen={() => setStage({ step: 'pin' })} />}
      </>
    );
  }
  return (
    <div className="kiosk admin-kiosk">
      {stage.step === 'pin' ? (
        <AdminPinPad api={api} onUnlocked={(adminSession) => setStage({ step: 'open', adminSession })} onCancel={close} />
      ) : (
        <AdminScreen api={api} adminSession={stage.adminSession} onClose={close} />
      )}
    </div>
  );
}
