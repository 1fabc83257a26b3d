import { withAssignment, type HandoffRecord } from '../domain/index.js';
import { recordFromProperties } from '../hubspot/contactRecord.js';
import type { Delivery, LedgerChange, LedgerTx, OutboxItem } from '../ledger/ledger.js';
import type { Accounts } from './accountMatch.js';
import { readRouteBatch } from './batchLeadReads.js';
import type { HandlerContext } from './handlerContext.js';
import { HandlerError, parseInput, toHandlerError } from './handlerError.js';
import { RouteLeadInput } from './inputs.js';
import type { LeadRead } from './leadReads.js';
import { planRoute, producedOf, routeKey, routeLead, routingLoadHeld, type RouteInput, type RouteLeadResult } from './routeLead.js';
import { inLedger, projectNowFor } from './write/ledgerWrite.js';
import { OUTBOX_LEASE_MS, type RunSoFar } from './write/outboxDelivery.js';

/** One answer of a batch: the delivery's result, or the error it alone ran into. */
export type RouteLeadAnswer = { ok: true; result: RouteLeadResult } | { ok: false; error: HandlerError };

/**
 * "Route lead" for many deliveries at once (a list import, a webinar's attendees): the contacts and
 * their companies read in batches, every decision taken in arrival order in one ledger transaction
 * under the routing lock (so the split is the one routing them one by one would give), then HubSpot
 * told from the outbox in batch calls. Each delivery gets its own answer, as if it had come alone.
 * `onAnswered` hears the answers as soon as HubSpot has every contact's owner, stage and task
 * (before the Leads are mirrored, when the policy mirrors them); the promise ends with the run.
 */
export async function routeLeads(ctx: HandlerContext, raws: readonly unknown[], options: { onAnswered?: (answers: RouteLeadAnswer[]) => void } = {}): Promise<RouteLeadAnswer[]> {
  const answers: (RouteLeadAnswer | undefined)[] = [];
  const inputs = raws.map((raw, i) => {
    try {
      return parseInput(RouteLeadInput, raw);
    } catch (e) {
      answers[i] = { ok: false, error: toHandlerError(e) };
      return undefined;
    }
  });
  // A delivery alone that did not bring its contact costs what it always did: the contact with its
  // associations in one read, then its company (two calls, not three batch ones). One that brought
  // its contact goes the batch's way: its company read alone (one call when it names its primary).
  if (raws.length === 1 && !inputs[0]?.contactProperties) return [await routeLead(ctx, raws[0]).then((result) => ({ ok: true as const, result }), (e: unknown) => ({ ok: false as const, error: toHandlerError(e) }))];
  const failAll = (e: unknown) => {
    const error = toHandlerError(e);
    return raws.map((_, i) => answers[i] ?? { ok: false as const, error });
  };
  let reads: Map<string, LeadRead>;
  let accounts: Map<string, Accounts>;
  try {
    ({ reads, accounts } = await readRouteBatch(ctx, inputs.filter((i): i is RouteInput => i !== undefined)));
  } catch (e) {
    return failAll(e);
  }
  inputs.forEach((input, i) => {
    if (input && !reads.has(input.contactId)) answers[i] ??= { ok: false, error: new HandlerError('NOT_FOUND', `contact ${input.contactId} was not found in HubSpot (deleted or merged)`, { contactId: input.contactId }) };
  });

  const keys: (string | undefined)[] = [];
  let leased: OutboxItem[];
  try {
    const batch = await inLedger(ctx, (tx) => decideBatch(tx, ctx, inputs.map((input, i) => (input && !answers[i] ? input : undefined)), reads, accounts));
    leased = batch.leased;
    batch.decided.forEach((d, i) => {
      if (!d) return;
      keys[i] = d.key;
      answers[i] = { ok: true, result: d.result };
    });
  } catch (e) {
    return failAll(e);
  }

  // HubSpot is told for the whole batch at once: its tasks in batch creates, its writes in batch updates.
  const written = keys.flatMap((k, i) => (k && answers[i]?.ok ? [(answers[i] as { result: RouteLeadResult }).result.contactId] : []));
  const answered = (pending: ReadonlySet<string>, producedFor: (contactId: string, key: string) => Readonly<Record<string, unknown>>): RouteLeadAnswer[] =>
    answers.map((a, i) => {
      if (!a?.ok) return a ?? { ok: false, error: new HandlerError('INTERNAL', 'no answer was decided for this delivery') };
      const key = keys[i];
      return { ok: true, result: { ...a.result, ...(key ? producedOf(producedFor(a.result.contactId, key)) : {}), ...(pending.has(a.result.contactId) ? { hubspotPending: true as const } : {}) } };
    });
  // The callers may hear once HubSpot has every contact's owner, stage and task: the Leads'
  // mirror (records of their own, in no output field) is still going, so those answers name no Lead.
  const early = options.onAnswered && ((soFar: RunSoFar) => options.onAnswered!(answered(soFar.failed, (contactId) => soFar.outputs.get(contactId) ?? {})));
  const run = written.length ? await projectNowFor(ctx, written, leased, early ? { whenOnlyMirrorsLeft: early } : {}) : { failed: [], outputs: new Map<string, Readonly<Record<string, string>>>() };
  // What the outbox produced (the tasks' ids, the Leads'): this batch's items, from the run that
  // told HubSpot (as recorded); a delivery replayed or an item that waited behind an older one of
  // its contact, from the ledger in one read.
  const ranFor = new Map(leased.flatMap((item) => (run.outputs.has(item.id) ? [[item.contactId, run.outputs.get(item.id)!] as const] : [])));
  const ran = new Map<string, Readonly<Record<string, unknown>>>();
  keys.forEach((key, i) => {
    const a = answers[i];
    const outputs = key && a?.ok && !a.result.replayed ? ranFor.get(a.result.contactId) : undefined;
    if (outputs) ran.set(key!, outputs);
  });
  const unread = keys.filter((k): k is string => k !== undefined && !ran.has(k));
  const produced = unread.length ? await ctx.ledger.deliveries(unread) : new Map<string, Delivery>();
  return answered(new Set(run.failed.map((f) => f.contactId)), (_contactId, key) => ran.get(key) ?? produced.get(key)?.result ?? {});
}

