// The console's one StaffClient: connects with the token, follows the latest session,
// and sounds the alert when a resident waits for a person (only for live events, not
// for history replayed after a reconnect).
import { useEffect, useRef, useState } from 'react';
import {
  StaffClient,
  webStorageSeqStore,
  type ConnectionState,
  type StaffClientErrorCode,
  type Welcome,
} from '../../electron/staff-client/index.js';
import { playAlertTone } from './alert-tone.js';
import { followSession, fromSnapshot, needsStaff, type SessionProgress } from './session-progress.js';

const SEQ_KEY = 'kokuchi.staff.lastSeq';

export interface StaffLinkView {
  client: StaffClient | null;
  state: ConnectionState;
  /** Why the kiosk refused the connection (a wrong token, too many attempts), if it did. */
  refusal: StaffClientErrorCode | null;
  welcome: Welcome | null;
  session: SessionProgress | null;
  /** How many times the alert has sounded (for the page's status and tests). */
  alertsSounded: number;
}

export function forgetLastSeq(): void {
  sessionStorage.removeItem(SEQ_KEY);
}

export function useStaffLink(token: string | null): StaffLinkView {
  const [client, setClient] = useState<StaffClient | null>(null);
  const [state, setState] = useState<ConnectionState>('idle');
  const [refusal, setRefusal] = useState<StaffClientErrorCode | null>(null);
  const [welcome, setWelcome] = useState<Welcome | null>(null);
  const [session, setSession] = useState<SessionProgress | null>(null);
  const [alertsSounded, setAlertsSounded] = useState(0);
  const sessionRef = useRef<SessionProgress | null>(null);

  useEffect(() => {
    if (token === null) return;
    const staff = new StaffClient({ store: webStorageSeqStore(sessionStorage, SEQ_KEY), client: { name: 'kokuchi-staff-console', version: '1' } });
    let liveAfter = Number.POSITIVE_INFINITY;
    const show = (next: SessionProgress | null, live: boolean) => {
      const wasWaiting = needsStaff(sessionRef.current);
      sessionRef.current = next;
      setSession(next);
      if (live && needsStaff(next) && !wasWaiting && playAlertTone()) setAlertsSounded((count) => count + 1);
    };
    const stops = [
      staff.on('state', (next) => setState(next)),
      staff.on('welcome', (greeting) => {
        liveAfter = greeting.lastSeq;
        setWelcome(greeting);
        const active = greeting.activeSession;
        // Replayed events will bring a session we already follow up to date; the snapshot fills in one we do not know.
        if (active && active.sessionId !== sessionRef.current?.sessionId) show(fromSnapshot(active), true);
      }),
      staff.on('event', (event) => show(followSession(sessionRef.current, event), event.seq > liveAfter)),
    ];
    setClient(staff);
    setRefusal(null);
    staff.connect(`${location.origin}/`, token).catch((error: { code?: StaffClientErrorCode }) => {
      if (error.code !== 'closed') setRefusal(error.code ?? 'bad-frame');
    });
    return () => {
      for (const stop of stops) stop();
      staff.close();
      sessionRef.current = null;
      setClient(null);
      setState('idle');
      setWelcome(null);
      setSession(null);
    };
  }, [token]);

  return { client, state, refusal, welcome, session, alertsSounded };
}
