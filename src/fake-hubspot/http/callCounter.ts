import { routeMatcher } from './routeKey.js';

export interface CallRecord {
  route: string;
  status: number;
  at: number;
}

/** Every call the fake answered, by route: what tests and benchmarks read to count API spend. */
export class CallCounter {
  private readonly records: CallRecord[] = [];

  add(route: string, status: number, at: number): void {
    this.records.push({ route, status, at });
  }

  /** Calls whose route matches the glob (all calls without one); optionally only one status. */
  count(pattern = '**', status?: number): number {
    const matches = routeMatcher(pattern);
    return this.records.filter((r) => matches(r.route) && (status === undefined || r.status === status)).length;
  }

  byRoute(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.records) out[r.route] = (out[r.route] ?? 0) + 1;
    return out;
  }

  byStatus(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.records) out[String(r.status)] = (out[String(r.status)] ?? 0) + 1;
    return out;
  }

  list(): readonly CallRecord[] {
    return this.records;
  }

  reset(): void {
    this.records.length = 0;
  }
}
