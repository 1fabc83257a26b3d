import type { HandoffPolicy } from './policy.schema.js';
import { formatValue, type PolicyIssue } from './policyIssues.js';

/**
 * Checks what a schema cannot: that every team, person, size band and reason named
 * anywhere in the policy exists, that ids are unique, and that the SLA has a default tier.
 */
export function checkCrossReferences(policy: HandoffPolicy): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const teams = new Set(policy.teams.map((t) => t.id));
  const people = new Set(policy.people.map((p) => p.id));
  const bands = new Set(policy.routing.sizeBands.map((b) => b.id));

  const ref = (path: string, value: string, set: Set<string>, what: string, where: string) => {
    if (!set.has(value)) issues.push({ path, message: `${formatValue(value)} is not ${what} in ${where}`, value });
  };
  const unique = (path: string, ids: string[], what: string) => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id)) issues.push({ path: `${path}[${i}]`, message: `${what} ${formatValue(id)} is defined twice`, value: id });
      seen.add(id);
    });
  };

  unique('teams', policy.teams.map((t) => t.id), 'team id');
  unique('people', policy.people.map((p) => p.id), 'person id');
  unique('routing.rules', policy.routing.rules.map((r) => r.id), 'rule id');
  unique('rejectionReasons', policy.rejectionReasons.map((r) => r.code), 'rejection reason code');
  unique('sla.tiers', policy.sla.tiers.map((t) => t.id), 'SLA tier id');
  unique('escalation.steps', policy.escalation.steps.map((s) => s.id), 'escalation step id');
  unique('recycleReasons', policy.recycleReasons.map((r) => r.code), 'recycle reason code');
  unique('routing.sizeBands', policy.routing.sizeBands.map((b) => b.id), 'size band id');
  unique('definitions.sql.confirms', policy.definitions.sql.confirms.map((c) => c.id), 'SQL confirmation id');
  const rejectionCodes = new Set(policy.rejectionReasons.map((r) => r.code));
  for (const [hubspotReason, code] of Object.entries(policy.hubspot.leadPipeline.disqualificationReasons)) {
    ref(`hubspot.leadPipeline.disqualificationReasons.${hubspotReason}`, code, rejectionCodes, 'a rejection reason code', 'rejectionReasons[]');
  }
  const ownerIds = new Set<string>();
  policy.people.forEach((p, i) => {
    if (p.ownerId === undefined) return;
    if (ownerIds.has(p.ownerId)) issues.push({ path: `people[${i}].ownerId`, message: `HubSpot owner id ${formatValue(p.ownerId)} is given to two people`, value: p.ownerId });
    ownerIds.add(p.ownerId);
  });

  policy.teams.forEach((t, i) => {
    ref(`teams[${i}].manager`, t.manager, people, 'a person', 'people[]');
  });
  policy.people.forEach((p, i) => {
    if (p.team !== undefined) ref(`people[${i}].team`, p.team, teams, 'a team', 'teams[]');
  });

  policy.routing.rules.forEach((rule, i) => {
    const at = `routing.rules[${i}]`;
    switch (rule.strategy) {
      case 'fixed_owner':
        ref(`${at}.owner`, rule.owner, people, 'a person', 'people[]');
        break;
      case 'round_robin':
      case 'weighted_round_robin':
      case 'least_loaded':
        ref(`${at}.team`, rule.team, teams, 'a team', 'teams[]');
        break;
      case 'account_owner':
        (rule.teams ?? []).forEach((t, j) => ref(`${at}.teams[${j}]`, t, teams, 'a team', 'teams[]'));
        break;
      case 'territory':
        rule.territories.forEach((terr, j) => {
          ref(`${at}.territories[${j}].team`, terr.team, teams, 'a team', 'teams[]');
          (terr.sizeBands ?? []).forEach((b, k) => ref(`${at}.territories[${j}].sizeBands[${k}]`, b, bands, 'a size band', 'routing.sizeBands[]'));
        });
        break;
    }
  });
  ref('routing.fallback.owner', policy.routing.fallback.owner, people, 'a person', 'people[]');
  ref('recycling.reEngagementOwner', policy.recycling.reEngagementOwner, people, 'a person', 'people[]');

  policy.escalation.steps.forEach((step, i) => {
    if (step.at.kind !== 'stuck') return;
    if (policy.sla.decisionBusinessDays === undefined) issues.push({ path: `escalation.steps[${i}].at`, message: 'a "stuck" step needs sla.decisionBusinessDays (how long a routed lead may wait for an accept or reject)', value: step.at.text });
    if (step.action === 'reassign') issues.push({ path: `escalation.steps[${i}].action`, message: 'a stuck lead has had its response, so it is not reassigned for a missed SLA; use remind_owner, notify_manager or recycle', value: step.action });
  });

  const tiers = policy.sla.tiers;
  const last = tiers[tiers.length - 1];
  if (last && last.when !== undefined) {
    issues.push({ path: `sla.tiers[${tiers.length - 1}].when`, message: 'the last SLA tier is the default and must have no "when" (every lead needs an SLA)', value: last.when });
  }
  tiers.slice(0, -1).forEach((t, i) => {
    if (t.when === undefined) issues.push({ path: `sla.tiers[${i}].when`, message: `tier ${formatValue(t.id)} has no "when", so the tiers after it can never apply; only the last tier may omit it`, value: undefined });
  });

  policy.approvals.forEach((a, i) => {
    if (a.person !== undefined) ref(`approvals[${i}].person`, a.person, people, 'a person id', 'people');
  });

  return issues;
}

/**
 * Sign-offs given for another version of the policy: a changed policy needs them renewed. Not an
 * error (the policy runs), but every surface that shows the approvals says so.
 */
export function approvalsToRenew(policy: HandoffPolicy): { role: string; name: string; approvedVersion: string }[] {
  return policy.approvals.filter((a) => a.version !== undefined && a.version !== policy.version).map((a) => ({ role: a.role, name: a.name, approvedVersion: a.version! }));
}
