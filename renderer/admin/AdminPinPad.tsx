// The admin PIN, typed on an on-screen keypad (the counter tablet has no keyboard). The
// core checks it and limits wrong attempts; this only shows what the core answered.
import { useState } from 'react';
import type { AdminUnlockResult } from '../../electron/shared/admin-api.js';
import type { KioskApi } from '../../electron/shared/kiosk-api.js';
import { useKiosk } from '../kiosk/kiosk-context.js';
import { AdminLabel } from './AdminLabel.js';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
const MAX_DIGITS = 12;

interface Props {
  api: KioskApi;
  onUnlocked: (adminSession: string) => void;
  onCancel: () => void;
}

type Refusal = Exclude<AdminUnlockResult, { ok: true }>;

export function AdminPinPad({ api, onUnlocked, onCancel }: Props) {
  const { clockOffset } = useKiosk();
  const [pin, setPin] = useState('');
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);

  const press = (digit: string) => setPin((typed) => (typed.length < MAX_DIGITS ? typed + digit : typed));
  const submit = () => {
    if (pin === '' || busy) return;
    setBusy(true);
    api
      .adminUnlock({ pin })
      .then((result) => {
        setPin('');
        if (result.ok) onUnlocked(result.adminSession);
        else setRefusal(result);
      })
      .catch((error: unknown) => console.warn('admin: adminUnlock failed', error))
      .finally(() => setBusy(false));
  };
  // The core's clock says when the lock ends; shown in this tablet's time.
  const lockedUntil =
    refusal?.reason === 'locked'
      ? new Intl.DateTimeFormat('ja-JP', { hour: '2-digit', minute: '2-digit' }).format(new Date(refusal.lockedUntil - clockOffset))
      : '';

  return (
    <main className="screen admin-screen admin-pin-screen" data-testid="screen-admin-pin" lang="ja">
      <div className="admin-card admin-pin-card">
        <AdminLabel as="h1" textKey="pinTitle" />
        <p className="admin-pin-dots" aria-live="polite" data-testid="admin-pin-dots">
          <span className="visually-hidden">
            <AdminLabel textKey="pinDigits" /> {pin.length}
          </span>
          <span aria-hidden="true">{'●'.repeat(pin.length) || ' '}</span>
        </p>
        <p className="admin-pin-message" role="alert" data-testid="admin-pin-message">
          {refusal?.reason === 'wrong-pin' && <AdminLabel textKey="wrongPin" values={{ n: refusal.attemptsLeft }} />}
          {refusal?.reason === 'locked' && <AdminLabel textKey="locked" values={{ time: lockedUntil }} />}
          {refusal?.reason === 'pin-not-set' && <AdminLabel textKey="pinNotSet" />}
        </p>
        <div className="admin-keypad">
          {KEYS.map((digit) => (
            <button key={digit} type="button" className="admin-key" data-testid={`admin-pin-${digit}`} onClick={() => press(digit)}>
              {digit}
            </button>
          ))}
          <button type="button" className="admin-key" data-testid="admin-pin-erase" onClick={() => setPin((typed) => typed.slice(0, -1))}>
            <AdminLabel textKey="erase" />
          </button>
          <button type="button" className="admin-key" data-testid="admin-pin-0" onClick={() => press('0')}>
            0
          </button>
          <button type="button" className="admin-key admin-key-ok" data-testid="admin-pin-ok" disabled={pin === '' || busy} onClick={submit}>
            <AdminLabel textKey="ok" />
          </button>
        </div>
        <button type="button" className="secondary-button admin-back" data-testid="admin-pin-back" onClick={onCancel}>
          <AdminLabel textKey="back" />
        </button>
      </div>
    </main>
  );
}
