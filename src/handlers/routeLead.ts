import { decideRouteLead, fairnessWindowStarts, nextSlaCheckAt, withAssignment, slaStatusOf, type Actor, type Lead, type RouteLeadDecision, type RoutingSnapshot } from '../domain/index.js';
import { eventSummary, propertiesForRecord } from '../hubspot/contactRecord.js';
import { P } from '../hubspot/handoffProperties.js';
import { pendingTaskId, type LedgerTx } from '../ledger/ledger.js';
import type { HandlerContext } from './handlerContext.js';
import { handler } from './handler.js';
import { HandlerError, parseInput, toHandlerError } from './handlerError.js';
import { RouteLeadInput, StartSlaInput } from './inputs.js';
import { readLead, readLeads, withMatchedCompanies, type LeadRead } from './leadReads.js';
import { lifecycleForward } from '../domain/index.js';
import { currentRecord, inLedger, projectNow, projectNowFor, taskThenWrite } from './write/ledgerWrite.js';
import { leadMirrorEffects, leadName } from './write/leadMirror.js';
import { accountsFor, type Accounts } from './accountMatch.js';
import { indexedCompany, leadFromEnrolment } from './enrolmentLead.js';

export interface RouteLeadResult {
  contactId: string;
  outcome: RouteLeadDecision['outcome'];
  stage: string;
  qualification: { stage: string; summary: string; policyVersion: string };
  ownerId?: string;
  ruleId?: string;
  explanation?: string;
  slaTierId?: string;
  slaDueAt?: string;
  taskId?: string;
  /** The Lead that mirrors this handoff in the prospecting workspace (policy hubspot.leads: mirror). */
  leadId?: string;
  /** True when this delivery repeated one already recorded: the result is the recorded one, nothing was written. */
  replayed?: boolean;
  /** True when the ledger has the change but HubSpot could not be told yet: the outbox retries until it is. */
  hubspotPending?: true;
}

/**
 * "Route lead": qualify the contact; if it is an MQL, route it with reasons and start its SLA.
 * HubSpot is read first (the contact with its company association, then the company); the
 * decision is taken in one ledger transaction holding the routing lock, so concurrent routings on
 * any number of instances are ordered and read each other's assignments. Then HubSpot is told:
 * the follow-up task, and one write of the handoff properties. No search.
 * A contact already in a handoff is left alone (a repeated delivery changes nothing).
 */
export const routeLead = handler(async (ctx: HandlerContext, raw: unknown): Promise<RouteLeadResult> => {
  const input = parseInput(RouteLeadInput, raw);
  return routeOrStart(ctx, input, false);
});

/** "Start SLA": for a contact whose owner was assigned in HubSpot: the SLA starts for that owner. */
export const startSla = handler(async (ctx: HandlerContext, raw: unknown): Promise<RouteLeadResult> => {
  const input = parseInput(StartSlaInput, raw);
  return routeOrStart(ctx, input, true);
});

type RouteInput = { contactId: string; actor: Actor; idempotencyKey?: string | undefined; contactProperties?: Record<string, string> | undefined };

async function routeOrStart(ctx: HandlerContext, input: RouteInput, assigned: boolean): Promise<RouteLeadResult> {
  // The contact as its enrolment brought it (HubSpot's daily limit reached: no call can be made), or read from HubSpot.
  const enrolled = !assigned ? input.contactProperties : undefined;
  const first = enrolled ? await leadFromEnrolment(ctx, input.contactId, enrolled) : await readLead(ctx, input.contactId);
  // Lead-to-account matching reads the ledger's account index (no HubSpot search), before the lock.
  const accounts = assigned ? {} : await accountsFor(ctx, first.lead, first.companyId);
  const read = accounts.account && !first.companyId ? await withAccountCompany(ctx, first, accounts.account.companyId, !!enrolled) : first;
  const answer = await inLedger(ctx, async (tx) => {
    if (!assigned) await tx.lockRouting();
    return routeInLedger(tx, ctx, input, read, accounts, assigned);
  });
  if (!answer.key) return answer.result;
  // Tell HubSpot now (a replay finishes what an earlier attempt left); the task's id comes back from the outbox.
  const pending = await projectNow(ctx, input.contactId);
  return { ...answer.result, ...(await producedBy(ctx, answer.key)), ...pending };
}

/** A lead HubSpot associates with no company, given the one matching found: from HubSpot, or from the index when no call can be made. */
async function withAccountCompany(ctx: HandlerContext, read: LeadRead, companyId: string, fromIndex: boolean): Promise<LeadRead> {
  if (!fromIndex) return (await withMatchedCompanies(ctx, [read], new Map([[read.contact.id, companyId]])))[0]!;
  const company = await indexedCompany(ctx, companyId);
  return company ? { ...read, lead: { ...read.lead, company } } : read;
}

