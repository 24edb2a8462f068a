// Where a staff app keeps the last `seq` it processed, so that after a restart it
// resumes from there with `since` instead of missing what happened meanwhile.
export interface SeqStore {
  /** The last processed seq, or undefined when nothing has been processed yet. */
  load(): number | undefined | Promise<number | undefined>;
  /** Called after every processed event, in order. */
  save(seq: number): void | Promise<void>;
}

/** Keeps the seq for the life of the client only (the default). */
export function memorySeqStore(initial?: number): SeqStore {
  let seq = initial;
  return {
    load: () => seq,
    save: (value) => {
      seq = value;
    },
  };
}

/** The part of the Web Storage API (`localStorage`, `sessionStorage`) the store needs. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Keeps the seq in `localStorage` or `sessionStorage` under `key`. */
export function webStorageSeqStore(storage: KeyValueStorage, key = 'kokuchi.staff.lastSeq'): SeqStore {
  return {
    load: () => {
      const text = storage.getItem(key);
      // Anything but a plain non-negative integer was not written by us: start afresh.
      return text !== null && /^\d{1,15}$/.test(text) ? Number(text) : undefined;
    },
    save: (seq) => storage.setItem(key, String(seq)),
  };
}
