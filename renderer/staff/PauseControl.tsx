// Staff pause the recording for a private aside and resume it; the kiosk's indicator
// follows, and the staff app stops and restarts its recording on the events. The pause
// may carry a reason (optional), checked here as the kiosk checks it, and shown while
// paused as the ledger recorded it.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffClient } from '../../electron/staff-client/index.js';
import { STAFF_TEXT_MAX, staffWordsProblem, type StaffWordsProblem } from '../../electron/shared/staff-words.js';
import { CommandError } from './CommandError.js';
import { useCommand } from './use-command.js';

interface Props {
  client: StaffClient | null;
  sessionId: string;
  paused: boolean;
  /** While paused: the reason the ledger's `logging.paused` holds ("" for none); null when not known. */
  pausedReason: string | null;
  enabled: boolean;
}

const MAX_REASON = STAFF_TEXT_MAX.pauseReason;

export function PauseControl({ client, sessionId, paused, pausedReason, enabled }: Props) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<StaffWordsProblem | null>(null);
  const command = useCommand();
  const ids = { reason: useId(), count: useId(), problem: useId() };

  const pause = async (event: FormEvent) => {
    event.preventDefault();
    const found = staffWordsProblem(reason, MAX_REASON);
    setProblem(found);
    if (!client || found) return;
    const trimmed = reason.trim();
    if (await command.run(() => client.pause(sessionId, trimmed === '' ? undefined : trimmed))) setReason('');
  };
  const resume = () => client && void command.run(() => client.resume(sessionId));

  if (paused) {
    return (
      <div className="pause-row">
        {pausedReason !== null && (
          <p className="paused-reason" data-testid="paused-reason">
            {pausedReason === '' ? t('pause.pausedNoReason') : t('pause.pausedWith', { reason: pausedReason })}
          </p>
        )}
        <button type="button" disabled={!enabled || command.busy} onClick={resume} data-testid="resume-recording">
          {t('pause.resume')}
        </button>
        <p className="hint">{t('pause.hint')}</p>
        <CommandError code={command.error} testId="pause-error" />
      </div>
    );
  }

  return (
    <form className="pause-row" onSubmit={(event) => void pause(event)} noValidate data-testid="pause-form">
      <fieldset disabled={!enabled || command.busy}>
        <label htmlFor={ids.reason}>{t('pause.label')}</label>
        <input
          id={ids.reason}
          maxLength={MAX_REASON}
          autoComplete="off"
          value={reason}
          aria-invalid={problem !== null}
          aria-describedby={`${ids.count}${problem ? ` ${ids.problem}` : ''}`}
          onChange={(event) => {
            setReason(event.target.value);
            setProblem(null);
          }}
          data-testid="pause-reason"
        />
        <div className="override-row">
          <p id={ids.count} className="hint" aria-live="off">
            {t('pause.count', { count: reason.length, max: MAX_REASON })}
          </p>
          <button type="submit" data-testid="pause-recording">
            {t('pause.submit')}
          </button>
        </div>
        {problem && (
          <p id={ids.problem} className="command-error" role="alert" data-testid="pause-reason-problem">
            {t(`pause.problem.${problem}`, { max: MAX_REASON })}
          </p>
        )}
        <p className="hint">{t('pause.hint')}</p>
      </fieldset>
      <CommandError code={command.error} testId="pause-error" />
    </form>
  );
}
