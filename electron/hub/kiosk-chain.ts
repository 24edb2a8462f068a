// What the hub holds of one kiosk's chain, and where an arriving record fits in it. The
// stored records of a kiosk are always one unbroken run [first..last]: a record joins
// only at its end (prev = hash of the last) or just before its start (its hash = the
// first's prev); anything else is set aside, never stored over a good copy.
import { GENESIS_PREV } from '../core/ledger/record-line.js';

export type ChainState = 'ok' | 'gap' | 'diverged';

export interface KioskChain {
  kioskId: string;
  counterId: string;
  /** 0 and 0 while nothing is stored. */
  firstSeq: number;
  lastSeq: number;
  /** `prev` of the first stored record; hash and ts of the last. */
  firstPrev: string;
  lastHash: string;
  lastTs: string | null;
  /** Whether the run starts at seq 1, or a ledger.pruned record (the kiosk's or the hub's) explains its start. */
  startExplained: boolean;
  /** Records set aside (`seq:hash`), each with its problem. */
  aside: Map<string, 'diverged' | 'gap'>;
  version: string | null;
  lastSeenAt: Date | null;
}

export function emptyChain(kioskId: string, counterId: string): KioskChain {
  return {
    kioskId, counterId, firstSeq: 0, lastSeq: 0, firstPrev: GENESIS_PREV, lastHash: GENESIS_PREV, lastTs: null,
    startExplained: true, aside: new Map(), version: null, lastSeenAt: null,
  };
}

export function chainState(chain: KioskChain): ChainState {
  const problems = new Set(chain.aside.values());
  if (problems.has('diverged')) return 'diverged';
  if (problems.has('gap') || !chain.startExplained) return 'gap';
  return 'ok';
}

export interface Arrival {
  seq: number;
  prev: string;
  hash: string;
}

export type Placement =
  | { kind: 'append' }
  | { kind: 'prepend' }
  | { kind: 'repeat' }
  /** A seq inside the run that is not the last: only the stored copy's hash can tell. */
  | { kind: 'compare' }
  | { kind: 'aside'; problem: 'diverged' | 'gap'; detail: string };

export function placeArrival(chain: KioskChain, arrival: Arrival): Placement {
  const { seq, prev, hash } = arrival;
  if (chain.lastSeq === 0) {
    if (seq === 1 && prev !== GENESIS_PREV) {
      return { kind: 'aside', problem: 'diverged', detail: 'seq 1 must have a prev of 64 zeros' };
    }
    // A first record after 1 is the kiosk's oldest retained one: stored, and a gap until a ledger.pruned explains it.
    return { kind: 'append' };
  }
  if (seq === chain.lastSeq + 1) {
    if (prev === chain.lastHash) return { kind: 'append' };
    return { kind: 'aside', problem: 'diverged', detail: `prev is not the hash of the stored seq ${chain.lastSeq}: the chain does not follow` };
  }
  if (seq === chain.lastSeq) {
    return hash === chain.lastHash
      ? { kind: 'repeat' }
      : { kind: 'aside', problem: 'diverged', detail: `a different record for seq ${seq}, which the hub holds` };
  }
  if (seq > chain.lastSeq) {
    return { kind: 'aside', problem: 'gap', detail: `seq ${seq} after seq ${chain.lastSeq}: ${seq - chain.lastSeq - 1} record(s) missing` };
  }
  if (seq >= chain.firstSeq) return { kind: 'compare' };
  if (seq === chain.firstSeq - 1) {
    if (hash === chain.firstPrev) return { kind: 'prepend' };
    return { kind: 'aside', problem: 'diverged', detail: `its hash is not the prev of the stored seq ${chain.firstSeq}` };
  }
  return { kind: 'aside', problem: 'gap', detail: `seq ${seq} before the first stored seq ${chain.firstSeq}: records between are missing` };
}

/** Whether a ledger.pruned record's `segments` account for the records just before the run. */
export function prunedExplains(segments: unknown, chain: Pick<KioskChain, 'firstSeq' | 'firstPrev'>): boolean {
  if (!Array.isArray(segments)) return false;
  return segments.some(
    (removed: { lastSeq?: unknown; lastHash?: unknown }) =>
      removed.lastSeq === chain.firstSeq - 1 && removed.lastHash === chain.firstPrev,
  );
}