/** What the outbox produced for a delivery so far: the follow-up task's id, the mirrored Lead's. */
async function producedBy(ctx: HandlerContext, key: string): Promise<Pick<RouteLeadResult, 'taskId' | 'leadId'>> {
  const result = (await ctx.ledger.delivery(key))?.result ?? {};
  return { ...(typeof result.taskId === 'string' ? { taskId: result.taskId } : {}), ...(typeof result.leadId === 'string' ? { leadId: result.leadId } : {}) };
}

/** One answer of a batch: the delivery's result, or the error it alone ran into. */
export type RouteLeadAnswer = { ok: true; result: RouteLeadResult } | { ok: false; error: HandlerError };

/**
 * "Route lead" for many deliveries at once (a list import, a webinar's attendees): the contacts and
 * their companies read in batches, every decision taken in arrival order in one ledger transaction
 * under the routing lock (so the split is the one routing them one by one would give), then HubSpot
 * told from the outbox in batch calls. Each delivery gets its own answer, as if it had come alone.
 */
export async function routeLeads(ctx: HandlerContext, raws: readonly unknown[]): Promise<RouteLeadAnswer[]> {
  // A delivery alone costs what it always did: two single reads, not three batch ones.
  if (raws.length === 1) return [await routeLead(ctx, raws[0]).then((result) => ({ ok: true as const, result }), (e: unknown) => ({ ok: false as const, error: toHandlerError(e) }))];
  const answers: (RouteLeadAnswer | undefined)[] = [];
  const inputs = raws.map((raw, i) => {
    try {
      return parseInput(RouteLeadInput, raw);
    } catch (e) {
      answers[i] = { ok: false, error: toHandlerError(e) };
      return undefined;
    }
  });
  const ids = [...new Set(inputs.flatMap((i) => (i ? [i.contactId] : [])))];
  let reads: Map<string, LeadRead>;
  try {
    reads = ids.length ? await readLeads(ctx, ids) : new Map();
  } catch (e) {
    const error = toHandlerError(e);
    return raws.map((_, i) => answers[i] ?? { ok: false, error });
  }
  const accounts = new Map<string, Accounts>();
  for (const [id, read] of reads) {
    try {
      accounts.set(id, await accountsFor(ctx, read.lead, read.companyId));
    } catch (e) {
      answers[inputs.findIndex((i) => i?.contactId === id)] ??= { ok: false, error: toHandlerError(e) };
    }
  }
  // The companies matched to leads HubSpot associates with none: read in one batch, as the leads' companies.
  const matched = new Map([...accounts].flatMap(([id, a]) => (a.account ? [[id, a.account.companyId] as const] : [])));
  try {
    for (const r of await withMatchedCompanies(ctx, [...reads.values()], matched)) reads.set(r.contact.id, r);
  } catch (e) {
    const error = toHandlerError(e);
    return raws.map((_, i) => answers[i] ?? { ok: false, error });
  }
  inputs.forEach((input, i) => {
    if (input && !reads.has(input.contactId)) answers[i] ??= { ok: false, error: new HandlerError('NOT_FOUND', `contact ${input.contactId} was not found in HubSpot (deleted or merged)`, { contactId: input.contactId }) };
  });

  const keys: (string | undefined)[] = [];
  try {
    const decided = await inLedger(ctx, async (tx) => {
      await tx.lockRouting();
      // One instant for the batch, read under the lock; the load is read once and then carried from
      // decision to decision, as the ledger would count it after each.
      const batch: BatchLoad = { now: ctx.now(), load: undefined };
      const out: ({ key: string | undefined; result: RouteLeadResult } | undefined)[] = [];
      for (const [i, input] of inputs.entries()) {
        if (!input || answers[i]) {
          out.push(undefined);
          continue;
        }
        out.push(await routeInLedger(tx, ctx, input, reads.get(input.contactId)!, accounts.get(input.contactId) ?? {}, false, batch));
      }
      return out;
    });
    decided.forEach((d, i) => {
      if (!d) return;
      keys[i] = d.key;
      answers[i] = { ok: true, result: d.result };
    });
  } catch (e) {
    const error = toHandlerError(e);
    return raws.map((_, i) => answers[i] ?? { ok: false, error });
  }

  // HubSpot is told for the whole batch at once: its tasks in batch creates, its writes in batch updates.
  const written = keys.flatMap((k, i) => (k && answers[i]?.ok ? [(answers[i] as { result: RouteLeadResult }).result.contactId] : []));
  const run = written.length ? await projectNowFor(ctx, written) : { failed: [] };
  const pending = new Set(run.failed.map((f) => f.contactId));
  return Promise.all(
    answers.map(async (a, i) => {
      if (!a?.ok) return a ?? { ok: false, error: new HandlerError('INTERNAL', 'no answer was decided for this delivery') };
      const key = keys[i];
      return { ok: true, result: { ...a.result, ...(key ? await producedBy(ctx, key) : {}), ...(pending.has(a.result.contactId) ? { hubspotPending: true as const } : {}) } };
    }),
  );
}

/** A batch's instant and its routing load as of the last decision (read from the ledger for the first). */
interface BatchLoad {
  now: Date;
  load: Awaited<ReturnType<typeof loadUnderLock>> | undefined;
}

