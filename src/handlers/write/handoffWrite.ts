import type { HandoffRecord } from '../../domain/index.js';
import type { LedgerChange, LedgerTx } from '../../ledger/ledger.js';
import type { HandlerContext } from '../handlerContext.js';
import { currentRecord, inLedger, projectNow } from './ledgerWrite.js';

/** What a handler decided inside the transaction, on the handoff as the ledger has it. */
export type Decided<R> =
  /** A new version: committed with the delivery (its key, and this result for a replay to answer with). */
  | { result: R; change: Omit<LedgerChange, 'contactId' | 'fromVersion' | 'delivery'> }
  /** Nothing new to commit. `owed`: HubSpot may be owed something (queued by this decision, or left by an earlier attempt). */
  | { result: R; unchanged: true; owed: boolean }
  /** The decision needs more from HubSpot: leave the transaction, read it, and decide again. */
  | { readMore: () => Promise<void> };

/** One handler's own part of a write: everything else (the record, the replay, the commit, HubSpot told) is the write path's. */
export interface HandoffWrite<R> {
  contactId: string;
  /** HubSpot's properties for the contact: a handoff the ledger has not seen yet is adopted from them. */
  properties: Readonly<Record<string, string>>;
  /** Routings take the routing lock first, so concurrent routings are ordered and read each other's assignments. */
  lockRouting?: boolean;
  /** The delivery's key, on the handoff as the ledger has it (`deliveryKey`). */
  key: (record: HandoffRecord) => string;
  decide: (tx: LedgerTx, record: HandoffRecord, key: string) => Promise<Decided<R>>;
  /** What the outbox produced for this delivery (a task's id, a note's), read from its recorded result once HubSpot was told. */
  produced?: (recorded: Readonly<Record<string, unknown>>) => Partial<R>;
}

/** What the write path adds to every answer. */
export interface Written {
  /** True when this delivery repeated one already recorded: the result is the recorded one, nothing was written. */
  replayed?: boolean;
  /** True when the ledger has the change but HubSpot could not be told yet: the outbox retries until it is. */
  hubspotPending?: true;
}

type Settled<R> = { result: R; key?: string; owed: boolean; replayed?: true };

/**
 * The one write path every handler takes: read the handoff from the ledger (adopting HubSpot's
 * when the ledger has none), answer a repeated delivery with what it answered, decide, commit the
 * change with its delivery in one transaction (again on a conflict), then tell HubSpot from the
 * outbox. A handler brings only what is its own: its reads, its key, its decision.
 */
export async function writeHandoff<R extends object>(ctx: HandlerContext, write: HandoffWrite<R>): Promise<R & Written> {
  for (;;) {
    const settled = await inLedger(ctx, async (tx): Promise<Settled<R> | { readMore: () => Promise<void> }> => {
      if (write.lockRouting) await tx.lockRouting();
      const record = await currentRecord(tx, write.contactId, write.properties);
      const key = write.key(record);
      const recorded = await tx.delivery(key);
      if (recorded) return { result: recorded.result as unknown as R, key, owed: true, replayed: true };
      const decided = await write.decide(tx, record, key);
      if ('readMore' in decided) return decided;
      if ('unchanged' in decided) return { result: decided.result, owed: decided.owed };
      await tx.commit({ contactId: write.contactId, fromVersion: record.version, ...decided.change, delivery: { key, result: decided.result as unknown as Record<string, unknown> } });
      return { result: decided.result, key, owed: true };
    });
    if ('readMore' in settled) {
      await settled.readMore();
      continue;
    }
    const answer: R & Written = { ...settled.result, ...(settled.replayed ? { replayed: true } : {}) };
    if (!settled.owed) return answer;
    // Tell HubSpot now (a replay finishes what an earlier attempt left).
    const pending = await projectNow(ctx, write.contactId);
    const produced = settled.key && write.produced ? write.produced((await ctx.ledger.delivery(settled.key))?.result ?? {}) : {};
    return { ...answer, ...produced, ...pending };
  }
}
