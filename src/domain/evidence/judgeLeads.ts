import type { HandoffRecord } from '../handoff/handoffRecord.js';
import type { Lead } from '../lead.js';
import type { HandoffPolicy } from '../policy/policy.schema.js';
import { qualify } from '../qualification/qualify.js';
import { criteriaMet, criterionKey, type DefinitionCriterion } from './definitionCriteria.js';
import { leadOutcome, type LeadOutcome } from './leadOutcome.js';
import type { JudgedLead } from './weighEvidence.js';

/**
 * A handoff as recorded at routing: the criteria it met then, with the values seen then (the
 * ledger's recorded qualification), not a re-check under today's policy. A criterion the record
 * does not name (added since) is not judged for it. Undefined for a handoff with no record of its
 * qualification (adopted from HubSpot).
 */
export function judgeRecorded(record: Pick<HandoffRecord, 'contactId' | 'qualification' | 'mqlAt' | 'acceptedAt' | 'convertedAt' | 'rejectedAt' | 'recycledAt'>, criteria: readonly DefinitionCriterion[], signals?: Readonly<Record<string, string>>): JudgedLead | undefined {
  const q = record.qualification;
  if (!q) return undefined;
  const leaves = new Map(q.criteria.map((c) => [c.id, c.met] as const));
  return {
    id: record.contactId,
    ...(record.mqlAt ? { mqlAt: record.mqlAt } : {}),
    met: criteriaMet(criteria, leaves),
    outcome: leadOutcome(record),
    ...(signals ? { signals } : {}),
  };
}

/** A lead judged by a policy at an instant (an export's row, at its MQL date). */
export function judgeByPolicy(id: string, lead: Lead, policy: HandoffPolicy, at: Date, outcome: LeadOutcome, criteria: readonly DefinitionCriterion[], signals?: Readonly<Record<string, string>>): JudgedLead {
  const q = qualify(lead, policy, at);
  const leaves = new Map(q.criteria.map((c) => [criterionKey(c), c.met] as const));
  return { id, mqlAt: at, met: criteriaMet(criteria, leaves), outcome, ...(signals ? { signals } : {}) };
}