/**
 * Every decision of a batch, set-based: under the routing lock, one instant for the batch, the
 * batch's handoffs and recorded deliveries read in one statement each and the routing load once;
 * then each lead decided in arrival order in memory (the load carried from decision to decision,
 * as the ledger would count it after each), and every change written with one statement a table.
 */
async function decideBatch(tx: LedgerTx, ctx: HandlerContext, inputs: readonly (RouteInput | undefined)[], reads: ReadonlyMap<string, LeadRead>, accounts: ReadonlyMap<string, Accounts>): Promise<{ decided: ({ key: string | undefined; result: RouteLeadResult } | undefined)[]; leased: OutboxItem[] }> {
  await tx.lockRouting();
  const now = ctx.now();
  const live = inputs.filter((i): i is RouteInput => i !== undefined);
  const stored = await tx.handoffs(live.map((i) => i.contactId));
  const records = new Map<string, HandoffRecord>();
  const recordOf = (input: RouteInput) => records.get(input.contactId) ?? stored.get(input.contactId) ?? recordFromProperties(input.contactId, reads.get(input.contactId)!.contact.properties);
  const recorded = await tx.deliveries(live.map((i) => routeKey(i, recordOf(i), false)));
  const planned = new Map<string, RouteLeadResult>();
  const changes: LedgerChange[] = [];
  let load: Awaited<ReturnType<typeof routingLoadHeld>> | undefined;
  const out: ({ key: string | undefined; result: RouteLeadResult } | undefined)[] = [];
  for (const input of inputs) {
    if (!input) {
      out.push(undefined);
      continue;
    }
    const record = recordOf(input);
    const key = routeKey(input, record, false);
    const earlier = recorded.get(key)?.result ?? planned.get(key);
    if (earlier) {
      out.push({ key, result: { ...(earlier as unknown as RouteLeadResult), replayed: true } });
      continue;
    }
    load ??= await routingLoadHeld(tx, ctx, now);
    const plan = planRoute(ctx, { input, read: reads.get(input.contactId)!, record, key, assigned: false, routing: { ...load, ...(accounts.get(input.contactId) ?? {}) }, now });
    if (!plan.change) {
      out.push({ key: undefined, result: plan.result });
      continue;
    }
    changes.push(plan.change);
    planned.set(key, plan.result);
    records.set(input.contactId, plan.change.record);
    load = withAssignment(load, plan.change.assignment!.ownerId, plan.change.record.routedAt ?? now);
    out.push({ key, result: plan.result });
  }
  // Its outbox items leased as they are written: HubSpot is told next, without a lease of its own.
  const { leased } = await tx.commitBatch(changes, { leaseMs: OUTBOX_LEASE_MS });
  return { decided: out, leased };
}
