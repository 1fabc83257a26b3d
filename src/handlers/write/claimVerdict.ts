// HubSpot has no compare-and-set, so a handoff write is claimed first: each attempt appends a
// claim (the version it read, its idempotency key, a nonce) to the handoff_claim property, reads
// that property's history back, and only the first live claim on that version may commit. This
// file is the pure half: what a claim looks like, and who holds the handoff given the history.

/** One attempt's claim on moving a handoff on from `version`. */
export interface Claim {
  /** The handoff_version the attempt read and will move on from. */
  version: number;
  /** The action's idempotency key: the same for every delivery of the same action. */
  key: string;
  /** This attempt (two deliveries of one action have the same key and different nonces). */
  nonce: string;
  /** Set when the attempt gave up before committing, so a retry need not wait for the lease. */
  released?: boolean;
  /** What the attempt created before it gave up (task or note ids), for its retry to reuse. */
  created?: Record<string, string>;
}

/** A claim as read back from the property history, with HubSpot's timestamp. */
export interface ClaimEntry extends Claim {
  at: number;
}

/** How long an unreleased claim holds a handoff: longer than any attempt may run before committing. */
export const CLAIM_LEASE_MS = 60_000;

export type ClaimVerdict =
  | { won: true; reuse: Record<string, string> }
  | { won: false; why: 'held'; holder: ClaimEntry; sameKey: boolean; retryAfterMs: number }
  | { won: false; why: 'moved'; currentVersion: number }
  | { won: false; why: 'unseen' };

export function formatClaim(claim: Claim): string {
  return JSON.stringify(claim);
}

/** A history value as a claim entry, or undefined for anything that is not one. */
export function parseClaim(value: string, at: number): ClaimEntry | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch {
    return undefined;
  }
  const c = raw as Partial<Claim>;
  if (!raw || typeof raw !== 'object' || typeof c.version !== 'number' || typeof c.key !== 'string' || typeof c.nonce !== 'string') return undefined;
  const created = c.created && typeof c.created === 'object' ? Object.fromEntries(Object.entries(c.created).filter((e): e is [string, string] => typeof e[1] === 'string')) : undefined;
  return { version: c.version, key: c.key, nonce: c.nonce, at, ...(c.released === true ? { released: true } : {}), ...(created && Object.keys(created).length ? { created } : {}) };
}

/**
 * Who holds the handoff, given the claim history (newest first, as HubSpot returns it), the
 * current handoff_version and this attempt's claim. The holder is the oldest claim on the version
 * this attempt read that is neither released nor older than the lease (measured on HubSpot's own
 * timestamps, against this attempt's claim). Same-instant claims keep HubSpot's history order,
 * which every reader sees alike.
 */
export function claimVerdict(historyNewestFirst: readonly ClaimEntry[], currentVersion: number, mine: Claim, leaseMs = CLAIM_LEASE_MS): ClaimVerdict {
  if (currentVersion !== mine.version) return { won: false, why: 'moved', currentVersion };
  const oldestFirst = [...historyNewestFirst].reverse();
  const own = oldestFirst.find((e) => e.nonce === mine.nonce && !e.released);
  if (!own) return { won: false, why: 'unseen' };
  const released = new Set(oldestFirst.filter((e) => e.released).map((e) => e.nonce));
  const holder = oldestFirst.find((e) => !e.released && e.version === mine.version && !released.has(e.nonce) && own.at - e.at <= leaseMs)!;
  if (holder.nonce === mine.nonce) {
    // A retry of the same action reuses what its earlier attempts created (recorded when they gave up).
    const reuse: Record<string, string> = {};
    for (const e of oldestFirst) if (e.nonce !== mine.nonce && e.key === mine.key && e.version === mine.version && e.created) Object.assign(reuse, e.created);
    return { won: true, reuse };
  }
  return { won: false, why: 'held', holder, sameKey: holder.key === mine.key, retryAfterMs: Math.max(1000, holder.at + leaseMs - own.at) };
}
