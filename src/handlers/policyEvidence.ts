import { z } from 'zod';
import { DEFAULT_SIGNALS, definitionCriteria, describeEvidence, isDecided, judgeRecorded, parsePeriod, RECENT_MQL_DAYS, recentlyDecided, signalSpec, signalValue, weighEvidence, type DescribedEvidence, type HandoffRecord, type JudgedLead, type Lead, type SignalSpec } from '../domain/index.js';
import type { HandlerContext } from './handlerContext.js';
import { handler } from './handler.js';
import { HandlerError, parseInput } from './handlerError.js';
import { companiesOfContacts } from './leadReads.js';
import { portalOptions } from './portalLabels.js';

/** What the evidence reads unless asked for another period: two quarters of handoffs. */
export const EVIDENCE_PERIOD = 'last-182-days';
const PAGE = 1000;

export const PolicyEvidenceInput = z.strictObject({
  /** A period as the home page takes it (last-182-days, 2026-Q3, 2026-06-01.., FROM..TO). */
  period: z.string().default(EVIDENCE_PERIOD),
  /** Signals outside the definition ("size-band", "contact.hs_analytics_source"...). */
  signals: z.array(z.string()).max(10).default([...DEFAULT_SIGNALS]),
});

export interface PolicyEvidence extends DescribedEvidence {
  period: { from: string; to: string; label: string };
  policyVersion: string;
  /** How the criteria were judged: as recorded when each lead was routed. */
  judged: 'recorded';
  /** Handoffs of the period with no recorded qualification (taken over from HubSpot), left out. */
  notRecorded: number;
}

/** Every handoff whose MQL fell in the period, from the ledger, page by page. */
export async function handoffsOfPeriod(ctx: Pick<HandlerContext, 'ledger'>, from: Date, to: Date): Promise<HandoffRecord[]> {
  const out: HandoffRecord[] = [];
  for (let after = ''; ; ) {
    const page = await ctx.ledger.handoffsMqlBetween(from, to, after, PAGE);
    out.push(...page);
    if (page.length < PAGE) return out;
    after = page.at(-1)!.contactId;
  }
}

/** The period an input names, or INVALID_INPUT naming it. */
export function periodOf(ctx: Pick<HandlerContext, 'portal'>, text: string, now: Date) {
  const period = parsePeriod(text, now, ctx.portal.timeZone);
  if ('error' in period) throw new HandlerError('INVALID_INPUT', `period: ${period.error}`, { field: 'period', value: text });
  return period;
}

/** The signal values of these contacts, as people read them: contacts and their companies in batch reads. */
async function signalValues(ctx: HandlerContext, contactIds: string[], specs: readonly SignalSpec[]): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>();
  if (!specs.length || !contactIds.length) return out;
  const fields = specs.map((s) => (s.field === 'size-band' ? 'company.numberofemployees' : s.field));
  const contactProps = [...new Set(fields.filter((f) => f.startsWith('contact.')).map((f) => f.slice(8)))];
  const companyProps = [...new Set(fields.filter((f) => f.startsWith('company.')).map((f) => f.slice(8)))];
  const [contacts, options] = await Promise.all([ctx.crm.readContacts(contactIds, { properties: contactProps.length ? contactProps : ['email'] }), portalOptions(ctx.crm, contactProps.includes('hs_analytics_source') ? ['hs_analytics_source'] : [])]);
  const companies = companyProps.length ? await companiesOfContacts(ctx.crm, contacts.map((c) => c.id), companyProps) : undefined;
  const option = (name: string, value: string) => options[name]?.[value] ?? value;
  for (const c of contacts) {
    const lead: Lead = { contact: c.properties, company: companies?.first(c.id)?.properties ?? {} };
    out.set(c.id, Object.fromEntries(specs.map((s) => [s.field, signalValue(s, lead, ctx.policy, option)])));
  }
  return out;
}

/**
 * The evidence on the Handoff policy page and in `handoff evidence`: for each criterion of the
 * active MQL definition, how the period's MQLs that met it did against those that did not, judged
 * as recorded when each was routed (from the ledger, not re-checked), and the same for a few
 * signals outside the definition, read from HubSpot.
 */
export const getPolicyEvidence = handler(async (ctx: HandlerContext, raw: unknown): Promise<PolicyEvidence> => {
  const input = parseInput(PolicyEvidenceInput, raw);
  const now = ctx.now();
  const period = periodOf(ctx, input.period, now);
  const specs = input.signals.map((text, i) => {
    const s = signalSpec(text);
    if ('error' in s) throw new HandlerError('INVALID_INPUT', `signals.${i}: ${s.error}`, { field: `signals.${i}`, value: text });
    return s;
  });
  const criteria = definitionCriteria(ctx.policy);
  const records = await handoffsOfPeriod(ctx, period.from, period.to);
  const recorded = records.filter((r) => r.qualification);
  const judged = recorded.map((r) => judgeRecorded(r, criteria)!);
  // Only decided leads are compared, so only theirs are read from HubSpot.
  const signals = await signalValues(ctx, judged.filter((l) => isDecided(l.outcome)).map((l) => l.id), specs);
  const leads: JudgedLead[] = judged.map((l) => (signals.has(l.id) ? { ...l, signals: signals.get(l.id)! } : l));
  const report = weighEvidence(leads, criteria, { signals: specs });
  return {
    ...describeEvidence(report, { judged: 'recorded', now, recentDecided: recentlyDecided(leads, now), recentDays: RECENT_MQL_DAYS }),
    period: { from: period.from.toISOString(), to: period.to.toISOString(), label: period.label },
    policyVersion: ctx.policy.version,
    judged: 'recorded',
    notRecorded: records.length - recorded.length,
  };
});
