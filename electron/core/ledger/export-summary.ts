// `ledger export --summary`: what a ward office pastes into its monthly report — per UTC
// day and notice language, sessions, answers, median answer time, overrides and pauses.
// Memory grows with days × languages, plus one number per answer for the medians (exact,
// not a histogram: a month of a busy ward is some hundred thousand numbers).
import type { LedgerRecord } from '../../shared/events.js';

const BOM = '\uFEFF';
const CRLF = '\r\n';
/** Sessions whose language is not known yet (their notice was never shown). */
const NO_LANGUAGE = '-';
/** Open sessions remembered for their language; a session left open longer than this is counted without it. */
const OPEN_SESSIONS = 10_000;

export const SUMMARY_COLUMNS = [
  'day',
  'language',
  'sessions',
  'acknowledged',
  'questioned',
  'timeout',
  'medianAnswerSeconds',
  'overrides',
  'pauses',
] as const;

interface Tally {
  sessions: number;
  acknowledged: number;
  questioned: number;
  timeout: number;
  answerMs: number[];
  overrides: number;
  pauses: number;
}

const emptyTally = (): Tally => ({ sessions: 0, acknowledged: 0, questioned: 0, timeout: 0, answerMs: [], overrides: 0, pauses: 0 });

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export async function* exportSummary(records: AsyncIterable<LedgerRecord>): AsyncGenerator<string> {
  const days = new Map<string, Map<string, Tally>>();
  const languageOf = new Map<string, string>();
  const tally = (record: LedgerRecord, language: string): Tally => {
    const day = record.ts.slice(0, 10);
    let byLanguage = days.get(day);
    if (!byLanguage) days.set(day, (byLanguage = new Map()));
    let found = byLanguage.get(language);
    if (!found) byLanguage.set(language, (found = emptyTally()));
    return found;
  };
  for await (const record of records) {
    // Compared as text: types another version adds (logging.paused) are counted by name.
    const type: string = record.type;
    const session = record.sessionId;
    const own = typeof record.language === 'string' ? record.language : undefined;
    if (session !== null && own !== undefined && type === 'notice.shown') {
      if (languageOf.size >= OPEN_SESSIONS) languageOf.delete(languageOf.keys().next().value as string);
      languageOf.set(session, own);
      tally(record, own).sessions += 1;
      continue;
    }
    const language = own ?? (session === null ? undefined : languageOf.get(session)) ?? NO_LANGUAGE;
    if (type === 'language.changed' && session !== null && own !== undefined) languageOf.set(session, own);
    else if (type === 'consent.acknowledged' || type === 'consent.questioned') {
      const row = tally(record, language);
      row[type === 'consent.acknowledged' ? 'acknowledged' : 'questioned'] += 1;
      if (typeof record.elapsedMs === 'number') row.answerMs.push(record.elapsedMs);
    } else if (type === 'consent.timeout') tally(record, language).timeout += 1;
    else if (type === 'logging.start' && record.by === 'staff-override') tally(record, language).overrides += 1;
    else if (type === 'logging.paused') tally(record, language).pauses += 1;
    else if (type === 'session.ended' && session !== null) languageOf.delete(session);
  }
  yield BOM + SUMMARY_COLUMNS.join(',') + CRLF;
  for (const day of [...days.keys()].sort()) {
    const byLanguage = days.get(day)!;
    const total = emptyTally();
    for (const language of [...byLanguage.keys()].sort()) {
      const row = byLanguage.get(language)!;
      for (const key of ['sessions', 'acknowledged', 'questioned', 'timeout', 'overrides', 'pauses'] as const) total[key] += row[key];
      for (const ms of row.answerMs) total.answerMs.push(ms);
      yield summaryRow(day, language, row);
    }
    yield summaryRow(day, 'all', total);
  }
}

function summaryRow(day: string, language: string, row: Tally): string {
  const middle = median(row.answerMs);
  const seconds = middle === null ? '' : (middle / 1000).toFixed(1);
  return [day, language, row.sessions, row.acknowledged, row.questioned, row.timeout, seconds, row.overrides, row.pauses].join(',') + CRLF;
}
