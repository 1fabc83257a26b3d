import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Lead } from '../domain/lead.js';
import { toEpochMs } from '../domain/qualification/evaluateCondition.js';
import { err, ok, type Result } from '../domain/result.js';
import type { SimulatedLead } from '../domain/simulation/simulate.js';
import type { HandoffPolicy } from '../domain/policy/policy.schema.js';
import { handoffColumns } from './handoffHistory.js';

/**
 * HubSpot contacts-export column labels → internal property names. Columns already named
 * by internal name (`jobtitle`, `company.numberofemployees`) are taken as they are.
 */
export const EXPORT_COLUMNS: Record<string, string> = {
  'Record ID': 'hs_object_id',
  'Create Date': 'createdate',
  Email: 'email',
  'First Name': 'firstname',
  'Last Name': 'lastname',
  'Job Title': 'jobtitle',
  'Country/Region': 'country',
  'State/Region': 'state',
  'Postal Code': 'zip',
  'HubSpot Score': 'hubspotscore',
  'Recent Conversion': 'recent_conversion_event_name',
  'Recent Conversion Date': 'recent_conversion_date',
  'Number of Pageviews': 'hs_analytics_num_page_views',
  'Original Source': 'hs_analytics_source',
  'Lifecycle Stage': 'lifecyclestage',
  'Associated Company': 'company.name',
  'Company Domain Name': 'company.domain',
  'Number of Employees': 'company.numberofemployees',
  Industry: 'company.industry',
  'Company Owner ID': 'company.hubspot_owner_id',
};

type Row = Record<string, string | number | boolean | null>;

function toLead(row: Row, index: number, file: string, handoff: ReturnType<typeof handoffColumns>): Result<SimulatedLead, string> {
  const contact: Record<string, string | number | boolean | null> = {};
  const company: Record<string, string | number | boolean | null> = {};
  for (const [key, raw] of Object.entries(row)) {
    const name = EXPORT_COLUMNS[key] ?? handoff.columns[key] ?? key;
    const value = typeof raw === 'string' && handoff.options[name] ? (handoff.options[name][raw] ?? raw) : raw;
    if (name.startsWith('company.')) company[name.slice(8)] = value;
    else contact[name.startsWith('contact.') ? name.slice(8) : name] = value;
  }
  const id = String(contact.hs_object_id ?? contact.id ?? index + 1);
  const created = toEpochMs(contact.createdate);
  if (created === undefined) return err(`${file} row ${index + 1} (id ${id}): createdate ${JSON.stringify(contact.createdate ?? null)} is not a date; the simulator needs each lead's arrival time`);
  const ownerId = company.hubspot_owner_id;
  const lead: Lead = { contact, company: Object.keys(company).length ? company : null };
  return ok({ id, arrivedAt: new Date(created), lead, ...(ownerId ? { companyOwnerId: String(ownerId) } : {}) });
}

/**
 * Read leads from a CSV (HubSpot export) or JSON (array of flat records or {properties}) file. With
 * the policy, Handoff's own columns are read too, by their HubSpot labels and option labels.
 */
export function readLeadsFile(file: string, policy?: HandoffPolicy): Result<SimulatedLead[], string> {
  const handoff = policy ? handoffColumns(policy) : { columns: {}, options: {} };
  let rows: Row[];
  try {
    const text = readFileSync(file, 'utf8');
    if (extname(file).toLowerCase() === '.json') {
      const data = JSON.parse(text) as unknown;
      if (!Array.isArray(data)) return err(`${file}: expected a JSON array of leads`);
      rows = data.map((r) => (r && typeof r === 'object' && 'properties' in r ? { ...(r as { properties: Row }).properties, ...('id' in r ? { hs_object_id: String((r as { id: unknown }).id) } : {}) } : (r as Row)));
    } else {
      rows = parse(text, { columns: true, skip_empty_lines: true, bom: true, trim: true }) as Row[];
    }
  } catch (e) {
    return err(`${file}: ${(e as Error).message}`);
  }
  const leads: SimulatedLead[] = [];
  for (const [i, row] of rows.entries()) {
    const r = toLead(row, i, file, handoff);
    if (!r.ok) return r;
    leads.push(r.value);
  }
  return ok(leads);
}
