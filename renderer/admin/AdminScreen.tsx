// What a facilities team checks at the counter: who this kiosk is, how to pair a staff app,
// whether staff apps, webhooks and the ledger are healthy, which key signs the residents'
// receipts; and the way out of the kiosk.
import { useCallback, useEffect, useState } from 'react';
import type { AdminStatus } from '../../electron/shared/admin-api.js';
import type { KioskApi } from '../../electron/shared/kiosk-api.js';
import { AdminLabel } from './AdminLabel.js';
import { adminText, type AdminTextKey } from './admin-text.js';
import { PairingQrCode } from './PairingQrCode.js';

interface Props {
  api: KioskApi;
  adminSession: string;
  /** The admin session is over (closed, or the core no longer knows it). */
  onClose: () => void;
}

export function AdminScreen({ api, adminSession, onClose }: Props) {
  const [status, setStatus] = useState<AdminStatus | null>(null);
  const [failed, setFailed] = useState(false);
  const [confirmingExit, setConfirmingExit] = useState(false);

  const load = useCallback(() => {
    setFailed(false);
    api.adminStatus({ adminSession }).then(setStatus, (error: unknown) => {
      console.warn('admin: adminStatus failed', error);
      // An expired admin session: back to the kiosk; the PIN opens a new one.
      if ((error as { code?: string } | null)?.code === 'invalid-state') onClose();
      else setFailed(true);
    });
  }, [api, adminSession, onClose]);
  useEffect(load, [load]);

  const exit = () => {
    api.adminExit({ adminSession }).catch((error: unknown) => console.warn('admin: adminExit failed', error));
  };

  return (
    <main className="screen admin-screen" data-testid="screen-admin" lang="ja">
      <header className="admin-header">
        <AdminLabel as="h1" textKey="title" />
        <div className="admin-actions">
          <button type="button" className="secondary-button" data-testid="admin-refresh" onClick={load}>
            <AdminLabel textKey="refresh" />
          </button>
          <button type="button" className="secondary-button" data-testid="admin-close" onClick={onClose}>
            <AdminLabel textKey="close" />
          </button>
        </div>
      </header>
      {failed && <AdminLabel as="p" className="admin-problem" textKey="failed" />}
      {!status && !failed && <AdminLabel as="p" textKey="loading" />}
      {status && (
        <div className="admin-body">
          <dl className="admin-facts">
            <Fact label="kioskId" testId="admin-kiosk-id" value={status.kioskId} />
            <Fact label="counterId" testId="admin-counter-id" value={status.counterId} />
            <Fact label="version" testId="admin-version" value={status.version} />
            <Fact label="staffLink" testId="admin-staff-link" value={status.staffLink.addresses.join('\n')} />
            <Fact label="token" testId="admin-token" value={status.staffLink.token} />
            <Fact label="staffClients" testId="admin-staff-clients" value={String(status.staffClients)} />
            <Fact
              label="webhooks"
              testId="admin-webhooks"
              value={
                status.webhooks.length === 0
                  ? `${adminText('none', 'ja')} / ${adminText('none', 'en')}`
                  : status.webhooks.map((hook) => `${hook.url}: ${hook.backlog}${hook.lastError ? ` (${hook.lastError})` : ''}`).join('\n')
              }
            />
            <Fact
              label="hub"
              testId="admin-hub"
              value={hubLine(status)}
              alarm={status.hub?.problem != null}
            />
            <Fact
              label="ledger"
              testId="admin-ledger"
              value={
                status.ledger.verify.ok
                  ? `${adminText('lastSeq', 'ja')} ${status.ledger.lastSeq} · ${adminText('verifyOk', 'ja', { n: status.ledger.verify.events })} / ${adminText('verifyOk', 'en', { n: status.ledger.verify.events })}`
                  : `${adminText('verifyBroken', 'ja')} / ${adminText('verifyBroken', 'en')}: ${status.ledger.verify.segment} line ${status.ledger.verify.line}: ${status.ledger.verify.problem}`
              }
              alarm={!status.ledger.verify.ok}
            />
            <Fact label="clock" testId="admin-clock" value={clockLine(status)} alarm={!status.clock.trusted} />
            <Fact label="receiptKey" testId="admin-receipt-key" value={status.receiptKey.fingerprint} note="receiptKeyNote" />
            <Fact label="languages" testId="admin-languages" value={status.languages.join(', ')} />
            {status.officeTextGaps.length > 0 && (
              <Fact label="officeTextGaps" testId="admin-office-text-gaps" value={officeTextGapLines(status)} alarm />
            )}
            {status.problems.length > 0 && <Fact label="problems" testId="admin-problems" value={status.problems.join('\n')} alarm />}
          </dl>
          <figure className="admin-pairing">
            <PairingQrCode uri={status.staffLink.pairingUri} label={adminText('pairingQr', 'ja')} />
            <figcaption>
              <AdminLabel textKey="pairingQr" />
            </figcaption>
          </figure>
        </div>
      )}
      {status && (
        <footer className="admin-exit">
          {!status.canExit && <AdminLabel as="p" textKey="exitHeadless" />}
          {status.canExit && !confirmingExit && (
            <button type="button" className="secondary-button" data-testid="admin-exit" onClick={() => setConfirmingExit(true)}>
              <AdminLabel textKey="exit" />
            </button>
          )}
          {status.canExit && confirmingExit && (
            <div className="admin-exit-confirm" role="alertdialog" aria-labelledby="admin-exit-question">
              <span id="admin-exit-question">
                <AdminLabel textKey="exitConfirm" />
              </span>
              <button type="button" className="secondary-button" data-testid="admin-exit-yes" onClick={exit}>
                <AdminLabel textKey="exitYes" />
              </button>
              <button type="button" className="secondary-button" data-testid="admin-exit-no" onClick={() => setConfirmingExit(false)}>
                <AdminLabel textKey="exitNo" />
              </button>
            </div>
          )}
        </footer>
      )}
    </main>
  );
}

