import { hubspotDate, inferredHealth, parsePeriod, type HandoffHealth, type InferredHealth, type StandardFacts } from '../domain/index.js';
import type { HandlerContext } from '../handlers/handlerContext.js';
import { HEALTH_READ, healthOf } from '../handlers/getHandoffHealth.js';
import { portalLabels } from '../handlers/portalLabels.js';
import { P } from '../hubspot/handoffProperties.js';
import { searchPeriodInSlices } from './searchPeriodInSlices.js';

export type AuditResult = ({ mode: 'handoff' } & HandoffHealth) | InferredHealth;

const STANDARD = [
  'hs_analytics_source',
  'hubspot_owner_id',
  'hubspot_owner_assigneddate',
  'hs_lifecyclestage_marketingqualifiedlead_date',
  'hs_lifecyclestage_salesqualifiedlead_date',
  'hs_lifecyclestage_opportunity_date',
  'hs_lifecyclestage_customer_date',
  'notes_last_contacted',
  'num_contacted_notes',
];

const date = hubspotDate;

export function standardFactsOf(id: string, p: Record<string, string>): StandardFacts {
  const f: StandardFacts = { contactId: id };
  const set = <K extends keyof StandardFacts>(k: K, v: StandardFacts[K] | undefined) => {
    if (v !== undefined) f[k] = v;
  };
  set('source', p.hs_analytics_source);
  set('ownerId', p.hubspot_owner_id);
  set('mqlAt', date(p.hs_lifecyclestage_marketingqualifiedlead_date));
  set('sqlAt', date(p.hs_lifecyclestage_salesqualifiedlead_date));
  set('opportunityAt', date(p.hs_lifecyclestage_opportunity_date));
  set('customerAt', date(p.hs_lifecyclestage_customer_date));
  set('ownerAssignedAt', date(p.hubspot_owner_assigneddate));
  set('lastContactedAt', date(p.notes_last_contacted));
  set('timesContacted', p.num_contacted_notes ? Number(p.num_contacted_notes) : undefined);
  return f;
}

/**
 * The audit: a portal that uses Handoff is measured from Handoff's properties; one that never did
 * is inferred from HubSpot's standard ones. One property check, then the period's MQLs, searched
 * as `slices` slices at once to keep the search limit busy (and, for Handoff, what is waiting now).
 */
export async function runAudit(ctx: Pick<HandlerContext, 'crm' | 'policy' | 'now'>, periodText: string, onProgress: (fetched: number) => void = () => undefined, timeZone = 'Europe/Dublin', slices = 4): Promise<AuditResult> {
  const now = ctx.now();
  const period = parsePeriod(periodText, now, timeZone);
  if ('error' in period) throw new Error(period.error);
  if (await ctx.crm.hasContactProperty(P.stage)) {
    const cohort = await searchPeriodInSlices(ctx.crm, { property: P.mqlDate, from: period.from, to: period.to, properties: HEALTH_READ, slices }, onProgress);
    const waiting = await ctx.crm.searchContacts([{ property: P.stage, op: 'EQ', value: 'routed' }], HEALTH_READ);
    return { mode: 'handoff', ...(await healthOf(ctx, cohort, waiting, period, now)).health };
  }
  const contacts = await searchPeriodInSlices(ctx.crm, { property: 'hs_lifecyclestage_marketingqualifiedlead_date', from: period.from, to: period.to, properties: STANDARD, slices }, onProgress);
  const labels = await portalLabels(ctx, ['hs_analytics_source']);
  const inferred = inferredHealth(contacts.map((c) => standardFactsOf(c.id, c.properties)), period, ctx.policy);
  // Each source as the portal labels it (HubSpot's "Paid search", not PAID_SEARCH).
  return { ...inferred, bySource: inferred.bySource.map((s) => ({ ...s, sourceLabel: s.source === 'UNKNOWN' ? 'Unknown source' : labels.option('hs_analytics_source', s.source) })) };
}
