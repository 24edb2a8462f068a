// Asks once for the hub token; kept in this tab's sessionStorage only, never in the URL
// (the form is handled in the page, never submitted).
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

export type TokenRefusal = { unauthorized: true } | { unauthorized: false; reason: string };

export function HubTokenForm({ refusal, onSubmit }: { refusal: TokenRefusal | null; onSubmit: (token: string) => void }) {
  const { t } = useTranslation();
  const [token, setToken] = useState('');
  const inputId = useId();
  const hintId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = token.trim();
    if (value.length > 0) onSubmit(value);
  };
  const problem = refusal === null ? null : refusal.unauthorized ? t('token.unauthorized') : t('token.failed', { reason: refusal.reason });
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
          <p className="error" role="alert" data-testid="token-error">
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
