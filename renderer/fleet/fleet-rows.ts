// The fleet table's rows from /v1/fleet: which counters have gone quiet, how late their
// records arrive, what is wrong, and which match the filter. Pure, so it is unit-tested.
import { isKnownChain, type FleetKiosk } from './hub-answers.js';

export type RowProblem = { kind: 'gap' | 'diverged' } | { kind: 'chain'; chain: string } | { kind: 'hub'; text: string };

export interface FleetRow {
  kiosk: FleetKiosk;
  /** Office and counter as one line, for the table and the events view. */
  label: string;
  /** Not heard from for longer than the chosen minutes (or never). */
  quiet: boolean;
  /** Seconds between the last record's own time and the hub's receiving it; null if unknown. */
  lagSeconds: number | null;
  problems: RowProblem[];
}

export interface FleetView {
  rows: FleetRow[];
  total: number;
  quiet: number;
  withProblems: number;
}

const MINUTE_MS = 60_000;

function time(text: string | null | undefined): number | null {
  if (!text) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

export function counterLabel(kiosk: FleetKiosk): string {
  const counter = kiosk.counterId || kiosk.kioskId;
  return kiosk.office ? `${kiosk.office} / ${counter}` : counter;
}

export function lagSeconds(kiosk: FleetKiosk): number | null {
  const ts = time(kiosk.lastTs);
  const seen = time(kiosk.lastSeenAt);
  if (ts === null || seen === null) return null;
  return Math.max(0, Math.round((seen - ts) / 1000));
}

export function isQuiet(kiosk: FleetKiosk, now: number, quietMinutes: number): boolean {
  const seen = time(kiosk.lastSeenAt);
  return seen === null || now - seen > quietMinutes * MINUTE_MS;
}

function problemsOf(kiosk: FleetKiosk): RowProblem[] {
  const problems: RowProblem[] = [];
  if (kiosk.chain === 'gap' || kiosk.chain === 'diverged') problems.push({ kind: kiosk.chain });
  else if (!isKnownChain(kiosk.chain)) problems.push({ kind: 'chain', chain: kiosk.chain });
  for (const text of kiosk.problems ?? []) problems.push({ kind: 'hub', text });
  return problems;
}

/** Full-width and half-width, upper and lower case match alike: 「ｓｈｉｍｉｎ」 finds "shimin". */
function folded(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

export function matchesFilter(kiosk: FleetKiosk, filter: string): boolean {
  const wanted = folded(filter.trim());
  if (wanted === '') return true;
  return [kiosk.office ?? '', kiosk.counterId, kiosk.kioskId].some((field) => folded(field).includes(wanted));
}

/** Rows that match, troubled ones (problems, then quiet) first, then by office and counter. */
export function fleetView(kiosks: readonly FleetKiosk[], options: { now: number; quietMinutes: number; filter: string }): FleetView {
  const all = kiosks.map<FleetRow>((kiosk) => ({
    kiosk,
    label: counterLabel(kiosk),
    quiet: isQuiet(kiosk, options.now, options.quietMinutes),
    lagSeconds: lagSeconds(kiosk),
    problems: problemsOf(kiosk),
  }));
  const rank = (row: FleetRow) => (row.problems.length > 0 ? 0 : row.quiet ? 1 : 2);
  const rows = all
    .filter((row) => matchesFilter(row.kiosk, options.filter))
    .sort((a, b) => rank(a) - rank(b) || a.label.localeCompare(b.label, 'ja') || a.kiosk.kioskId.localeCompare(b.kiosk.kioskId));
  return {
    rows,
    total: all.length,
    quiet: all.filter((row) => row.quiet).length,
    withProblems: all.filter((row) => row.problems.length > 0).length,
  };
}

/** A duration as the largest whole unit: 42 s, 5 min, 3 h, 2 d. */
export function durationParts(seconds: number): { unit: 'seconds' | 'minutes' | 'hours' | 'days'; n: number } {
  if (seconds < 60) return { unit: 'seconds', n: Math.round(seconds) };
  if (seconds < 3600) return { unit: 'minutes', n: Math.floor(seconds / 60) };
  if (seconds < 86_400) return { unit: 'hours', n: Math.floor(seconds / 3600) };
  return { unit: 'days', n: Math.floor(seconds / 86_400) };
}
