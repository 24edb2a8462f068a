// CPU time for `npm run bench:hub`, so that its figures say what each part costs per
// record and not only how fast this machine's shared cores went: the calling thread's own
// time (/proc/thread-self/schedstat: ns on a CPU), and a PostgreSQL server's processes'.
import { readdirSync, readFileSync } from 'node:fs';

/** ns this thread has run on a CPU (Linux); NaN elsewhere. */
export function threadCpuNs(): number {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
  } catch {
    return NaN;
  }
}

function processCpuNs(pid: string): number {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    return 0;
  }
}

function parentOf(pid: string): string | null {
  try {
    // The comm field may hold spaces: ppid is the second field after its closing ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? null;
  } catch {
    return null;
  }
}

/** ns per process of the PostgreSQL server listening on `port` (its postmaster and its children). */
export function postgresCpuNs(port: number): Map<string, number> {
  const pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  const postmaster = pids.find((pid) => {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      return args[0]?.endsWith('/postgres') === true && args[args.indexOf('-p') + 1] === String(port);
    } catch {
      return false;
    }
  });
  const usage = new Map<string, number>();
  if (postmaster === undefined) return usage;
  for (const pid of pids) if (pid === postmaster || parentOf(pid) === postmaster) usage.set(pid, processCpuNs(pid));
  return usage;
}

/** CPU ns the server's processes used between two readings (processes that ended since are left out). */
export function postgresCpuSince(before: Map<string, number>, after: Map<string, number>): number {
  let total = 0;
  for (const [pid, ns] of after) total += ns - (before.get(pid) ?? 0);
  return total;
}
