import type { ConditionGroup, ConditionNode } from './conditions.schema.js';
import type { HandoffPolicy, RoutingRule } from './policy.schema.js';
import { approvalsToRenew } from './crossReferences.js';

// The signed-off policy as a head of sales or marketing reads it: every definition, rule, tier,
// step and reason by its label and people by name, never an id. The app page "Handoff policy"
// shows it, and the ledger keeps it per version, so what changed between two versions is told in
// the same words.

export interface PolicySection {
  title: string;
  lines: string[];
}

export interface PolicyInWords {
  name: string;
  version: string;
  approvals: { role: string; name: string; date: string; forVersion: string; current: boolean }[];
  sections: PolicySection[];
}

const list = (items: readonly string[], and = 'and') => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`);
const hours = (n: number) => `${n} business hour${n === 1 ? '' : 's'}`;
const days = (n: number) => `${n} business day${n === 1 ? '' : 's'}`;

function criteria(group: ConditionGroup | undefined): string[] {
  return [...(group?.all ?? []), ...(group?.any ?? [])].map((n: ConditionNode) => ('field' in n ? n.label : `${n.label ?? 'a group'} (${n.all ? 'all of' : 'any of'}: ${criteria(n).join('; ')})`));
}

const STRATEGY: Record<string, string> = {
  fixed_owner: 'always the same owner',
  round_robin: 'round robin',
  weighted_round_robin: 'weighted round robin (fewest leads per unit of weight)',
  least_loaded: 'the least loaded owner',
  territory: 'by territory',
  account_owner: "the company's owner",
};
const OUTCOME: Record<string, string> = { recycle: 'back to marketing to nurture', disqualify: 'disqualified', reroute: 'routed to someone else' };
const ACTION: Record<string, string> = { remind_owner: 'remind the owner', notify_manager: 'tell the team manager', reassign: 'reassign the lead', recycle: 'send it back to marketing' };
const RESPONSE: Record<string, string> = { touch: 'a first touch logged in HubSpot', accept: 'an accept', reject: 'a reject' };
const EXHAUSTED: Record<string, string> = { manager: "the last owner's team manager", fallback: 'the routing fallback', recycle: 'marketing (recycled)' };

/** What HubSpot calls the things the policy names by id (the lead pipeline, its disqualification reasons), when the caller has read them. */
export interface HubSpotNames {
  leadPipeline?: string;
  disqualificationReasons?: Readonly<Record<string, string>>;
}

const TRIGGER = (text: string) => (text === 'stuck' ? 'When stuck' : `At ${text}`);

export function policyInWords(policy: HandoffPolicy, names: HubSpotNames = {}): PolicyInWords {
  const person = (id: string) => policy.people.find((p) => p.id === id)?.name ?? id;
  const team = (id: string) => policy.teams.find((t) => t.id === id);
  const teamWithPeople = (id: string) => {
    const t = team(id);
    const members = policy.people.filter((p) => p.team === id && (p.role === undefined || p.role === 'rep')).map((p) => p.name);
    return `${t?.name ?? id}${members.length ? ` (${list(members)})` : ''}`;
  };
  const rule = (r: RoutingRule, i: number): string[] => {
    const when = r.when ? ` when ${criteria(r.when).join('; ')}` : '';
    const head = `${i + 1}. ${r.label}${when}: ${STRATEGY[r.strategy] ?? r.strategy}`;
    if (r.strategy === 'territory') return [`${i + 1}. ${r.label}${when}:`, ...r.territories.map((t) => `   ${t.label} → ${teamWithPeople(t.team)}, ${STRATEGY[t.strategy] ?? t.strategy}`)];
    if (r.strategy === 'fixed_owner') return [`${head}: ${person(r.owner)}`];
    if (r.strategy === 'account_owner') return [head];
    return [`${head} in ${teamWithPeople(r.team)}`];
  };
  const { mql, sql } = policy.definitions;
  const hubspot = policy.hubspot;
  const rejection = (code: string) => policy.rejectionReasons.find((r) => r.code === code)?.label ?? code;
  const renew = new Set(approvalsToRenew(policy).map((a) => `${a.role}:${a.name}`));
  return {
    name: policy.name,
    version: policy.version,
    approvals: policy.approvals.map((a) => ({ role: a.role, name: a.name, date: a.date, forVersion: a.version ?? policy.version, current: !renew.has(`${a.role}:${a.name}`) })),
    sections: [
      { title: 'The handoff', lines: [policy.definitions.handoffTrigger, policy.definitions.salesObligations].filter((l): l is string => Boolean(l)) },
      {
        title: 'Marketing Qualified Lead',
        lines: [
          ...(mql.description ? [mql.description] : []),
          `${mql.fit.label ?? 'Fit'}, every one of: ${criteria(mql.fit).join('; ')}`,
          `${mql.engagement.label ?? 'Engagement'}, at least one of: ${criteria(mql.engagement).join('; ')}`,
          ...(mql.disqualifiers.length ? [`Never an MQL: ${mql.disqualifiers.map((d) => d.label).join('; ')}`] : []),
        ],
      },
      { title: 'Sales Qualified Lead', lines: [...(sql.description ? [sql.description] : []), ...sql.confirms.map((c) => `The owner confirms: ${c.label}`)] },
      {
        title: 'Routing',
        lines: [
          ...policy.routing.rules.flatMap(rule),
          `Otherwise: ${policy.routing.fallback.label ?? 'the fallback'} → ${person(policy.routing.fallback.owner)}`,
          ...(policy.routing.rules.some((r) => r.strategy === 'account_owner') ? [accountsInWords(policy)] : []),
          `Fairness looks back ${policy.routing.fairness.lookbackDays} days${policy.routing.availability.skipOutOfOffice ? '; people out of office are skipped' : ''}${policy.routing.availability.respectCapacity ? '; nobody is given more open leads than their capacity' : ''}${policy.routing.availability.hotLeadsOnlyToOwnersAtWork ? '; hot leads go only to owners at work now' : ''}`,
        ],
      },
      {
        title: 'Response SLA',
        lines: [
          ...policy.sla.tiers.map((t) => `${t.label}: respond within ${hours(t.firstTouchBusinessHours)}${t.when ? ` (when ${criteria(t.when).join('; ')})` : ''}`),
          `A response is ${list(policy.sla.respondedBy.map((r) => RESPONSE[r] ?? r), 'or')}; at ${policy.sla.atRiskPercent}% of the time the lead is at risk`,
          ...(policy.sla.decisionBusinessDays ? [`The owner accepts or rejects within ${days(policy.sla.decisionBusinessDays)}`] : []),
        ],
      },
      {
        title: 'Escalation',
        lines: [
          ...policy.escalation.steps.map((s) => `${TRIGGER(s.at.text)}: ${s.label} (${ACTION[s.action] ?? s.action})`),
          ...(policy.escalation.maxReassignments !== undefined ? [`A lead is reassigned at most ${policy.escalation.maxReassignments} times, never back to someone who had it; then it goes to ${EXHAUSTED[policy.escalation.whenExhausted]}`] : []),
        ],
      },
      {
        title: 'Reasons',
        lines: [
          ...policy.rejectionReasons.map((r) => `Rejected: ${r.label} → ${OUTCOME[r.outcome]}`),
          ...policy.recycleReasons.map((r) => `Recycled: ${r.label}`),
          `Re-engagement of recycled leads: ${person(policy.recycling.reEngagementOwner)}; an accepted lead with no activity for ${days(policy.recycling.acceptedNoActivityBusinessDays)} is recycled`,
        ],
      },
      {
        title: 'In HubSpot',
        lines: [
          hubspot.leads === 'mirror'
            ? `Each handoff is mirrored as a Lead in ${names.leadPipeline ?? `the lead pipeline ${hubspot.leadPipeline.pipeline}`}: reps work it in the prospecting workspace, where Attempting or Connected is a first touch, Qualified an accept and Disqualified a reject`
            : 'Leads are left alone (hubspot.leads: off)',
          ...(hubspot.leads === 'mirror' ? Object.entries(hubspot.leadPipeline.disqualificationReasons).map(([value, code]) => `Disqualified in HubSpot as “${names.disqualificationReasons?.[value] ?? value}” → rejected: ${rejection(code)}`) : []),
          `Handoff uses at most ${Math.round((1 - hubspot.shareForOtherIntegrations) * 100)}% of the portal's ${hubspot.tenSecondlyLimit} API calls per 10 seconds`,
        ],
      },
    ],
  };
}

