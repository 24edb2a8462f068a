// The kiosk page: follows the core's view and shows one screen for it. The page decides
// nothing about the session; it shows what the core says and reports what the resident does.
import { useEffect, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { KioskApi, KioskView, SessionView } from '../../electron/shared/kiosk-api.js';
import { AdminEntry } from '../admin/AdminEntry.js';
import { KioskContext } from './kiosk-context.js';
import { RecordingIndicator } from './RecordingIndicator.js';
import { EndedScreen } from './screens/EndedScreen.js';
import { IdleScreen } from './screens/IdleScreen.js';
import { MaintenanceScreen } from './screens/MaintenanceScreen.js';
import { NoticeScreen } from './screens/NoticeScreen.js';
import { QuestionScreen } from './screens/QuestionScreen.js';
import { RecordingScreen } from './screens/RecordingScreen.js';
import { ThanksScreen } from './screens/ThanksScreen.js';
import { TimeoutScreen } from './screens/TimeoutScreen.js';
import { useKioskView } from './use-kiosk-view.js';
import { useLocales } from './use-locales.js';
import { useNoticeShownReporter, type ReportNoticeShown } from './use-notice-shown.js';
import { useTouchKeepalive } from './use-touch-keepalive.js';

export function App({ api }: { api: KioskApi }) {
  const live = useKioskView(api);
  const uiText = useLocales(api, live?.view ?? null);
  useTouchKeepalive(api);
  if (!live || !uiText) return <div className="kiosk is-starting" aria-busy="true" />;
  return (
    <I18nextProvider i18n={uiText}>
      <KioskContext.Provider value={{ api, clockOffset: live.clockOffset }}>
        <AdminEntry api={api} screen={live.view.screen}>
          <Kiosk api={api} view={live.view} />
        </AdminEntry>
      </KioskContext.Provider>
    </I18nextProvider>
  );
}

function Kiosk({ api, view }: { api: KioskApi; view: KioskView }) {
  const session = view.session;
  const language = session?.language ?? view.defaultLanguage;
  const reportShown = useNoticeShownReporter(api, session?.sessionId ?? null);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  if (view.screen === 'maintenance') {
    return (
      <div className="kiosk">
        <MaintenanceScreen view={view} />
      </div>
    );
  }
  if (view.screen === 'idle' || !session) {
    return (
      <div className="kiosk">
        <IdleScreen view={view} />
      </div>
    );
  }
  // Keyed by session: nothing the previous resident chose (text size, re-reading) carries over.
  return <ResidentVisit key={session.sessionId} view={view} session={session} reportShown={reportShown} />;
}

interface VisitProps {
  view: KioskView;
  session: SessionView;
  reportShown: ReportNoticeShown;
}

function ResidentVisit({ view, session, reportShown }: VisitProps) {
  const [largeText, setLargeText] = useState(false);
  const [rereading, setRereading] = useState(false);
  const screen = view.screen;
  useEffect(() => setRereading(false), [screen]);

  const notice = (onBackToStaff?: () => void) => (
    <NoticeScreen
      view={view}
      session={session}
      largeText={largeText}
      onToggleLargeText={() => setLargeText((large) => !large)}
      reportShown={reportShown}
      onBackToStaff={onBackToStaff}
    />
  );
  const readAgain = () => setRereading(true);
  const backToStaff = () => setRereading(false);
  const language = session.language;

  let content;
  switch (screen) {
    case 'notice':
      content = notice();
      break;
    case 'question':
      content = rereading ? notice(backToStaff) : <QuestionScreen language={language} onReadAgain={readAgain} />;
      break;
    case 'timeout':
      content = rereading ? notice(backToStaff) : <TimeoutScreen language={language} onReadAgain={readAgain} />;
      break;
    case 'thanks':
      content = <ThanksScreen session={session} />;
      break;
    case 'recording':
      content = <RecordingScreen session={session} />;
      break;
    case 'ended':
    default: // idle and maintenance never get here (see Kiosk)
      content = <EndedScreen language={language} mode={session.recording} />;
  }

  // Once logging has started the indicator stays on every screen, not just the recording one
  // (which shows its own), until staff end the session: the ended screen says it has stopped.
  const since = screen === 'recording' || screen === 'ended' ? null : session.loggingSince;
  return (
    <div className={largeText ? 'kiosk large-text' : 'kiosk'}>
      {since !== null && <RecordingIndicator since={since} language={language} mode={session.recording} paused={session.pausedSince !== null} />}
      {content}
    </div>
  );
}
