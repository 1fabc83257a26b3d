import { z } from 'zod';
import { contactName, handoffHealth, parsePeriod, seesHandoffOperations, visibleHealth, withAttempts, type HandoffFacts, type HandoffHealth, type HandoffOperations, type HandoffPolicy, type Labels } from '../domain/index.js';
import { portalLabels } from './portalLabels.js';
import type { ContactSnapshot } from '../hubspot/crmGateway.js';
import { recordFromProperties } from '../hubspot/contactRecord.js';
import { CONTACT_PROPERTY_NAMES, P } from '../hubspot/handoffProperties.js';
import { handler } from './handler.js';
import type { HandlerContext } from './handlerContext.js';
import { HandlerError, parseInput } from './handlerError.js';

export const GetHandoffHealthInput = z.strictObject({
  period: z.string().min(1).default('last-quarter'),
  /** Where periods start (quarters, weeks): the portal's time zone when not given. */
  timeZone: z.string().optional(),
  /** Who is looking (the signed-in user's owner id): what they see follows the policy's roles. Absent: everything (the CLI, a workflow). */
  viewerOwnerId: z.string().optional(),
});

/** What the health view reads of each contact: Handoff's properties, the owner, the source and the name. */
export const HEALTH_READ = [...CONTACT_PROPERTY_NAMES, 'hubspot_owner_id', 'hs_analytics_source', 'firstname', 'lastname', 'email'];

/**
 * The health of the period's MQLs (`cohort`) and of every lead waiting now (`waiting`), each
 * contact counted once, with the words people read: what the health view and the audit both show.
 */
export async function healthOf(ctx: Pick<HandlerContext, 'crm' | 'policy'>, cohort: readonly ContactSnapshot[], waiting: readonly ContactSnapshot[], period: Parameters<typeof handoffHealth>[1], now: Date): Promise<{ health: HandoffHealth; labels: Labels }> {
  const byId = new Map<string, HandoffFacts>();
  for (const c of [...cohort, ...waiting]) byId.set(c.id, factsOf(c, ctx.policy));
  const labels = await portalLabels(ctx, ['hs_analytics_source']);
  return { health: withLabels(handoffHealth([...byId.values()], period, ctx.policy, now), labels), labels };
}

/** HandoffFacts from a contact's handoff properties (its attempts from handoff_sla_attempts, or rebuilt for an older record). */
export function factsOf(c: ContactSnapshot, policy: HandoffPolicy): HandoffFacts {
  const r = withAttempts(recordFromProperties(c.id, c.properties), policy);
  const name = contactName(c.properties, c.id);
  return {
    contactId: c.id,
    stage: r.state,
    handoffCount: r.handoffCount,
    attempts: r.attempts,
    ...(r.ownerId ? { ownerId: r.ownerId } : {}),
    ...(c.properties.hs_analytics_source ? { source: c.properties.hs_analytics_source } : {}),
    ...(r.policyVersion ? { policyVersion: r.policyVersion } : {}),
    ...(r.mqlAt ? { mqlAt: r.mqlAt } : {}),
    ...(r.routedAt ? { routedAt: r.routedAt } : {}),
    ...(r.slaDueAt ? { slaDueAt: r.slaDueAt } : {}),
    ...(r.acceptedAt ? { acceptedAt: r.acceptedAt } : {}),
    ...(r.rejectedAt ? { rejectedAt: r.rejectedAt } : {}),
    ...(r.rejectionReason ? { rejectionReason: r.rejectionReason } : {}),
    ...(r.convertedAt ? { convertedAt: r.convertedAt } : {}),
    ...(r.recycledAt ? { recycledAt: r.recycledAt } : {}),
    ...(name ? { name } : {}),
  };
}

