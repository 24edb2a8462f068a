// Why a staff-typed field was not sent, naming the field, in the console's language.
import { useTranslation } from 'react-i18next';
import type { StaffWords } from './use-staff-words.js';

export function StaffWordsProblem({ words, id, testId }: { words: StaffWords; id: string; testId: string }) {
  const { t } = useTranslation();
  if (words.problem === null) return null;
  return (
    <p id={id} className="command-error" role="alert" data-testid={testId} data-problem={words.problem}>
      {t(`words.problem.${words.problem}`, { field: t(`words.field.${words.field}`), max: words.max })}
    </p>
  );
}
