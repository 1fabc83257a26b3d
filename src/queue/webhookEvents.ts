import { z } from 'zod';
import { checkSla } from '../handlers/checkSla.js';
import type { HandlerContext } from '../handlers/handlerContext.js';
import { HandlerError, toHandlerError } from '../handlers/handlerError.js';
import { ownerChanged, reconcileContact } from '../handlers/reconcile.js';
import { routeLeads } from '../handlers/routeLeads.js';
import { leadStageMoved } from '../handlers/leadStageMoved.js';
import { leadDeleted, leadOwnerChanged } from '../handlers/leadChanged.js';
import { idempotencyKey } from '../handlers/inputs.js';
import { refreshAccounts } from '../handlers/accountIndex.js';
import { CONTACT_PROPERTY_NAMES } from '../hubspot/handoffProperties.js';
import { ACCOUNT_FIELDS } from '../domain/accounts/index.js';
import { ACTIVITY_PROPERTIES } from '../handlers/leadReads.js';
import { BATCH, chunks } from '../hubspot/hubspotAnswers.js';
import type { JobOutcome, QueuedJob } from './workQueue.js';
import { eventSubject, isCompanyEvent, isLeadEvent } from './eventSubject.js';

/** One event of a HubSpot webhook delivery (app webhook subscriptions, or a workflow's "Send a webhook"). */
export const WebhookEvent = z
  .object({
    eventId: z.union([z.number(), z.string()]).transform(String).optional(),
    objectId: z.union([z.number(), z.string()], { error: (i) => (i.input === undefined ? 'is missing: every event names the record it is about' : 'must be a record id: a number or a string') }).transform(String),
    subscriptionType: z.string().optional(),
    /** The object's type in HubSpot's newer object.* subscriptions: 0-1 a contact, 0-136 a Lead. */
    objectTypeId: z.string().optional(),
    propertyName: z.string().optional(),
    propertyValue: z.string().optional(),
    /** contact.merge: the contacts merged into objectId, which no longer exist on their own. */
    mergedObjectIds: z.array(z.union([z.number(), z.string()]).transform(String)).optional(),
    /** Who made a property change: CRM_UI for a person in HubSpot, INTEGRATION for an app (Handoff's own projection among them). */
    changeSource: z.string().optional(),
    occurredAt: z.number().optional(),
    /** The portal the event happened in: a server refuses a delivery naming another portal. */
    portalId: z.union([z.number(), z.string()]).transform(String).optional(),
  })
  .passthrough();
export type WebhookEvent = z.output<typeof WebhookEvent>;

/** A delivery: up to 100 events (HubSpot's limit), refused whole if any of them is not an event. */
export const WebhookDelivery = z.array(WebhookEvent, { error: 'must be a list of events' }).max(100, { error: (i) => `holds at most 100 events (HubSpot's limit a delivery), not ${(i.input as unknown[]).length}` });

/**
 * Events one job holds, at most: a delivery of 100 becomes 10 jobs. The queue's costs are a row's
 * (stored, taken, settled: on PGlite a list import's 10,000 events were a fifth of the ledger's
 * work as one row each), so a tenth of the rows; and a take of 10 jobs fills a routing batch.
 */
export const EVENTS_PER_JOB = 10;
/** Events one routing batch holds: as many as HubSpot's batch calls take. */
export const EVENTS_PER_BATCH = BATCH;

/** What the queue holds for a delivery's events (up to EVENTS_PER_JOB of them), and when it arrived. */
export interface WebhookJob {
  events: WebhookEvent[];
  receivedAt: string;
}
/** A job as stored: before jobs held several events, each held one (`event`); those are still run. */
export type StoredWebhookJob = WebhookJob | { event: WebhookEvent; receivedAt: string };
export const eventsOf = (data: StoredWebhookJob): WebhookEvent[] => ('events' in data ? data.events : [data.event]);

