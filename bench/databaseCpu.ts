/**
 * PostgreSQL's processor time over a stretch of a benchmark, when the database runs on this
 * machine: the user and system time of every `postgres` process (the connections' backends, the
 * WAL writer, the checkpointer), read from Linux's /proc. Handoff's and HubSpot's side's processes
 * count their own time with `process.cpuUsage`; the database is a third process on the same cores.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks a second, as /proc counts processor time. */
function ticksPerSecond(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

/** The processor time of every running `postgres` process so far, in clock ticks. */
function postgresTicks(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    const close = stat.lastIndexOf(')');
    if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
    // After the name: state, ppid, ... utime is the 12th field, stime the 13th (proc(5)).
    const fields = stat.slice(close + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks;
}

const LOCAL = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/**
 * Starts counting; the function it returns gives the seconds since. Undefined when the database
 * is not on this machine (its address names another host) or the machine has no /proc. A
 * backend that ends during the stretch takes its time with it: the bench's connections stay open.
 */
export function databaseCpuMeter(databaseUrl: string | undefined): (() => number) | undefined {
  if (!databaseUrl) return undefined;
  let host: string;
  try {
    host = new URL(databaseUrl).hostname;
  } catch {
    return undefined;
  }
  if (!LOCAL.has(host)) return undefined;
  let start: number;
  try {
    start = postgresTicks();
  } catch {
    return undefined;
  }
  const hz = ticksPerSecond();
  return () => Math.round(((postgresTicks() - start) / hz) * 100) / 100;
}