/** What changed from one version's words to the next: each line added or removed, by section. */
export function policyChanges(previous: PolicyInWords, current: PolicyInWords): string[] {
  const changes: string[] = [];
  const titles = [...new Set([...previous.sections.map((s) => s.title), ...current.sections.map((s) => s.title)])];
  for (const title of titles) {
    const before = previous.sections.find((s) => s.title === title)?.lines ?? [];
    const after = current.sections.find((s) => s.title === title)?.lines ?? [];
    for (const line of before) if (!after.includes(line)) changes.push(`${title}: no longer "${line.trim()}"`);
    for (const line of after) if (!before.includes(line)) changes.push(`${title}: now "${line.trim()}"`);
  }
  if (previous.name !== current.name) changes.unshift(`Renamed from "${previous.name}" to "${current.name}"`);
  return changes;
}

const TIE_BREAKER_WORDS = { owned: 'the company with an owner', most_contacts: 'the one with most contacts', recently_changed: 'the one changed most recently' } as const;

/** How a lead's company is found, as the heads of sales and marketing agreed it. */
function accountsInWords(policy: HandoffPolicy): string {
  const a = policy.accounts;
  const extra = a.personalDomains.length ? ` (and ${a.personalDomains.join(', ')})` : '';
  return `A lead's company is the one HubSpot associates it with; else the one at its email's or website's domain, or with its company name (without "Ltd", "Teoranta" and the like); a close name counts only with the same country or a sibling domain; personal email addresses${extra} never match; among equals, ${a.tieBreakers.map((t) => TIE_BREAKER_WORDS[t]).join(', then ')}`;
}
