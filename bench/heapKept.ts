/**
 * The JavaScript heap a process keeps: its size after a full collection, in MB. Peak RSS says how
 * far V8 let garbage pile up before collecting it; what is left after a full collection says what
 * the process still holds, so comparing it before and after a run shows whether the run's work is
 * held (growing with its size) or let go.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

export function heapKeptMb(): number {
  collect();
  return Math.round(process.memoryUsage().heapUsed / 1e6);
}
