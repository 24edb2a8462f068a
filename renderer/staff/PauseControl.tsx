// Staff pause the recording for a private aside and resume it; the kiosk's indicator
// follows, and the staff app stops and restarts its recording on the events.
import { useTranslation } from 'react-i18next';
import type { StaffClient } from '../../electron/staff-client/index.js';
import { CommandError } from './CommandError.js';
import { useCommand } from './use-command.js';

interface Props {
  client: StaffClient | null;
  sessionId: string;
  paused: boolean;
  enabled: boolean;
}

export function PauseControl({ client, sessionId, paused, enabled }: Props) {
  const { t } = useTranslation();
  const command = useCommand();
  const act = () => client && void command.run(() => (paused ? client.resume(sessionId) : client.pause(sessionId)));
  return (
    <div className="pause-row">
      <button type="button" disabled={!enabled || command.busy} onClick={act} data-testid={paused ? 'resume-recording' : 'pause-recording'}>
        {t(paused ? 'pause.resume' : 'pause.submit')}
      </button>
      <p className="hint">{t('pause.hint')}</p>
      <CommandError code={command.error} testId="pause-error" />
    </div>
  );
}