/** Backlog and last delivery in both languages, then the problem (in English, as the core words it). */
function hubLine({ hub }: AdminStatus): string {
  if (!hub) return `${adminText('none', 'ja')} / ${adminText('none', 'en')}`;
  const time = hub.lastDeliveryAt ? new Date(hub.lastDeliveryAt).toLocaleString('ja-JP') : '';
  const both = (key: 'hubBacklog' | 'hubLast' | 'hubNever') =>
    `${adminText(key, 'ja', { n: hub.backlog, time, seq: hub.lastDeliveredSeq })} / ${adminText(key, 'en', { n: hub.backlog, time, seq: hub.lastDeliveredSeq })}`;
  const lines = [hub.url, both('hubBacklog'), both(hub.lastDeliveryAt ? 'hubLast' : 'hubNever')];
  if (hub.problem) lines.push(hub.problem);
  return lines.join('\n');
}

/** One line per language and field, Japanese then English, as `doctor` warns. */
function officeTextGapLines({ officeTextGaps }: AdminStatus): string {
  return officeTextGaps
    .map((gap) => `${adminText('officeTextGap', 'ja', { ...gap })} / ${adminText('officeTextGap', 'en', { ...gap })}`)
    .join('\n');
}

function clockLine({ clock }: AdminStatus): string {
  if (clock.trusted) return `${adminText('clockOk', 'ja')} / ${adminText('clockOk', 'en')}`;
  const values = { offset: `${clock.offsetMs > 0 ? '+' : ''}${Math.round(clock.offsetMs / 1000)} s`, jumps: clock.jumps, time: clock.lastJumpAt ?? '' };
  return `${adminText('clockJumped', 'ja', values)} / ${adminText('clockJumped', 'en', values)}`;
}

interface FactProps {
  label: AdminTextKey;
  value: string;
  testId: string;
  alarm?: boolean;
  /** A line under the value saying what it is for, in both languages. */
  note?: AdminTextKey;
}

function Fact({ label, value, testId, alarm = false, note }: FactProps) {
  return (
    <div className={alarm ? 'admin-fact is-alarm' : 'admin-fact'}>
      <AdminLabel as="dt" textKey={label} />
      {/* Ids and addresses, and some values in both languages ("なし / None"): the page's ja font stack draws both. */}
      <dd data-testid={testId} translate="no">
        {value}
      </dd>
      {note && (
        <dd className="admin-fact-note">
          <AdminLabel textKey={note} />
        </dd>
      )}
    </div>
  );
}
