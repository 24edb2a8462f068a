// Asks once for the page's token (the kiosk's pairing token, or the hub's reader token). The
// page keeps it in this tab's sessionStorage only and never puts it in the URL: the form is
// handled in the page, never submitted.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  /** Why the last token was refused, in the page's words; null before any try. */
  problem: string | null;
  onSubmit: (token: string) => void;
}

export function TokenForm({ problem, onSubmit }: Props) {
  const { t } = useTranslation();
  const [token, setToken] = useState('');
  const inputId = useId();
  const hintId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = token.trim();
    if (value.length > 0) onSubmit(value);
  };
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