export type WebhookActionName = 'routeLead' | 'ownerChanged' | 'checkSla' | 'reconcileContact' | 'leadStageMoved' | 'leadOwnerChanged' | 'leadDeleted' | 'refreshAccount';

/** A webhook subscription as HubSpot's project configuration names one (legacy contact.* / company.*, or object.* with its type). */
export interface WebhookSubscription {
  subscriptionType: string;
  objectType?: string;
  propertyName?: string;
}

/**
 * Every event Handoff acts on, in the form the app's webhook subscriptions take (the deploy writes
 * them into the project): what webhookAction decides on, and nothing else. A test holds the two together.
 */
export const WEBHOOK_SUBSCRIPTIONS: { legacyCrmObjects: WebhookSubscription[]; crmObjects: WebhookSubscription[] } = {
  legacyCrmObjects: [
    ...['lifecyclestage', 'hubspot_owner_id', ...ACTIVITY_PROPERTIES, ...CONTACT_PROPERTY_NAMES].map((propertyName) => ({ subscriptionType: 'contact.propertyChange', propertyName })),
    { subscriptionType: 'contact.deletion' },
    { subscriptionType: 'contact.merge' },
    ...['creation', 'deletion', 'merge', 'restore'].map((kind) => ({ subscriptionType: `company.${kind}` })),
    ...ACCOUNT_FIELDS.map((propertyName) => ({ subscriptionType: 'company.propertyChange', propertyName })),
  ],
  // A rep's stage move or reassignment of a Lead in the prospecting workspace, and a Lead deleted (Leads exist only in the object.* form).
  crmObjects: [
    { subscriptionType: 'object.propertyChange', objectType: 'lead', propertyName: 'hs_pipeline_stage' },
    { subscriptionType: 'object.propertyChange', objectType: 'lead', propertyName: 'hubspot_owner_id' },
    { subscriptionType: 'object.deletion', objectType: 'lead' },
  ],
};

/**
 * What an event asks for: an MQL is routed; an owner set in HubSpot starts the SLA (or, for a lead
 * being worked, becomes its owner in the ledger); a sales touch is checked; a contact deleted or
 * merged away, or a handoff property edited by hand, is reconciled with the ledger; a Lead's stage
 * moved by a rep is a touch, an accept or a reject.
 */
export function webhookAction(event: Pick<WebhookEvent, 'subscriptionType' | 'objectTypeId' | 'propertyName' | 'propertyValue' | 'changeSource'>): WebhookActionName | undefined {
  // A rep's stage move in the prospecting workspace; Handoff's own moves of the mirrored Lead come back as INTEGRATION.
  if (isLeadEvent(event)) {
    if (event.subscriptionType?.endsWith('.deletion')) return 'leadDeleted';
    if (event.changeSource === 'INTEGRATION') return undefined;
    return event.propertyName === 'hs_pipeline_stage' ? 'leadStageMoved' : event.propertyName === 'hubspot_owner_id' ? 'leadOwnerChanged' : undefined;
  }
  // A company created, deleted, merged, or changed where matching reads it: its account index entry is refreshed.
  if (isCompanyEvent(event)) {
    const kind = event.subscriptionType?.split('.')[1];
    if (kind === 'creation' || kind === 'deletion' || kind === 'merge' || kind === 'restore') return 'refreshAccount';
    return kind === 'propertyChange' && (ACCOUNT_FIELDS as readonly string[]).includes(event.propertyName ?? '') ? 'refreshAccount' : undefined;
  }
  if (event.subscriptionType === 'contact.deletion' || event.subscriptionType === 'contact.merge') return 'reconcileContact';
  // Handoff's own writes come back as INTEGRATION changes: only an edit by a person (or another tool) is reconciled.
  if (event.propertyName?.startsWith('handoff_')) return event.changeSource === 'INTEGRATION' ? undefined : 'reconcileContact';
  if (event.propertyName === 'lifecyclestage' && event.propertyValue === 'marketingqualifiedlead') return 'routeLead';
  if (event.propertyName === 'hubspot_owner_id') return 'ownerChanged';
  if (ACTIVITY_PROPERTIES.includes(event.propertyName ?? '')) return 'checkSla';
  return undefined;
}

