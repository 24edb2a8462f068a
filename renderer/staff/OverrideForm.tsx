// Staff decided to record after explaining: the reason is required and goes into the
// ledger with the `logging.start` it causes.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffClient } from '../../electron/staff-client/index.js';
import { STAFF_TEXT_MAX } from '../../electron/shared/staff-words.js';
import { CommandError } from './CommandError.js';
import { useCommand } from './use-command.js';

const MAX_REASON = STAFF_TEXT_MAX.overrideReason;

export function OverrideForm({ client, sessionId, enabled }: { client: StaffClient | null; sessionId: string; enabled: boolean }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const command = useCommand();
  const ids = { reason: useId(), count: useId(), missing: useId() };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = reason.trim();
    setMissing(trimmed.length === 0);
    if (!client || trimmed.length === 0) return;
    if (await command.run(() => client.override(sessionId, trimmed))) setReason('');
  };

  return (
    <form className="override-form" onSubmit={(event) => void submit(event)} noValidate data-testid="override-form">
      <fieldset disabled={!enabled || command.busy}>
        <label htmlFor={ids.reason}>{t('override.label')}</label>
        <textarea
          id={ids.reason}
          rows={2}
          maxLength={MAX_REASON}
          required
          value={reason}
          aria-invalid={missing}
          aria-describedby={`${ids.count}${missing ? ` ${ids.missing}` : ''}`}
          onChange={(event) => {
            setReason(event.target.value);
            if (event.target.value.trim() !== '') setMissing(false);
          }}
          data-testid="override-reason"
        />
        <div className="override-row">
          <p id={ids.count} className="hint" aria-live="off">
            {t('override.count', { count: reason.length })}
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
      </fieldset>
      <CommandError code={command.error} testId="override-error" />
    </form>
  );
}
