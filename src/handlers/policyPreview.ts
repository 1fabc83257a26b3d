import { z } from 'zod';
import { hubspotDate, leadOutcome, previewPolicy, type HandoffPolicy, type Lead, type PolicyPreview, type PreviewLead } from '../domain/index.js';
import { searchPeriodInSlices } from '../audit/searchPeriodInSlices.js';
import type { HandlerContext } from './handlerContext.js';
import { handler } from './handler.js';
import { HandlerError, parseInput } from './handlerError.js';
import { companiesOfContacts, policyFields } from './leadReads.js';
import { EVIDENCE_PERIOD, handoffsOfPeriod, periodOf } from './policyEvidence.js';
import { proposalOf } from './agreement/storedAgreement.js';

export const PolicyPreviewInput = z.strictObject({
  period: z.string().default(EVIDENCE_PERIOD),
  /** The proposal to preview (the ledger's); the newest open one when absent. */
  proposalId: z.coerce.number().int().positive().optional(),
});

export interface PolicyPreviewView extends PolicyPreview {
  period: { from: string; to: string; label: string };
  /** The proposal previewed, when it came from the ledger. */
  proposalId?: number;
}

/**
 * The period's leads as the preview replays them: every contact created in the period (HubSpot's
 * search, in slices), with the fields either policy reads and its company, each with what sales
 * actually did with it (the ledger's handoff, when it had one).
 */
export async function leadsOfPeriod(ctx: Pick<HandlerContext, 'crm' | 'ledger'>, policies: readonly HandoffPolicy[], from: Date, to: Date, now: Date): Promise<PreviewLead[]> {
  const fields = policies.map(policyFields);
  const contactProps = [...new Set(['createdate', ...fields.flatMap((f) => f.contact)])];
  const companyProps = [...new Set(fields.flatMap((f) => f.company))];
  const contacts = await searchPeriodInSlices(ctx.crm, { property: 'createdate', from, to, properties: contactProps });
  const companies = await companiesOfContacts(ctx.crm, contacts.map((c) => c.id), companyProps);
  // A lead created in the period may have become an MQL after it: its handoff is read up to now.
  const handoffs = new Map((await handoffsOfPeriod(ctx, from, now)).map((r) => [r.contactId, r]));
  return contacts.map((c) => {
    const record = handoffs.get(c.id);
    const lead: Lead = { contact: { ...c.properties, id: c.id, hs_object_id: c.id }, company: companies.first(c.id)?.properties ?? {} };
    return { id: c.id, arrivedAt: hubspotDate(c.properties.createdate) ?? from, lead, outcome: record ? leadOutcome(record) : 'open', handedOff: !!record };
  });
}

/**
 * The policy page's preview: the proposed version the host was given, against the active one, over
 * the period's leads through the pure core.
 */
export const getPolicyPreview = handler(async (ctx: HandlerContext, raw: unknown): Promise<PolicyPreviewView> => {
  const input = parseInput(PolicyPreviewInput, raw);
  const { proposed, proposalId } = await proposedVersion(ctx, input.proposalId);
  const now = ctx.now();
  const period = periodOf(ctx, input.period, now);
  const leads = await leadsOfPeriod(ctx, [ctx.policy, proposed], period.from, period.to, now);
  return { ...previewPolicy(leads, ctx.policy, proposed), period: { from: period.from.toISOString(), to: period.to.toISOString(), label: period.label }, ...(proposalId !== undefined ? { proposalId } : {}) };
});

/** The version to preview: the proposal asked for, else one given directly (the CLI), else the newest open proposal. */
async function proposedVersion(ctx: HandlerContext, proposalId: number | undefined): Promise<{ proposed: HandoffPolicy; proposalId?: number }> {
  if (proposalId === undefined && ctx.proposedPolicy) return { proposed: ctx.proposedPolicy };
  const proposals = await ctx.ledger.agreement.proposals(30);
  const stored = proposalId !== undefined ? proposals.find((p) => p.id === proposalId) : proposals.find((p) => p.state === 'open');
  if (!stored) throw new HandlerError('NOT_FOUND', proposalId !== undefined ? `proposalId: no proposal ${proposalId} in this portal's ledger` : 'no proposed version of the policy: propose one with `handoff propose FILE`, or run `handoff preview --policy FILE`');
  return { proposed: proposalOf(stored).policy, proposalId: stored.id };
}
