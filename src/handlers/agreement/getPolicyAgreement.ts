import { DateTime } from 'luxon';
import { z } from 'zod';
import { approversOf, availabilityInWords, availabilityTheyMaySet, mayReview, maySetAvailability, personByOwnerId, policyChanges, policyInWords, proposalStanding, PROPOSAL_STATUS_LABELS } from '../../domain/index.js';
import type { HandlerContext } from '../handlerContext.js';
import type { PolicyAgreementView, ProposalView } from './agreementViews.js';

export type { PolicyAgreementView, ProposalView };
import { handler } from '../handler.js';
import { HandlerError, parseInput } from '../handlerError.js';
import { activeOf, proposalOf } from './storedAgreement.js';

export const GetPolicyAgreementInput = z.strictObject({
  /** Who is looking (from the signed request, never the body): what they may approve and set follows the policy's roles. */
  viewerOwnerId: z.string().optional(),
});



const HOW: Record<'file' | 'proposal', (by: string) => string> = {
  file: (by) => `started from the policy file ${by}`,
  proposal: (by) => `approved in HubSpot by ${by}`,
};

/** The policy page's agreement: the active version, the proposals with their approvers, the history, availability set in HubSpot. */
export const getPolicyAgreement = handler(async (ctx: Pick<HandlerContext, 'ledger' | 'now'> & Partial<Pick<HandlerContext, 'policy' | 'portal'>>, raw: unknown): Promise<PolicyAgreementView> => {
  const input = parseInput(GetPolicyAgreementInput, raw);
  const [storedActive, activations, storedProposals, settings] = await Promise.all([ctx.ledger.agreement.active(), ctx.ledger.agreement.activations(50), ctx.ledger.agreement.proposals(30), ctx.ledger.agreement.availability()]);
  const active = storedActive ? activeOf(storedActive) : undefined;
  const policy = active?.policy ?? ctx.policy;
  if (!policy) throw new HandlerError('NOT_FOUND', 'no policy version is active in this ledger yet: start the Handoff server once with its policy file');
  const viewer = personByOwnerId(policy, input.viewerOwnerId);
  const approvers = approversOf(policy);
  const activeRef = active ?? { id: -1, version: policy.version };
  const words = policyInWords(policy);
  const today = DateTime.fromJSDate(ctx.now(), { zone: ctx.portal?.timeZone ?? 'Europe/Dublin' }).toISODate()!;
  const wordsOf = (activationId: number) => {
    const base = activations.find((a) => a.id === activationId);
    return base ? policyInWords(activeOf(base).policy) : undefined;
  };
  const proposals = storedProposals.map(proposalOf).map((p): ProposalView => {
    const standing = proposalStanding(p, activeRef, approvers);
    const latest = new Map(p.reviews.map((r) => [r.personId, r]));
    const may = mayReview(p, activeRef, approvers, viewer);
    return {
      id: p.id,
      version: p.version,
      name: p.name,
      proposedBy: p.proposedBy,
      proposedAt: p.proposedAt.toISOString(),
      basedOn: p.basedOn.version,
      status: standing.status,
      statusLabel: PROPOSAL_STATUS_LABELS[standing.status],
      why: standing.why,
      // What it changes against what runs; a stale one, against the version it was proposed on (what its proposer and approvers read).
      changes: policyChanges(standing.status === 'stale' ? wordsOf(p.basedOn.id) ?? words : words, policyInWords(p.policy)),
      approvers: approvers.map((a) => {
        const r = latest.get(a.personId);
        return { name: a.name, role: a.role, state: r ? (r.decision === 'approve' ? 'Approved' : 'Asked for changes') : 'Not yet', ...(r ? { at: r.at.toISOString() } : {}), ...(r?.comment ? { comment: r.comment } : {}) };
      }),
      review: may.may ? { may: true } : { may: false, why: may.why },
    };
  });
  const order = (p: ProposalView) => (p.status === 'waiting' || p.status === 'changes-requested' ? 0 : p.status === 'stale' ? 1 : 2);
  return {
    ...(active ? { source: storedActive!.source } : {}),
    active: { version: policy.version, name: policy.name, activatedAt: (active?.activatedAt ?? ctx.now()).toISOString(), how: active ? HOW[active.how](active.by) : 'given to this host directly' },
    viewer: viewer ? { name: viewer.name } : {},
    proposals: [...proposals].sort((a, b) => order(a) - order(b) || b.id - a.id).filter((p, i) => order(p) < 2 || i < 10),
    history: activations.map((a) => ({ version: a.version, how: HOW[a.how](a.by), at: a.activatedAt.toISOString() })),
    availability: {
      theyMaySet: availabilityTheyMaySet(policy, viewer).map((p) => ({ id: p.id, name: p.name })),
      settings: settings.map((s) => {
        const person = policy.people.find((p) => p.id === s.personId);
        return {
          id: s.id,
          person: person?.name ?? s.personId,
          what: availabilityInWords(s, today),
          setBy: s.setBy.name,
          setAt: s.setAt.toISOString(),
          mayClear: person ? maySetAvailability(policy, viewer, person).may : false,
        };
      }),
    },
  };
});
