import type { CrmStore } from './crmStore.js';
import type { CrmRecord } from './records.js';

/**
 * HubSpot's search is eventually consistent: "it may take a few moments for newly created or
 * updated CRM objects to appear in search results" (its 2026-03 search reference). With a lag,
 * search sees a record as it was before its latest writes until `lagMs` (real time) after the
 * last of them; a record created within the lag is not found at all. Reads by id are never lagged.
 */
export class SearchLag {
  private readonly stale = new Map<string, { before: CrmRecord | undefined; until: number }>();

  constructor(
    store: CrmStore,
    private lagMs: number,
    private readonly realNow: () => number,
  ) {
    store.onBeforeWrite((type, id, before) => {
      if (this.lagMs <= 0) return;
      const key = `${type}:${id}`;
      const now = this.realNow();
      const held = this.stale.get(key);
      // The copy search shows is the one from before the first write it has not caught up with.
      const copy = held && held.until > now ? held.before : before && clone(before);
      this.stale.set(key, { before: copy, until: now + this.lagMs });
    });
  }

  /** The lag now (0: search sees every write at once). */
  get ms(): number {
    return this.lagMs;
  }

  set(lagMs: number): void {
    this.lagMs = lagMs;
    if (lagMs <= 0) this.stale.clear();
  }

  /** Whether any record is still being caught up with (search results are not cacheable then). */
  active(): boolean {
    const now = this.realNow();
    for (const [key, s] of this.stale) if (s.until <= now) this.stale.delete(key);
    return this.stale.size > 0;
  }

  /** The record as search sees it now: its older copy, undefined when search cannot see it yet, or itself. */
  view(record: CrmRecord): CrmRecord | undefined {
    const s = this.stale.get(`${record.objectType}:${record.id}`);
    if (!s || s.until <= this.realNow()) return record;
    return s.before && !s.before.archived ? s.before : undefined;
  }
}

function clone(r: CrmRecord): CrmRecord {
  return { ...r, properties: new Map(r.properties), history: new Map(r.history) };
}
