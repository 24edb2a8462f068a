// One counter's records as the hub holds them (GET /v1/events?kiosk=ID): the newest
// hundred first, earlier ones on request, in seq order.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HubRecord } from './hub-answers.js';
import { HubReadError, readEvents } from './hub-read.js';
import { formatTime } from './fleet-time.js';

const PAGE = 100;

interface Props {
  token: string;
  kioskId: string;
  label: string;
  /** The hub's last seq for the kiosk, if the fleet list is known; else the records start from the first. */
  lastSeq: number | null;
  onUnauthorized: () => void;
}

export function EventsView({ token, kioskId, label, lastSeq, onUnauthorized }: Props) {
  const { t, i18n } = useTranslation();
  const [events, setEvents] = useState<HubRecord[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [exhausted, setExhausted] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  const load = useCallback(
    async (before: number | null) => {
      const after = before === null ? Math.max(0, (lastSeq ?? PAGE) - PAGE) : Math.max(0, before - 1 - PAGE);
      try {
        const answer = await readEvents(token, kioskId, after, PAGE);
        setFailure(null);
        setEvents((shown) => {
          const first = shown?.[0]?.seq ?? Number.POSITIVE_INFINITY;
          const earlier = answer.events.filter((event) => event.seq < first);
          if (after === 0 || earlier.length === 0) setExhausted(true);
          return [...earlier, ...(shown ?? [])];
        });
      } catch (error) {
        if (error instanceof HubReadError && error.unauthorized) onUnauthorized();
        else setFailure(error instanceof Error ? error.message : String(error));
      }
    },
    [token, kioskId, lastSeq, onUnauthorized],
  );

  useEffect(() => {
    setEvents(null);
    setExhausted(false);
    void load(null);
    heading.current?.focus();
  }, [load]);

  const first = events?.[0]?.seq ?? null;
  return (
    <main className="events-view" data-testid="events-view" data-kiosk={kioskId}>
      <p>
        <a href="#" data-testid="events-back">
          {t('events.back')}
        </a>
      </p>
      <h2 ref={heading} tabIndex={-1}>
        {t('events.heading', { counter: label })}
      </h2>
      <p className="detail" translate="no">
        {t('events.kiosk', { kioskId })}
      </p>
      {failure && (
        <p className="error" role="alert">
          {t('events.failed', { reason: failure })}
        </p>
      )}
      {events === null && !failure && <p role="status">{t('events.loading')}</p>}
      {events !== null && events.length === 0 && <p>{t('events.none')}</p>}
      {events !== null && events.length > 0 && (
        <>
          {!exhausted && first !== null && first > 1 && (
            <button type="button" onClick={() => void load(first)} data-testid="events-earlier">
              {t('events.earlier')}
            </button>
          )}
          <table className="events-table" data-testid="events-table">
            <caption>{t('events.caption')}</caption>
            <thead>
              <tr>
                {(['seq', 'ts', 'type', 'session'] as const).map((column) => (
                  <th key={column} scope="col">
                    {t(`events.columns.${column}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={event.seq} data-testid="event-row" data-seq={event.seq}>
                  <th scope="row">{event.seq}</th>
                  <td>{formatTime(event.ts, i18n.language) ?? event.ts}</td>
                  <td translate="no">
                    <code>{event.type}</code>
                  </td>
                  <td translate="no" className="session-id">
                    {event.sessionId ?? '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </main>
  );
}
