// The fleet page at the hub's /fleet/: the token once, then every counter at a glance,
// filtered by office or counter, and one counter's records at `#kiosk=<id>`.
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EventsView } from './EventsView.js';
import { LanguageToggle } from '../console-kit/LanguageToggle.js';
import { TokenForm } from '../console-kit/TokenForm.js';
import { FleetTable } from './FleetTable.js';
import { counterLabel, fleetView } from './fleet-rows.js';
import { formatTime } from './fleet-time.js';
import { saveFleetLanguage, type TokenRefusal } from './fleet-text.js';
import { useFleet } from './use-fleet.js';

const TOKEN_KEY = 'kokuchi.hub.token';
const DEFAULT_QUIET_MINUTES = 15;

function kioskInHash(): string | null {
  const match = /^#kiosk=(.+)$/.exec(location.hash);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

export function FleetPage() {
  const { t, i18n } = useTranslation();
  const [token, setToken] = useState<string | null>(() => sessionStorage.getItem(TOKEN_KEY));
  const [refusal, setRefusal] = useState<TokenRefusal | null>(null);
  const [filter, setFilter] = useState('');
  const [quietMinutes, setQuietMinutes] = useState(DEFAULT_QUIET_MINUTES);
  const [kioskId, setKioskId] = useState<string | null>(kioskInHash);
  const filterId = useId();
  const quietId = useId();

  const forgetToken = useCallback((why: TokenRefusal | null) => {
    sessionStorage.removeItem(TOKEN_KEY);
    setRefusal(why);
    setToken(null);
  }, []);
  const onUnauthorized = useCallback(() => forgetToken({ unauthorized: true }), [forgetToken]);
  const fleet = useFleet(token, onUnauthorized);

  useEffect(() => {
    document.documentElement.lang = i18n.language;
    document.title = `${t('product')} — ${t('title')}`;
  }, [i18n.language, t]);
  useEffect(() => {
    const follow = () => setKioskId(kioskInHash());
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);

  const view = useMemo(
    () => fleetView(fleet.kiosks ?? [], { now: fleet.updatedAt ?? Date.now(), quietMinutes, filter }),
    [fleet.kiosks, fleet.updatedAt, quietMinutes, filter],
  );
  const signIn = (value: string) => {
    sessionStorage.setItem(TOKEN_KEY, value);
    setRefusal(null);
    setToken(value);
  };

  const selected = kioskId === null ? undefined : fleet.kiosks?.find((kiosk) => kiosk.kioskId === kioskId);
  return (
    <div className="fleet">
      <header className="fleet-header">
        <div>
          <p className="product">{t('product')}</p>
          <h1>{t('title')}</h1>
        </div>
        <div className="tools">
          <LanguageToggle save={saveFleetLanguage} />
          {token !== null && (
            <button type="button" onClick={() => forgetToken(null)} data-testid="sign-out">
              {t('token.signOut')}
            </button>
          )}
        </div>
      </header>
      {token === null && <TokenForm problem={refusal === null ? null : refusal.unauthorized ? t('token.unauthorized') : t('token.failed', { reason: refusal.reason })} onSubmit={signIn} />}
      {token !== null && kioskId !== null && (
        <EventsView
          token={token}
          kioskId={kioskId}
          label={selected ? counterLabel(selected) : kioskId}
          lastSeq={selected?.lastSeq ?? null}
          onUnauthorized={onUnauthorized}
        />
      )}
      {token !== null && kioskId === null && (
        <main>
          {fleet.failure && (
            <p className="banner" role="alert" data-testid="fleet-unreachable">
              {t(fleet.kiosks === null ? 'fleet.unreachableFirst' : 'fleet.unreachable', { reason: fleet.failure })}
            </p>
          )}
          <div className="filters">
            <div className="field">
              <label htmlFor={filterId}>{t('fleet.filter')}</label>
              <input id={filterId} type="search" value={filter} onChange={(event) => setFilter(event.target.value)} data-testid="fleet-filter" />
            </div>
            <div className="field">
              <label htmlFor={quietId}>{t('fleet.quietAfter')}</label>
              <span className="with-unit">
                <input
                  id={quietId}
                  type="number"
                  min={1}
                  max={1440}
                  value={quietMinutes}
                  onChange={(event) => {
                    const minutes = Number(event.target.value);
                    if (Number.isInteger(minutes) && minutes >= 1 && minutes <= 1440) setQuietMinutes(minutes);
                  }}
                  data-testid="fleet-quiet-minutes"
                />
                <span>{t('fleet.minutes')}</span>
              </span>
            </div>
            <button type="button" onClick={fleet.refresh} data-testid="fleet-refresh">
              {t('fleet.refresh')}
            </button>
          </div>
          {fleet.kiosks === null ? (
            !fleet.failure && <p role="status">{t('fleet.loading')}</p>
          ) : (
            <>
              <p className="summary" role="status" data-testid="fleet-summary">
                <span>{t('fleet.count', { shown: view.rows.length, total: view.total })}</span>
                <span className={view.withProblems > 0 ? 'alarm' : undefined}>{t('fleet.problemCount', { count: view.withProblems })}</span>
                <span className={view.quiet > 0 ? 'alarm' : undefined}>{t('fleet.quietCount', { count: view.quiet })}</span>
                {fleet.updatedAt !== null && <span>{t('fleet.updated', { time: formatTime(new Date(fleet.updatedAt).toISOString(), i18n.language) })}</span>}
              </p>

              {view.total === 0 && <p>{t('fleet.empty')}</p>}
              {view.total > 0 && view.rows.length === 0 && <p>{t('fleet.noMatch')}</p>}
              {view.rows.length > 0 && <FleetTable rows={view.rows} quietMinutes={quietMinutes} />}
            </>
          )}
        </main>
      )}
    </div>
  );
}