/** The jobs a delivery becomes: the events Handoff acts on, in order, EVENTS_PER_JOB a job (the rest are answered and forgotten). */
export function webhookJobs(events: readonly WebhookEvent[], receivedAt: Date): { data: WebhookJob; singletonKey?: string }[] {
  return chunks(events.filter((e) => webhookAction(e)), EVENTS_PER_JOB).map((part) => {
    const ids = part.flatMap((e) => (e.eventId ? [e.eventId] : []));
    return { data: { events: part, receivedAt: receivedAt.toISOString() }, ...(ids.length ? { singletonKey: `wh:${ids[0]}${ids.length > 1 ? `-${ids.at(-1)}` : ''}` } : {}) };
  });
}

/** How many more jobs a take should ask for: a first take of full jobs fills a routing batch; one of small jobs (deliveries of an event or two) is topped up. */
export function webhookTopUp(taken: readonly QueuedJob<StoredWebhookJob>[], asked: number): number {
  const events = taken.reduce((n, j) => n + eventsOf(j.data).length, 0);
  return taken.length === asked && events < EVENTS_PER_BATCH ? EVENTS_PER_BATCH - events : 0;
}

const HANDLERS = { ownerChanged, checkSla, reconcileContact } as const;

/**
 * Processes stored jobs, each of one or more events: the MQLs among them routed together (batched
 * reads and writes, decided in arrival order, EVENTS_PER_BATCH at a time), the rest one by one.
 * Each event is keyed by its eventId, so an event run again (its worker died, HubSpot sent the
 * delivery twice, its job was retried for another of its events) changes nothing the second time.
 * An event that can never succeed (its contact deleted or merged away, a refused input) is
 * recorded as skipped, with why, and never retried; one worth retrying fails its job, which backs
 * off. One outcome per job.
 */
export async function processWebhookJobs(ctx: () => HandlerContext, jobs: readonly QueuedJob<StoredWebhookJob>[]): Promise<JobOutcome[]> {
  const perJob = jobs.map((j) => eventsOf(j.data));
  // A top-up may take more than a batch holds: the events go EVENTS_PER_BATCH at a time.
  const outcomes: JobOutcome[] = [];
  for (const batch of chunks(perJob.flat(), EVENTS_PER_BATCH)) outcomes.push(...(await processEvents(ctx, batch)));
  // Each job's outcomes are the next as many as it has events, in order.
  let next = 0;
  return perJob.map((events) => jobOutcome(events.map((event) => ({ event, outcome: outcomes[next++]! }))));
}

