// The link to the kiosk at a glance, announced politely when it changes.
import { useTranslation } from 'react-i18next';
import type { ConnectionState } from '../../electron/staff-client/index.js';

export function LinkStatus({ state }: { state: ConnectionState }) {
  const { t } = useTranslation();
  const shown = state === 'idle' ? 'connecting' : state;
  return (
    <p className={`link-status link-${shown}`} role="status" data-testid="link-state" data-state={shown}>
      <span className="link-dot" aria-hidden="true" />
      {t(`link.${shown}`)}
    </p>
  );
}
