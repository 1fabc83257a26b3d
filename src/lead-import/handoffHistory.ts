import { leadOutcome, toEpochMs, type HandoffPolicy, type LeadOutcome } from '../domain/index.js';
import type { SimulatedLead } from '../domain/simulation/simulate.js';
import { contactProperties, P } from '../hubspot/handoffProperties.js';

/**
 * Handoff's own properties in a HubSpot contacts export: the columns carry their HubSpot labels
 * ("Handoff outcome", "Handoff MQL date"...) and a choice carries its option label ("Accepted (SQL)").
 * Both are read back to the names and values Handoff writes, from the one list of its properties.
 */
export function handoffColumns(policy: HandoffPolicy): { columns: Record<string, string>; options: Record<string, Record<string, string>> } {
  const columns: Record<string, string> = {};
  const options: Record<string, Record<string, string>> = {};
  for (const p of contactProperties(policy)) {
    columns[p.label] = p.name;
    if (p.options) options[p.name] = Object.fromEntries(p.options.flatMap((o) => [[o.label, o.value], [o.value, o.value]]));
  }
  return { columns, options };
}

/** What the export says Handoff saw of a lead: when it became an MQL, and what sales did with it. */
export interface ExportedHandoff {
  mqlAt?: Date;
  outcome: LeadOutcome;
}

/** A lead's handoff, from its Handoff columns (absent columns: never handed off, open). */
export function exportedHandoff(lead: SimulatedLead): ExportedHandoff {
  const c = lead.lead.contact;
  const at = (name: string) => {
    const ms = toEpochMs(c[name] ?? null);
    return ms === undefined ? undefined : new Date(ms);
  };
  const outcome = String(c[P.outcome] ?? '');
  const mqlAt = at(P.mqlDate);
  return {
    ...(mqlAt ? { mqlAt } : {}),
    outcome: leadOutcome({
      acceptedAt: at(P.acceptedDate) ?? (outcome === 'accepted' ? true : undefined),
      convertedAt: at(P.convertedDate) ?? (outcome === 'converted' ? true : undefined),
      rejectedAt: at(P.rejectedDate) ?? (outcome === 'rejected' ? true : undefined),
      recycledAt: at(P.recycledDate) ?? (outcome === 'recycled' ? true : undefined),
    }),
  };
}
