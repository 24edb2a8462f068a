// Every counter in one table: its state in words (never colour alone), its last record,
// how late records arrive, its version and problems, and a link to its records.
import { useTranslation } from 'react-i18next';
import { formatDuration, formatTime } from './fleet-time.js';
import type { FleetRow, RowProblem } from './fleet-rows.js';

function ProblemText({ problem }: { problem: RowProblem }) {
  const { t } = useTranslation();
  if (problem.kind === 'hub') return <>{problem.text}</>;
  if (problem.kind === 'chain') return <>{problem.chain}</>;
  return <>{t(`fleet.chainDetail.${problem.kind}`)}</>;
}

function StateCell({ row, quietMinutes }: { row: FleetRow; quietMinutes: number }) {
  const { t, i18n } = useTranslation();
  const { chain, lastSeenAt } = row.kiosk;
  const known = chain === 'ok' || chain === 'gap' || chain === 'diverged';
  const seen = formatTime(lastSeenAt, i18n.language);
  return (
    <td>
      <span className={`badge chain-${known ? chain : 'unknown'}`} data-testid="fleet-chain">
        {known ? t(`fleet.chain.${chain}`) : t('fleet.unknown')}
      </span>
      {row.quiet && (
        <span className="badge quiet" data-testid="fleet-quiet">
          {t('fleet.quiet', { minutes: quietMinutes })}
        </span>
      )}
      {seen && <span className="detail">{t('fleet.lastSeen', { time: seen })}</span>}
    </td>
  );
}

export function FleetTable({ rows, quietMinutes }: { rows: FleetRow[]; quietMinutes: number }) {
  const { t, i18n } = useTranslation();
  return (
    <table className="fleet-table" data-testid="fleet-table">
      <caption>{t('fleet.caption')}</caption>
      <thead>
        <tr>
          {(['counter', 'state', 'lastEvent', 'lag', 'version', 'problems'] as const).map((column) => (
            <th key={column} scope="col">
              {t(`fleet.columns.${column}`)}
            </th>
          ))}
          <th scope="col">
            <span className="visually-hidden">{t('fleet.events')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const { kiosk } = row;
          const lastTime = formatTime(kiosk.lastTs, i18n.language);
          const troubled = row.problems.length > 0;
          return (
            <tr
              key={kiosk.kioskId}
              className={[troubled ? 'is-problem' : '', row.quiet ? 'is-quiet' : ''].join(' ').trim() || undefined}
              data-testid="fleet-row"
              data-kiosk={kiosk.kioskId}
              data-quiet={row.quiet}
              data-chain={kiosk.chain}
            >
              <th scope="row">
                <span className="counter-label">{row.label}</span>
                <span className="detail" translate="no">
                  {kiosk.kioskId}
                </span>
              </th>
              <StateCell row={row} quietMinutes={quietMinutes} />
              <td data-testid="fleet-last-event">
                {kiosk.lastSeq === 0 ? (
                  t('fleet.noEvent')
                ) : (
                  <>
                    {kiosk.lastType && (
                      <code className="event-type" translate="no">
                        {kiosk.lastType}
                      </code>
                    )}
                    <span className="detail">{[t('fleet.seq', { seq: kiosk.lastSeq }), lastTime].filter(Boolean).join(' · ')}</span>
                  </>
                )}
              </td>
              <td data-testid="fleet-lag">{row.lagSeconds === null ? t('fleet.unknown') : formatDuration(row.lagSeconds, t)}</td>
              <td translate="no">{kiosk.version ?? t('fleet.unknown')}</td>
              <td data-testid="fleet-problems">
                {troubled ? (
                  <ul className="problems">
                    {row.problems.map((problem, index) => (
                      <li key={index}>
                        <ProblemText problem={problem} />
                      </li>
                    ))}
                  </ul>
                ) : (
                  t('fleet.none')
                )}
              </td>
              <td>
                <a
                  href={`#kiosk=${encodeURIComponent(kiosk.kioskId)}`}
                  aria-label={t('fleet.eventsFor', { counter: row.label })}
                  data-testid="fleet-events-link"
                >
                  {t('fleet.events')}
                </a>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
