// A refused or failed action, in the console's language.
import { useTranslation } from 'react-i18next';
import type { StaffClientErrorCode } from '../../electron/staff-client/index.js';

const KNOWN = ['conflict', 'not-found', 'invalid-state', 'bad-request', 'not-connected', 'disconnected', 'timeout', 'rate-limited'];

export function CommandError({ code, testId }: { code: StaffClientErrorCode | null; testId: string }) {
  const { t } = useTranslation();
  return (
    <p className="command-error" role="alert" data-testid={testId} hidden={code === null}>
      {code === null ? '' : KNOWN.includes(code) ? t(`error.${code}`) : t('error.other', { code })}
    </p>
  );
}
