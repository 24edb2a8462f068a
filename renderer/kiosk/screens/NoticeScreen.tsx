// The notice itself, in the resident's language, with the two answers always in view.
import { useEffect, useState } from 'react';
import type { KioskView, SessionView } from '../../../electron/shared/kiosk-api.js';
import { AnswerTimer } from '../AnswerTimer.js';
import { AnswerButtons } from './AnswerButtons.js';
import { logCallFailure, useKiosk } from '../kiosk-context.js';
import { LanguageOverlay } from '../LanguageOverlay.js';
import { PolicyQrCode } from '../PolicyQrCode.js';
import { useReadAloud } from '../read-aloud.js';
import { RubyText } from '../ruby.js';
import { useUiText } from '../ui-text.js';
import { afterPaint, type ReportNoticeShown } from '../use-notice-shown.js';
import { NoticeTools } from './NoticeTools.js';

interface Props {
  view: KioskView;
  session: SessionView;
  largeText: boolean;
  onToggleLargeText(): void;
  reportShown: ReportNoticeShown;
  /**
   * Set when the notice is read again after a question or a timeout: the answer time is
   * over, and "I have a question" goes back to the staff message (the core already knows).
   */
  onBackToStaff?: () => void;
}

const sectionKind = (key: string) => key.split('.')[0];

export function NoticeScreen({ view, session, largeText, onToggleLargeText, reportShown, onBackToStaff }: Props) {
  const { api } = useKiosk();
  const { notice, sessionId } = session;
  const t = useUiText(notice.language);
  const [picking, setPicking] = useState(false);
  const [changingLanguage, setChangingLanguage] = useState(false);
  const readAloud = useReadAloud(notice);

  useEffect(() => afterPaint(() => reportShown(sessionId, notice.version)), [reportShown, sessionId, notice.version]);

  const changeLanguage = (language: string) => {
    setChangingLanguage(true);
    api
      .changeLanguage({ sessionId, language })
      .then(() => setPicking(false), logCallFailure('changeLanguage'))
      .finally(() => setChangingLanguage(false));
  };

  const summary = notice.sections.find((section) => section.key === 'summary');
  const fullNotice = notice.sections.filter((section) => section !== summary);
  const hasPolicySection = notice.sections.some((section) => sectionKind(section.key) === 'policy');
  const qrCode = <PolicyQrCode url={notice.policyUrl} label={t('notice.scanQr')} />;
  const staffName = session.staffName;
  const staffNameMissing =
    staffName !== null && !notice.sections.some((section) => section.paragraphs.some((p) => p.includes(staffName)));

  return (
    <main
      className="screen notice-screen"
      data-testid="screen-notice"
      data-notice-version={notice.version}
      lang={notice.language}
    >
      <NoticeTools
        language={notice.language}
        readAloud={readAloud}
        largeText={largeText}
        onToggleLargeText={onToggleLargeText}
        onChangeLanguage={() => setPicking(true)}
      />
      <div className="notice-body" role="region" aria-labelledby="notice-title" tabIndex={0}>
        {/* The first layer: in view with both answers at every size, the full notice below it. */}
        <section className="notice-summary" data-testid="notice-summary">
          <h1 id="notice-title" className="notice-title">
            <RubyText text={notice.title} />
          </h1>
          {summary?.paragraphs.map((paragraph, index) => (
            <p key={index}>
              <RubyText text={paragraph} />
            </p>
          ))}
        </section>
        {!notice.reviewed && (
          <p className="unreviewed-note">
            <RubyText text={t('notice.unreviewed')} />
          </p>
        )}
        {fullNotice.map((section) => (
          <section key={section.key} className="notice-section">
            {section.heading && (
              <h2>
                <RubyText text={section.heading} />
              </h2>
            )}
            {section.paragraphs.map((paragraph, index) => (
              <p key={index}>
                <RubyText text={paragraph} />
              </p>
            ))}
            {sectionKind(section.key) === 'policy' && qrCode}
          </section>
        ))}
        {staffNameMissing && (
          <section className="notice-section notice-staff">
            <p>{staffName}</p>
          </section>
        )}
        {!hasPolicySection && <section className="notice-section">{qrCode}</section>}
      </div>
      <footer className="notice-answers">
        {!onBackToStaff && session.answerDeadline !== null && (
          <AnswerTimer deadline={session.answerDeadline} language={notice.language} />
        )}
        <AnswerButtons sessionId={sessionId} answers={notice.answers} onBackToStaff={onBackToStaff} />
      </footer>
      {picking && (
        <LanguageOverlay
          languages={view.languages}
          current={notice.language}
          busy={changingLanguage}
          onChoose={changeLanguage}
          onClose={() => setPicking(false)}
        />
      )}
    </main>
  );
}