/** The health with the words people read for its codes: each source as the portal labels it, each reason as the policy does. */
export function withLabels(health: HandoffHealth, labels: Labels): HandoffHealth {
  const sources = Object.fromEntries(health.rejectionsBySource.map((s) => [s.source, labels.option('hs_analytics_source', s.source === 'UNKNOWN' ? undefined : s.source).replace(/^—$/, 'Unknown source')]));
  const reasons = Object.fromEntries(health.rejectionsBySource.flatMap((s) => Object.keys(s.reasons)).map((code) => [code, labels.rejectionReason(code)]));
  return { ...health, labels: { sources, reasons } };
}

/**
 * The managers' view: the funnel, SLA compliance, response time and time to first touch by owner
 * and team (every attempt credited to who held it), what needs attention now (late or stuck),
 * rejection reasons by source. Two searches: the period's MQLs, and every
 * lead now waiting for a first touch.
 */
export const getHandoffHealth = handler(async (ctx: Pick<HandlerContext, 'crm' | 'policy' | 'now'> & Partial<Pick<HandlerContext, 'ledger' | 'jobs' | 'portal'>>, raw: unknown): Promise<HandoffHealth> => {
  const input = parseInput(GetHandoffHealthInput, raw);
  const now = ctx.now();
  const period = parsePeriod(input.period, now, input.timeZone ?? ctx.portal?.timeZone ?? 'Europe/Dublin');
  if ('error' in period) throw new HandlerError('INVALID_INPUT', period.error, { period: input.period });
  const [cohort, waiting] = await Promise.all([
    ctx.crm.searchContacts(
      [
        { property: P.mqlDate, op: 'GTE', value: String(period.from.getTime()) },
        { property: P.mqlDate, op: 'LT', value: String(period.to.getTime()) },
      ],
      HEALTH_READ,
    ),
    ctx.crm.searchContacts([{ property: P.stage, op: 'EQ', value: 'routed' }], HEALTH_READ),
  ]);
  const { health: counted, labels } = await healthOf(ctx, cohort, waiting, period, now);
  const health = { ...counted, ...(await pipelineOf(ctx, cohort, labels)) };
  const seen = input.viewerOwnerId === undefined ? health : visibleHealth(health, ctx.policy, input.viewerOwnerId);
  // Handoff's own work is for the people who run it: managers and admins.
  if (input.viewerOwnerId !== undefined && !seesHandoffOperations(ctx.policy, input.viewerOwnerId)) return seen;
  const operations = await operationsOf(ctx);
  return operations ? { ...seen, operations } : seen;
});

/** The deals the period's MQLs became, valued from HubSpot's amounts (one batch read per 100 deals). */
async function pipelineOf(ctx: Pick<HandlerContext, 'crm'> & Partial<Pick<HandlerContext, 'portal'>>, cohort: readonly ContactSnapshot[], labels: Labels): Promise<Pick<HandoffHealth, 'pipeline'>> {
  const dealIds = [...new Set(cohort.filter((c) => c.properties[P.convertedDate]).map((c) => c.properties[P.dealId]).filter((id): id is string => !!id))];
  if (!dealIds.length) return {};
  const deals = await ctx.crm.readDeals(dealIds, ['amount']);
  const amounts = Object.values(deals).flatMap((d) => (d.amount !== undefined && d.amount !== '' && Number.isFinite(Number(d.amount)) ? [Number(d.amount)] : []));
  const sum = amounts.reduce((a, b) => a + b, 0);
  return { pipeline: { deals: Object.keys(deals).length, withAmount: amounts.length, total: labels.money(sum), currency: ctx.portal?.currency ?? 'EUR' } };
}

/** What Handoff itself could not finish: jobs the queue parked, and HubSpot writes the outbox parked. */
async function operationsOf(ctx: Partial<Pick<HandlerContext, 'ledger' | 'jobs'>>): Promise<HandoffOperations | undefined> {
  if (!ctx.ledger && !ctx.jobs) return undefined;
  const [parkedJobs, outbox] = await Promise.all([ctx.jobs?.parked(20) ?? [], ctx.ledger?.outboxStatus()]);
  return { parkedJobs, parkedWrites: (outbox?.parked ?? []).map((p) => ({ contactId: p.contactId, why: p.error })) };
}