/**
 * The routing decision for one contact, inside a transaction that holds the routing lock: routings
 * are ordered by the lock, and each reads the clock once it holds it (a batch once, for all of
 * it), so an assignment committed before this one is never "in the future" of this one's decision.
 */
async function routeInLedger(tx: LedgerTx, ctx: HandlerContext, input: RouteInput, read: LeadRead, accounts: Accounts, assigned: boolean, batch?: BatchLoad): Promise<{ key: string | undefined; result: RouteLeadResult }> {
  const { contactId, actor } = input;
  const assignedOwnerId = assigned ? read.contact.properties.hubspot_owner_id : undefined;
  const now = batch?.now ?? ctx.now();
  const record = await currentRecord(tx, contactId, read.contact.properties);
  // A caller's key is scoped to the action, so one delivery id can never stand for two different actions.
  const key = `${assigned ? 'start-sla' : 'route'}:${input.idempotencyKey ?? `${contactId}:v${record.version}`}`;
  const recorded = await tx.delivery(key);
  if (recorded) return { key, result: { ...(recorded.result as unknown as RouteLeadResult), replayed: true } };
  if (assigned && !assignedOwnerId) throw new HandlerError('CONFLICT', `contact ${contactId} has no owner in HubSpot, so there is no SLA to start; use "Route lead" to assign one`, { contactId });

  if (batch && !assigned) batch.load ??= await loadUnderLock(tx, ctx, now);
  const routing: RoutingSnapshot = assigned ? { openHandoffs: {}, recentAssignments: [] } : { ...(batch?.load ?? (await loadUnderLock(tx, ctx, now))), ...accounts };

  const decision = decideRouteLead({ record, lead: read.lead, routing, ...(assignedOwnerId ? { assignedOwnerId } : {}) }, ctx.policy, now, actor);
  const base: RouteLeadResult = {
    contactId,
    outcome: decision.outcome,
    stage: decision.record.state,
    qualification: { stage: decision.qualification.stage, summary: decision.qualification.summary, policyVersion: decision.qualification.policyVersion },
    ...(decision.record.ownerId ? { ownerId: decision.record.ownerId } : {}),
    ...(decision.record.slaDueAt ? { slaDueAt: decision.record.slaDueAt.toISOString() } : {}),
    ...(decision.record.slaTierId ? { slaTierId: decision.record.slaTierId } : {}),
  };
  if (decision.outcome !== 'routed') return { key: undefined, result: base };

  const result: RouteLeadResult = { ...base, ruleId: decision.routing.ruleId, explanation: decision.routing.explanation };
  const receipt = { key, ruleId: decision.routing.ruleId, slaTierId: decision.routing.slaTierId, ...(decision.record.slaDueAt ? { slaDueAt: decision.record.slaDueAt.toISOString() } : {}) };
  const events = decision.transitions.slice(-2).map((t) => eventSummary(t, t.event === 'route' ? receipt : {}));
  // The follow-up task is created by the outbox; until then the handoff knows it by its pending id.
  const next = decision.task ? { ...decision.record, taskId: pendingTaskId(key) } : decision.record;
  const properties = propertiesForRecord(record, next, decision.transitions.at(-1), { [P.slaStatus]: slaStatusOf(next, ctx.policy, now) ?? '', ...lifecycleForward(read.lead.contact.lifecyclestage, 'marketingqualifiedlead') }, receipt);
  await tx.commit({
    contactId,
    fromVersion: record.version,
    record: next,
    events,
    assignment: { ownerId: decision.routing.ownerId, ruleId: decision.routing.ruleId, why: decision.routing.explanation, source: assigned ? 'hubspot' : 'route' },
    delivery: { key, result: result as unknown as Record<string, unknown> },
    effects: [...taskThenWrite(contactId, decision.task, properties, pendingTaskId(key)), ...leadMirrorEffects(ctx.policy, contactId, record, next, { name: leadName(read.contact.properties, contactId), ...(read.companyId ? { companyId: read.companyId } : {}) })],
    slaTimerAt: nextSlaCheckAt(next, ctx.policy, now) ?? null,
  });
  if (batch?.load) batch.load = withAssignment(batch.load, decision.routing.ownerId, next.routedAt ?? now);
  return { key, result };
}

/** The routing load from the ledger, under the routing lock (held until the transaction ends). */
async function loadUnderLock(tx: LedgerTx, ctx: HandlerContext, now: Date) {
  await tx.lockRouting();
  const windowStarts = fairnessWindowStarts(ctx.policy, now);
  // The earliest window start is the look-back's: the assignments routing can count.
  return tx.routingLoad(windowStarts[0]!, { windowStarts, now });
}

/** The routing snapshot for a reassignment: the ledger's load under the lock, and the lead's account. */
export async function routingSnapshotInLedger(tx: LedgerTx, ctx: HandlerContext, lead: Lead, accounts: Accounts, now: Date): Promise<RoutingSnapshot> {
  return { ...(await loadUnderLock(tx, ctx, now)), ...accounts };
}

