// A tiny seeded pseudo-random generator (mulberry32) so that a fuzz run can be replayed
// exactly from the seed it prints when it fails.
export interface SeededRandom {
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  bytes(length: number): Buffer;
}

export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    seed,
    next,
    int,
    pick: <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T,
    chance: (probability) => next() < probability,
    bytes(length) {
      const buffer = Buffer.alloc(length);
      for (let i = 0; i < length; i++) buffer[i] = int(0, 255);
      return buffer;
    },
  };
}

/** `KOKUCHI_FUZZ_SEED` replays a run; otherwise a fresh seed each run. */
export function fuzzSeed(env: NodeJS.ProcessEnv = process.env): number {
  const given = env.KOKUCHI_FUZZ_SEED;
  return given !== undefined && /^\d+$/.test(given) ? Number(given) >>> 0 : Math.floor(Math.random() * 2 ** 32) >>> 0;
}
