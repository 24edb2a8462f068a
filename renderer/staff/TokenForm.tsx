// Asks once for the kiosk's pairing token; it is kept in this tab's sessionStorage
// only, and never put in the URL (the form is handled in the page, never submitted).
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffClientErrorCode } from '../../electron/staff-client/index.js';

export function TokenForm({ refusal, onSubmit }: { refusal: StaffClientErrorCode | null; onSubmit: (token: string) => void }) {
  const { t } = useTranslation();
  const [token, setToken] = useState('');
  const inputId = useId();
  const hintId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = token.trim();
    if (value.length > 0) onSubmit(value);
  };
  const problem =
    refusal === null ? null : refusal === 'unauthorized' ? t('token.unauthorized') : refusal === 'rate-limited' ? t('token.rateLimited') : t('token.failed', { code: refusal });
  return (
    <main className="token-page">
      <form className="card token-form" onSubmit={submit} data-testid="token-form" noValidate>
        <h2>{t('token.heading')}</h2>
        <label htmlFor={inputId}>{t('token.label')}</label>
        <input
          id={inputId}
          type="password"
          autoComplete="off"
          spellCheck={false}
          autoFocus
          required
          maxLength={256}
          value={token}
          aria-describedby={hintId}
          aria-invalid={problem !== null}
          onChange={(event) => setToken(event.target.value)}
          data-testid="token-input"
        />
        <p id={hintId} className="hint">
          {t('token.hint')}
        </p>
        {problem !== null && (
          <p className="command-error" role="alert" data-testid="token-error">
            {problem}
          </p>
        )}
        <button type="submit" className="primary" disabled={token.trim().length === 0} data-testid="token-submit">
          {t('token.submit')}
        </button>
      </form>
    </main>
  );
}
