// One staff-typed field (a name, a reason) checked before anything is sent, by the rule and
// the limits the kiosk itself applies (staff-words.ts): a refused value stays in the field,
// with the problem beside it, until the staff member fixes it.
import { useState } from 'react';
import {
  STAFF_TEXT_MAX,
  staffWordsLength,
  staffWordsProblem,
  staffWordsToSend,
  type ConsoleWordsField,
  type StaffWordsProblem,
} from '../../electron/shared/staff-words.js';

// Each field has a name in staff.json under `words.field`.
export type { ConsoleWordsField };

export interface StaffWords {
  field: ConsoleWordsField;
  text: string;
  /** Found by the last `check`, cleared by the next edit. */
  problem: StaffWordsProblem | null;
  /** As the kiosk counts it. */
  length: number;
  max: number;
  change(text: string): void;
  clear(): void;
  /** What to send (the trimmed words, or undefined for none), or null, with the problem shown, when the kiosk would refuse it. */
  check(): { send: string | undefined } | null;
}

export function useStaffWords(field: ConsoleWordsField): StaffWords {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<StaffWordsProblem | null>(null);
  return {
    field,
    text,
    problem,
    length: staffWordsLength(text),
    max: STAFF_TEXT_MAX[field],
    change(next) {
      setText(next);
      setProblem(null);
    },
    clear() {
      setText('');
      setProblem(null);
    },
    check() {
      const found = staffWordsProblem(field, text);
      setProblem(found);
      return found === null ? { send: staffWordsToSend(text) } : null;
    },
  };
}
