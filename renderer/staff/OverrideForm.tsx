// Staff decided to record after explaining: the reason is required, checked here as the
// kiosk checks it, and goes into the ledger with the `logging.start` it causes.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffClient } from '../../electron/staff-client/index.js';
import { CommandError } from './CommandError.js';
import { StaffWordsProblem } from './StaffWordsProblem.js';
import { useCommand } from './use-command.js';
import { useStaffWords } from './use-staff-words.js';

export function OverrideForm({ client, sessionId, enabled }: { client: StaffClient | null; sessionId: string; enabled: boolean }) {
  const { t } = useTranslation();
  const reason = useStaffWords('overrideReason');
  const [missing, setMissing] = useState(false);
  const command = useCommand();
  const ids = { reason: useId(), count: useId(), missing: useId(), problem: useId() };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = reason.check();
    setMissing(checked !== null && checked.send === undefined);
    if (!client || !checked?.send) return;
    const send = checked.send;
    if (await command.run(() => client.override(sessionId, send))) reason.clear();
  };

  const described = [ids.count, missing && ids.missing, reason.problem && ids.problem].filter(Boolean).join(' ');
  return (
    <form className="override-form" onSubmit={(event) => void submit(event)} noValidate data-testid="override-form">
      <fieldset disabled={!enabled || command.busy}>
        <label htmlFor={ids.reason}>{t('override.label', { max: reason.max })}</label>
        <textarea
          id={ids.reason}
          rows={2}
          required
          value={reason.text}
          aria-invalid={missing || reason.problem !== null}
          aria-describedby={described}
          onChange={(event) => {
            reason.change(event.target.value);
            if (event.target.value.trim() !== '') setMissing(false);
          }}
          data-testid="override-reason"
        />
        <div className="override-row">
          <p id={ids.count} className="hint" aria-live="off">
            {t('override.count', { count: reason.length, max: reason.max })}
          </p>
          <button type="submit" className="primary" data-testid="override-submit">
            {t('override.submit')}
          </button>
        </div>
        {missing && (
          <p id={ids.missing} className="command-error" role="alert" data-testid="override-missing">
            {t('override.required')}
          </p>
        )}
        <StaffWordsProblem words={reason} id={ids.problem} testId="override-reason-problem" />
      </fieldset>
      <CommandError code={command.error} testId="override-error" />
    </form>
  );
}
