// Staff pause the recording for a private aside and resume it; the kiosk's indicator
// follows, and the staff app stops and restarts its recording on the events. The pause
// may carry a reason (optional), checked here as the kiosk checks it, and shown while
// paused as the ledger recorded it.
import { useId, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffClient } from '../../electron/staff-client/index.js';
import { CommandError } from './CommandError.js';
import { StaffWordsProblem } from './StaffWordsProblem.js';
import { useCommand } from './use-command.js';
import { useStaffWords } from './use-staff-words.js';

interface Props {
  client: StaffClient | null;
  sessionId: string;
  paused: boolean;
  /** While paused: the reason the ledger's `logging.paused` holds ("" for none); null when not known. */
  pausedReason: string | null;
  enabled: boolean;
}

export function PauseControl({ client, sessionId, paused, pausedReason, enabled }: Props) {
  const { t } = useTranslation();
  const reason = useStaffWords('pauseReason');
  const command = useCommand();
  const ids = { reason: useId(), count: useId(), problem: useId() };

  const pause = async (event: FormEvent) => {
    event.preventDefault();
    const checked = reason.check();
    if (!client || !checked) return;
    if (await command.run(() => client.pause(sessionId, checked.send))) reason.clear();
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
        <label htmlFor={ids.reason}>{t('pause.label', { max: reason.max })}</label>
        <input
          id={ids.reason}
          autoComplete="off"
          value={reason.text}
          aria-invalid={reason.problem !== null}
          aria-describedby={`${ids.count}${reason.problem ? ` ${ids.problem}` : ''}`}
          onChange={(event) => reason.change(event.target.value)}
          data-testid="pause-reason"
        />
        <div className="override-row">
          <p id={ids.count} className="hint" aria-live="off">
            {t('pause.count', { count: reason.length, max: reason.max })}
          </p>
          <button type="submit" data-testid="pause-recording">
            {t('pause.submit')}
          </button>
        </div>
        <StaffWordsProblem words={reason} id={ids.problem} testId="pause-reason-problem" />
        <p className="hint">{t('pause.hint')}</p>
      </fieldset>
      <CommandError code={command.error} testId="pause-error" />
    </form>
  );
}
