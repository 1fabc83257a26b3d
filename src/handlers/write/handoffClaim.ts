import { versionOf } from '../../hubspot/contactRecord.js';
import { P } from '../../hubspot/handoffProperties.js';
import { toHubSpotError } from '../../hubspot/hubspotError.js';
import type { HandlerContext } from '../handlerContext.js';
import { HandlerError } from '../handlerError.js';
import { CLAIM_LEASE_MS, claimVerdict, formatClaim, parseClaim, type Claim, type ClaimEntry } from './claimVerdict.js';

/** An attempt may commit only this long after claiming (the rest of the lease covers the commit's own flight). */
const COMMIT_BY_MS = CLAIM_LEASE_MS - 15_000;
/** What a duplicate delivery is told to wait while the first one finishes. */
const DUPLICATE_RETRY_MS = 2_000;

/** Raised when the handoff moved on between this attempt's read and its claim: read again and decide again. */
export class HandoffMoved extends Error {
  constructor(readonly currentVersion: number) {
    super(`the handoff moved on to version ${currentVersion} while this action was being recorded`);
    this.name = 'HandoffMoved';
  }
}

export interface HeldClaim {
  /** Ids an earlier, released attempt of the same action created (taskId, noteId), to reuse. */
  readonly reuse: Readonly<Record<string, string>>;
  /** Notes an id created under this claim, so a retry can reuse it if this attempt gives up. */
  created(name: string, id: string): void;
  /** The one write that moves the handoff on (version + 1, the event with its key). */
  commit(writes: Record<string, string>): Promise<void>;
}

/**
 * Claims the handoff on `contactId` for moving on from `version`, runs `work` while holding it,
 * and releases the claim if `work` fails before its commit landed. One claim write and one read
 * back; a release (one more write) only on failure. Throws CONFLICT when another action holds the
 * handoff, IN_PROGRESS when a duplicate of this action does, and HandoffMoved when the handoff
 * changed since it was read.
 */
export async function withHandoffClaim<T>(ctx: HandlerContext, contactId: string, version: number, key: string, work: (claim: HeldClaim) => Promise<T>): Promise<T> {
  const wall = ctx.wallMs ?? (() => performance.now());
  const mine: Claim = { version, key, nonce: crypto.randomUUID() };
  const created: Record<string, string> = {};
  let state: 'claiming' | 'held' | 'committing' | 'committed' = 'claiming';
  const release = () =>
    ctx.crm.updateContact(contactId, { [P.claim]: formatClaim({ ...mine, released: true, ...(Object.keys(created).length ? { created } : {}) }) }).catch(() => undefined);

  try {
    await ctx.crm.updateContact(contactId, { [P.claim]: formatClaim(mine) });
    const claimedAt = wall();
    const back = await ctx.crm.readContact(contactId, { properties: [P.claim, P.version], history: [P.claim] });
    const entries = (back.history[P.claim] ?? []).map((h) => parseClaim(h.value, h.at.getTime())).filter((e): e is ClaimEntry => e !== undefined);
    const verdict = claimVerdict(entries, versionOf(back.properties), mine);
    if (!verdict.won) {
      if (verdict.why === 'moved') throw new HandoffMoved(verdict.currentVersion);
      if (verdict.why === 'unseen') throw new HandlerError('IN_PROGRESS', `HubSpot did not show this attempt's claim on contact ${contactId} yet; nothing was saved, try again`, { contactId }, DUPLICATE_RETRY_MS);
      if (verdict.sameKey) throw new HandlerError('IN_PROGRESS', `this action is already being recorded on contact ${contactId} (a duplicate delivery); nothing more was saved`, { contactId, key }, Math.min(DUPLICATE_RETRY_MS, verdict.retryAfterMs));
      throw new HandlerError('CONFLICT', `another action is being recorded on contact ${contactId}'s handoff right now (${verdict.holder.key}); nothing was saved — reload and look again`, { contactId, heldBy: verdict.holder.key });
    }
    state = 'held';
    const claim: HeldClaim = {
      reuse: verdict.reuse,
      created: (name, id) => void (created[name] = id),
      commit: async (writes) => {
        if (wall() - claimedAt > COMMIT_BY_MS) throw new HandlerError('UPSTREAM_UNAVAILABLE', `HubSpot was too slow: the claim on contact ${contactId} ran out before the handoff could be saved; nothing was saved, try again`, { contactId });
        state = 'committing';
        try {
          await ctx.crm.updateContact(contactId, writes);
        } catch (e) {
          // A refused write did nothing, so the claim is released. A timeout or 5xx may have landed:
          // one read tells; if it did not, release (with what was created, for the retry to reuse),
          // and if that read fails too, the claim is left to its lease.
          if (!toHubSpotError(e, 'committing').retryable) state = 'held';
          else if (await stillAt(ctx, contactId, version)) state = 'held';
          throw e;
        }
        state = 'committed';
      },
    };
    return await work(claim);
  } catch (e) {
    if (state === 'claiming' || state === 'held') await release();
    throw e;
  }
}

/**
 * Runs an attempt; if the handoff moved on between its read and its claim, runs it once more
 * from a fresh read (which finds the winner's result, decides again, or reports a conflict).
 */
export async function rereadOnMove<T>(attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (e) {
    if (!(e instanceof HandoffMoved)) throw e;
  }
  try {
    return await attempt();
  } catch (e) {
    if (e instanceof HandoffMoved) throw new HandlerError('CONFLICT', `${e.message} twice in a row; nothing was saved — reload and look again`, { currentVersion: e.currentVersion });
    throw e;
  }
}

/**
 * An unclaimed write of a reading (the SLA status) that must not outlive the version it was read
 * at: written, then the version read back. If another action committed in between, the caller is
 * told to read again (HandoffMoved), so the reading it leaves is the one for the handoff as it is
 * now, not the one it replaced.
 */
export async function writeReadingAt(ctx: HandlerContext, contactId: string, version: number, properties: Record<string, string>): Promise<void> {
  await ctx.crm.updateContact(contactId, properties);
  const current = await versionNow(ctx, contactId);
  if (current !== version) throw new HandoffMoved(current);
}

/** The handoff's version as HubSpot has it now (one read of one property). */
async function versionNow(ctx: HandlerContext, contactId: string): Promise<number> {
  return versionOf((await ctx.crm.readContact(contactId, { properties: [P.version] })).properties);
}

/** Whether the handoff is still at `version` (false when it moved on, or when HubSpot cannot say). */
async function stillAt(ctx: HandlerContext, contactId: string, version: number): Promise<boolean> {
  try {
    return (await versionNow(ctx, contactId)) === version;
  } catch {
    return false;
  }
}
