// A refused or failed action, in the console's language: a code without its own line
// in staff.json (`error.<code>`) is named in the general one.
import { useTranslation } from 'react-i18next';
import type { StaffClientErrorCode } from '../../electron/staff-client/index.js';

export function CommandError({ code, testId }: { code: StaffClientErrorCode | null; testId: string }) {
  const { t, i18n } = useTranslation();
  return (
    <p className="command-error" role="alert" data-testid={testId} hidden={code === null}>
      {code === null ? '' : i18n.exists(`error.${code}`) ? t(`error.${code}`) : t('error.other', { code })}
    </p>
  );
}