/** One outcome per event, in order (see processWebhookJobs). */
async function processEvents(ctx: () => HandlerContext, events: readonly WebhookEvent[]): Promise<JobOutcome[]> {
  const outcomes: JobOutcome[] = new Array(events.length);
  // HubSpot repeats an event's eventId on every retry of its delivery: the action's idempotency key.
  const keyOf = (event: WebhookEvent) => (event.eventId ? { idempotencyKey: idempotencyKey('wh', event.eventId) } : {});
  const inputOf = (event: WebhookEvent, objectId = event.objectId) => ({ contactId: objectId, actor: { kind: 'system' as const, id: `webhook:${event.subscriptionType ?? 'event'}` }, ...keyOf(event) });
  // Companies first, in one batch read: an MQL in the same delivery is matched against the fresh index.
  const companies = events.map((e, i) => ({ e, i })).filter(({ e }) => webhookAction(e) === 'refreshAccount');
  if (companies.length) {
    const gone = companies.flatMap(({ e }) => (e.subscriptionType?.endsWith('.deletion') ? [e.objectId] : (e.mergedObjectIds ?? [])));
    const refreshed = await refreshAccounts(ctx(), companies.map(({ e }) => e.objectId), gone).then(
      () => undefined,
      (e: unknown) => toHandlerError(e),
    );
    for (const { i } of companies) outcomes[i] = outcomeOf(refreshed, 'refreshAccount');
  }
  const routes = events.map((e, i) => ({ e, i })).filter(({ e }) => webhookAction(e) === 'routeLead');
  if (routes.length) {
    const answers = await routeLeads(ctx(), routes.map(({ e }) => inputOf(e)));
    routes.forEach(({ i }, k) => (outcomes[i] = outcomeOf(answers[k]!.ok ? undefined : answers[k]!.error, 'routeLead')));
  }
  for (const [i, event] of events.entries()) {
    if (outcomes[i]) continue;
    const action = webhookAction(event);
    if (!action || action === 'routeLead' || action === 'refreshAccount') {
      outcomes[i] = { ok: true, output: { handled: 'nothing to do' } };
      continue;
    }
    if (action === 'leadOwnerChanged' || action === 'leadDeleted') {
      const run = action === 'leadOwnerChanged' ? leadOwnerChanged : leadDeleted;
      outcomes[i] = await run(ctx(), { leadId: event.objectId, ...keyOf(event) }).then(
        () => outcomeOf(undefined, action),
        (e: unknown) => outcomeOf(toHandlerError(e), action),
      );
      continue;
    }
    if (action === 'leadStageMoved') {
      const input = { leadId: event.objectId, ...(event.occurredAt ? { occurredAt: new Date(event.occurredAt).toISOString() } : {}), ...keyOf(event) };
      outcomes[i] = await leadStageMoved(ctx(), input).then(
        () => outcomeOf(undefined, action),
        (e: unknown) => outcomeOf(toHandlerError(e), action),
      );
      continue;
    }
    // A merge reconciles the contacts merged away (their handoffs now belong to no contact).
    const objectIds = event.subscriptionType === 'contact.merge' ? (event.mergedObjectIds ?? []) : [event.objectId];
    let failure: HandlerError | undefined;
    for (const objectId of objectIds) {
      try {
        await HANDLERS[action](ctx(), inputOf(event, objectId));
      } catch (e) {
        failure ??= toHandlerError(e);
      }
    }
    outcomes[i] = outcomeOf(failure, action);
  }
  return outcomes;
}

/** What a job's events came to: one event's outcome as it is; several, done unless one is worth retrying (the job is then retried whole: each event is keyed, so those done change nothing again). */
function jobOutcome(events: readonly { event: WebhookEvent; outcome: JobOutcome }[]): JobOutcome {
  if (events.length === 1) return events[0]!.outcome;
  const failed = events.flatMap(({ event, outcome }) => (outcome.ok ? [] : [`${eventSubject(event)}: ${outcome.why}`]));
  if (failed.length) return { ok: false, why: failed.join('; ') };
  const handled: Record<string, number> = {};
  const skipped: { event: string; skipped: unknown; why: unknown }[] = [];
  for (const { event, outcome } of events) {
    const output = (outcome.ok && outcome.output) || {};
    const name = String(output.handled ?? 'nothing to do');
    handled[name] = (handled[name] ?? 0) + 1;
    if (output.skipped) skipped.push({ event: eventSubject(event), skipped: output.skipped, why: output.why });
  }
  return { ok: true, output: { events: events.length, handled, ...(skipped.length ? { skipped } : {}) } };
}

function outcomeOf(error: HandlerError | undefined, handled: WebhookActionName): JobOutcome {
  if (!error) return { ok: true, output: { handled } };
  if (error.retryable) return { ok: false, why: error.message };
  return { ok: true, output: { handled, skipped: error.code, why: error.message } };
}
