import type { HandoffPolicy, Person } from '../policy/policy.schema.js';

/** Someone whose sign-off a change of the policy needs: a role the policy names, and the person who holds it. */
export interface Approver {
  role: string;
  personId: string;
  name: string;
}

/** The person an approval names: by its `person` id, else by name (as the policy's people spell it). */
export function personOfApproval(policy: HandoffPolicy, approval: HandoffPolicy['approvals'][number]): Person | undefined {
  if (approval.person) return policy.people.find((p) => p.id === approval.person);
  const name = approval.name.trim().toLowerCase();
  return policy.people.find((p) => p.name.trim().toLowerCase() === name);
}

/**
 * Who must approve a change of this policy: each role its approvals name (the heads of sales and
 * marketing), held by the person named. The one definition the proposals, the page and the CLI read.
 */
export function approversOf(policy: HandoffPolicy): Approver[] {
  const seen = new Set<string>();
  const approvers: Approver[] = [];
  for (const a of policy.approvals) {
    const person = personOfApproval(policy, a);
    if (!person || seen.has(person.id)) continue;
    seen.add(person.id);
    approvers.push({ role: a.role, personId: person.id, name: person.name });
  }
  return approvers;
}

/** The approvers in words: "Siobhán Byrne (Head of Sales) and Gráinne Walsh (Head of Marketing)". */
export function approversInWords(approvers: readonly Approver[]): string {
  const each = approvers.map((a) => `${a.name} (${a.role})`);
  return each.length <= 1 ? (each[0] ?? 'nobody') : `${each.slice(0, -1).join(', ')} and ${each.at(-1)}`;
}
