// The staff console: the token once, then a new session on the left and the current
// one, live, on the right. Everything goes through StaffClient, as for any staff app.
import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { StaffClientErrorCode } from '../../electron/staff-client/index.js';
import { prepareAlertTone } from './alert-tone.js';
import { LanguageToggle } from '../console-kit/LanguageToggle.js';
import { TokenForm } from '../console-kit/TokenForm.js';
import { LinkStatus } from './LinkStatus.js';
import { SessionPanel } from './SessionPanel.js';
import { StartSessionForm } from './StartSessionForm.js';
import { isOpen } from './session-progress.js';
import { saveConsoleLanguage } from './staff-text.js';
import { forgetLastSeq, useStaffLink } from './use-staff-link.js';

const TOKEN_KEY = 'kokuchi.staff.token';

/** Why the kiosk refused the token, in the console's words. */
function refusalText(refused: StaffClientErrorCode | null, t: TFunction): string | null {
  if (refused === null) return null;
  if (refused === 'unauthorized') return t('token.unauthorized');
  if (refused === 'rate-limited') return t('token.rateLimited');
  return t('token.failed', { code: refused });
}

export function StaffConsole() {
  const { t, i18n } = useTranslation();
  const [token, setToken] = useState<string | null>(() => sessionStorage.getItem(TOKEN_KEY));
  const [refused, setRefused] = useState<StaffClientErrorCode | null>(null);
  const link = useStaffLink(token);

  useEffect(() => {
    document.documentElement.lang = i18n.language;
    document.title = `${t('product')} — ${t('title')}`;
  }, [i18n.language, t]);

  useEffect(() => {
    if (link.refusal === null) return;
    sessionStorage.removeItem(TOKEN_KEY);
    forgetLastSeq();
    setRefused(link.refusal);
    setToken(null);
  }, [link.refusal]);

  const signIn = (value: string) => {
    sessionStorage.setItem(TOKEN_KEY, value);
    setRefused(null);
    setToken(value);
  };
  const signOut = () => {
    sessionStorage.removeItem(TOKEN_KEY);
    forgetLastSeq();
    setToken(null);
  };

  const linkOpen = link.state === 'open';
  const sessionOpen = isOpen(link.session);
  return (
    // Any click or key press lets the audible alert play later (browsers' autoplay rule).
    <div className="console" onPointerDown={prepareAlertTone} onKeyDown={prepareAlertTone}>
      <header className="console-header">
        <div className="console-title">
          <p className="product">{t('product')}</p>
          <h1>{t('title')}</h1>
          {link.welcome && <p className="counter">{t('counter', { counterId: link.welcome.counterId })}</p>}
        </div>
        <div className="console-tools">
          {token !== null && <LinkStatus state={link.state} />}
          <LanguageToggle save={saveConsoleLanguage} />
          {token !== null && (
            <button type="button" onClick={signOut} data-testid="sign-out">
              {t('token.signOut')}
            </button>
          )}
        </div>
      </header>
      {token === null ? (
        <TokenForm problem={refusalText(refused, t)} onSubmit={signIn} />
      ) : (
        <main>
          {link.state === 'reconnecting' && (
            <p className="banner" role="status" data-testid="reconnecting">
              {t('link.reconnectingDetail')}
            </p>
          )}
          <div className="columns">
            <StartSessionForm client={link.client} enabled={linkOpen && !sessionOpen} sessionOpen={sessionOpen} />
            <SessionPanel client={link.client} session={link.session} linkOpen={linkOpen} alertsSounded={link.alertsSounded} />
          </div>
        </main>
      )}
    </div>
  );
}
