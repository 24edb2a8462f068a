// The latest session, live: its step in words, an unmistakable alert when the resident
// waits for a person, what has happened so far, and the staff member's actions.
import { useTranslation } from 'react-i18next';
import type { StaffClient } from '../../electron/staff-client/index.js';
import { CommandError } from './CommandError.js';
import { OverrideForm } from './OverrideForm.js';
import { PauseControl } from './PauseControl.js';
import { isOpen, needsStaff, type SessionProgress } from './session-progress.js';
import { useCommand } from './use-command.js';

interface Props {
  client: StaffClient | null;
  session: SessionProgress | null;
  linkOpen: boolean;
  alertsSounded: number;
}

export function SessionPanel({ client, session, linkOpen, alertsSounded }: Props) {
  const { t, i18n } = useTranslation();
  const end = useCommand();
  const time = (at: string | null) =>
    at === null ? '' : new Date(at).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

  if (!session) {
    return (
      <section className="card session" aria-labelledby="session-heading" data-testid="session-panel" data-step="none">
        <h2 id="session-heading">{t('session.heading')}</h2>
        <p className="session-none" data-testid="session-state">
          {t('session.none')}
        </p>
      </section>
    );
  }
  const open = isOpen(session);
  const waiting = needsStaff(session);
  return (
    <section className={`card session step-${session.step}`} aria-labelledby="session-heading" data-testid="session-panel" data-step={session.step}>
      <h2 id="session-heading">{t('session.heading')}</h2>
      {waiting && (
        <div className="staff-alert" role="alert" data-testid="staff-alert" data-alerts-sounded={alertsSounded}>
          <p className="staff-alert-title">
            <span aria-hidden="true">⚠ </span>
            {t(session.step === 'questioned' ? 'alert.questioned' : 'alert.timeout')}
          </p>
          <p>{t('alert.action')}</p>
        </div>
      )}
      <p className="session-state" aria-live="polite" data-testid="session-state">
        {session.step === 'logging' && <span className="recording-dot" aria-hidden="true" />}
        {t(`session.step.${session.step}`)}
      </p>
      <dl className="session-facts">
        {session.by && (
          <div>
            <dt>{t('session.startedBy')}</dt>
            <dd>{t(`session.by.${session.by}`)}</dd>
          </div>
        )}
        {session.staffName && (
          <div>
            <dt>{t('session.staffName')}</dt>
            <dd>{session.staffName}</dd>
          </div>
        )}
        {session.recording && (
          <div>
            <dt>{t('session.recording')}</dt>
            <dd>{t(`session.recordingMode.${session.recording}`)}</dd>
          </div>
        )}
      </dl>
      {session.logging && (
        <p className="hint" data-testid="logging-by">
          {session.logging.by === 'staff-override'
            ? t('session.loggingByOverride', { reason: session.logging.reason ?? '' })
            : t('session.loggingByAcknowledgement')}
        </p>
      )}
      <h3>{t('session.history.heading')}</h3>
      <ol className="history" data-testid="session-history">
        {session.history.map((entry, index) => (
          <li key={index} className={`history-${entry.step}`}>
            <span className="history-step">{t(`session.history.${entry.step}`)}</span>
            <time dateTime={entry.at ?? undefined}>{time(entry.at)}</time>
          </li>
        ))}
      </ol>
      {(session.step === 'logging' || session.step === 'paused') && (
        <PauseControl
          key={session.sessionId}
          client={client}
          sessionId={session.sessionId}
          paused={session.step === 'paused'}
          pausedReason={session.pause?.reason ?? null}
          enabled={linkOpen}
        />
      )}
      {open && session.step !== 'logging' && session.step !== 'paused' && <OverrideForm key={session.sessionId} client={client} sessionId={session.sessionId} enabled={linkOpen} />}
      {open && (
        <div className="end-row">
          <button
            type="button"
            className="danger"
            disabled={!linkOpen || end.busy}
            onClick={() => client && void end.run(() => client.end(session.sessionId))}
            data-testid="end-session"
          >
            {t('end.submit')}
          </button>
          <CommandError code={end.error} testId="end-error" />
        </div>
      )}
    </section>
  );
}
