import { HANDOFF_STAGE_LABELS, qualify, type HandoffPolicy, type Lead } from '../domain/index.js';
import { contactProperties, P } from '../hubspot/handoffProperties.js';
import { criterionKey } from '../domain/evidence/definitionCriteria.js';
import { EXPORT_COLUMNS } from '../lead-import/readLeadsFile.js';
import { seededRandom } from '../lib/seededRandom.js';
import { drawOutcome, type ModelOutcome } from './outcomeModel.js';

/** What the generator set for one lead: the truth a test counts against. */
export interface HistoryTruth {
  id: string;
  country: string;
  employees: number;
  jobTitle: string;
  conversion: string;
  conversionDaysBefore: number;
  score: number;
  pageViews: number;
  source: string;
  personal: boolean;
  mql: boolean;
  outcome?: ModelOutcome;
}

const DAY = 86_400_000;
const COUNTRIES = [['Ireland', 45], ['United Kingdom', 50], ['France', 5]] as const;
const SIZES = [4, 12, 25, 40, 60, 90, 120, 180, 240, 320, 600, 1500];
const TITLES = ['Operations Director', 'Head of Marketing', 'Sales Manager', 'CFO', 'IT Manager', 'Managing Director', 'Procurement Lead', 'Marketing Executive', 'Office Manager', ''];
const CONVERSIONS = [['Book a demo', 3], ['Contact sales', 2], ['Pricing page form', 2], ['Whitepaper: Lead routing 101', 4], ['Webinar: SLAs that sales keep', 3], ['Newsletter signup', 3]] as const;
const SOURCES = [['Organic Search', 5], ['Paid Search', 3], ['Paid Social', 2], ['Referrals', 2], ['Email Marketing', 2], ['Direct Traffic', 2]] as const;
const STATES: Record<string, string> = { Ireland: 'Dublin', 'United Kingdom': 'England', France: 'Île-de-France' };

/**
 * A HubSpot contacts export of `leads` leads arriving over `days` days from `from`, with Handoff's
 * columns: each lead is judged by `policy` at its MQL instant and, when it is an MQL, its outcome is
 * drawn from the demo's outcome model (outcomeModel.ts). Seeded: the same arguments give the same rows.
 */
export function historyExport(options: { seed: number; leads: number; from: Date; days: number; policy: HandoffPolicy }): { rows: Record<string, string>[]; truth: HistoryTruth[] } {
  const rand = seededRandom(options.seed);
  const column = historyColumns(options.policy);
  const weighted = <T>(items: readonly (readonly [T, number])[]): T => {
    let r = rand() * items.reduce((a, [, w]) => a + w, 0);
    for (const [v, w] of items) if ((r -= w) < 0) return v;
    return items[0]![0];
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const rows: Record<string, string>[] = [];
  const truth: HistoryTruth[] = [];
  const iso = (ms: number) => new Date(ms).toISOString();
  for (let i = 0; i < options.leads; i++) {
    const id = String(500_001 + i);
    const created = options.from.getTime() + Math.floor(rand() * options.days * DAY);
    const country = weighted(COUNTRIES);
    const employees = pick(SIZES);
    const jobTitle = pick(TITLES);
    const conversion = weighted(CONVERSIONS);
    // A few leads last converted long ago and came back through their score or a demo request.
    const conversionDaysBefore = rand() < 0.015 ? 40 + Math.floor(rand() * 80) : 0;
    const score = Math.floor(rand() * 101);
    const pageViews = Math.floor(rand() * 26);
    const source = weighted(SOURCES);
    const personal = rand() < 0.06;
    const company = `Company ${i % 400}`;
    const domain = `company${i % 400}.${country === 'Ireland' ? 'ie' : country === 'France' ? 'fr' : 'co.uk'}`;
    const u = { decided: rand(), accept: rand(), opportunity: rand(), recycle: rand(), decideDays: 1 + Math.floor(rand() * 10), dealDays: 5 + Math.floor(rand() * 40) };
    const contact = {
      email: `lead${i}@${personal ? 'gmail.com' : domain}`,
      jobtitle: jobTitle,
      country,
      hubspotscore: String(score),
      recent_conversion_event_name: conversion,
      recent_conversion_date: iso(created - conversionDaysBefore * DAY),
      hs_analytics_num_page_views: String(pageViews),
      lifecyclestage: 'lead',
    };
    const lead: Lead = { contact, company: { name: company, domain, numberofemployees: String(employees) } };
    const mqlAt = created + 10 * 60_000;
    const q = qualify(lead, options.policy, new Date(mqlAt));
    const met = new Map(q.criteria.map((c) => [criterionKey(c), c.met]));
    const mql = q.stage === 'mql';
    const outcome = mql ? drawOutcome((k) => met.get(k) === true, u) : undefined;
    const decidedAt = mqlAt + u.decideDays * DAY;
    const handoff: Record<string, string> = {};
    if (mql) {
      handoff[column.mqlDate] = iso(mqlAt);
      if (outcome === 'accepted' || outcome === 'opportunity') handoff[column.acceptedDate] = iso(decidedAt);
      if (outcome === 'opportunity') handoff[column.convertedDate] = iso(decidedAt + u.dealDays * DAY);
      if (outcome === 'rejected') handoff[column.rejectedDate] = iso(decidedAt);
      if (outcome === 'recycled') handoff[column.recycledDate] = iso(decidedAt);
      if (outcome !== 'open') handoff[column.outcome] = HANDOFF_STAGE_LABELS[outcome === 'opportunity' ? 'converted' : outcome!];
    }
    rows.push({
      'Record ID': id,
      'Create Date': iso(created),
      Email: contact.email,
      'Job Title': jobTitle,
      'Country/Region': country,
      'State/Region': STATES[country]!,
      'HubSpot Score': contact.hubspotscore,
      'Recent Conversion': conversion,
      'Recent Conversion Date': contact.recent_conversion_date,
      'Number of Pageviews': contact.hs_analytics_num_page_views,
      'Original Source': source,
      'Lifecycle Stage': 'lead',
      'Associated Company': company,
      'Company Domain Name': domain,
      'Number of Employees': String(employees),
      ...handoff,
    });
    truth.push({ id, country, employees, jobTitle, conversion, conversionDaysBefore, score, pageViews, source, personal, mql, ...(outcome ? { outcome } : {}) });
  }
  return { rows, truth };
}

const HISTORY_PROPERTIES = { mqlDate: P.mqlDate, outcome: P.outcome, acceptedDate: P.acceptedDate, rejectedDate: P.rejectedDate, convertedDate: P.convertedDate, recycledDate: P.recycledDate } as const;

/** Handoff's columns as HubSpot labels them in an export ("Handoff MQL date"...). */
function historyColumns(policy: HandoffPolicy): Record<keyof typeof HISTORY_PROPERTIES, string> {
  const props = contactProperties(policy);
  return Object.fromEntries(Object.entries(HISTORY_PROPERTIES).map(([k, name]) => [k, props.find((p) => p.name === name)!.label])) as Record<keyof typeof HISTORY_PROPERTIES, string>;
}

/** The export's columns, in HubSpot's order: the standard ones, then Handoff's. */
export function historyExportColumns(policy: HandoffPolicy): string[] {
  return [...Object.keys(EXPORT_COLUMNS).filter((c) => !['First Name', 'Last Name', 'Postal Code', 'Company Owner ID', 'Industry'].includes(c)), ...Object.values(historyColumns(policy))];
}
