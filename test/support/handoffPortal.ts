import { DEMO_OWNERS } from '../../src/fake-hubspot/seed/demoOwners.js';
import type { HandoffPolicy } from '../../src/domain/index.js';
import type { HandlerContext } from '../../src/handlers/handlerContext.js';
import { HubSpotCrmGateway } from '../../src/hubspot/hubspotCrmGateway.js';
import { connectPortal } from '../../src/handlers/connectPortal.js';
import { DEFAULT_RETRY, type RetryPolicy } from '../../src/hubspot/retryPolicy.js';
import { applyHandoffSetup, planHandoffSetup } from '../../src/hubspot/setup.js';
import type { FakeHubSpotHarness } from './fakeHubSpotHarness.js';
import { seedRecords } from './fakeHubSpotFixtures.js';
import { defaultPolicy } from './policyFixtures.js';
import { freshLedger } from './testLedger.js';
import { routeLead } from '../../src/handlers/routeLead.js';

/** The gateway's retry policy with waits recorded instead of slept, so drills run instantly. */
export function instantRetry(waits: number[] = []): RetryPolicy {
  return { ...DEFAULT_RETRY, sleep: async (ms) => void waits.push(ms), budgetMs: 60_000 };
}

/** A fake portal set up for Handoff: the demo owners and the handoff properties (through the real setup), and an empty ledger. */
export async function handoffPortal(hub: FakeHubSpotHarness, policy: HandoffPolicy = defaultPolicy()): Promise<HandlerContext> {
  for (const owner of DEMO_OWNERS) hub.fake.store.putOwner({ ...owner });
  const client = hub.api();
  await applyHandoffSetup(client, await planHandoffSetup(client, policy), () => undefined);
  const crm = new HubSpotCrmGateway(client, instantRetry());
  const ledger = await freshLedger();
  const portal = await connectPortal(crm, ledger);
  hub.fake.calls.reset();
  return { crm, ledger, policy, portal, now: () => hub.now() };
}

export interface LeadSpec {
  contact: Record<string, string>;
  company?: Record<string, string>;
}

/** A contact (and its company, associated as primary) written straight into the fake. */
export function seedLead(hub: FakeHubSpotHarness, spec: LeadSpec): { contactId: string; companyId?: string } {
  const [contactId] = seedRecords(hub.fake, 'contacts', [spec.contact]);
  if (!spec.company) return { contactId: contactId! };
  const [companyId] = seedRecords(hub.fake, 'companies', [spec.company]);
  hub.fake.store.associate('contacts', contactId!, 'companies', companyId!, 1);
  return { contactId: contactId!, companyId: companyId! };
}

/** An Irish MQL: fits, and asked for a demo (the hot tier). */
export const corkDemoRequest = (n = 1): LeadSpec => ({
  contact: {
    email: `deirdre${n}@harbourlogistics.ie`,
    firstname: 'Deirdre',
    lastname: `Nolan ${n}`,
    jobtitle: 'Operations Director',
    country: 'Ireland',
    state: 'Cork',
    zip: 'T12 X2F4',
    recent_conversion_event_name: 'Book a demo',
    recent_conversion_date: '2026-11-24T10:15:00Z',
    lifecyclestage: 'lead',
  },
  company: { name: 'Harbour Logistics', domain: `harbourlogistics${n}.ie`, numberofemployees: '120', country: 'Ireland' },
});

/** A UK MQL on the standard tier: fits, high score, no demo request. */
export const leedsHighScore = (n = 1): LeadSpec => ({
  contact: {
    email: `oliver${n}@penninesoftware.co.uk`,
    firstname: 'Oliver',
    lastname: `Wright ${n}`,
    jobtitle: 'Head of Revenue Operations',
    country: 'United Kingdom',
    state: 'England',
    zip: 'LS1 4DY',
    hubspotscore: '75',
    recent_conversion_event_name: 'Whitepaper: Lead routing 101',
    lifecyclestage: 'lead',
  },
  company: { name: 'Pennine Software', domain: `penninesoftware${n}.co.uk`, numberofemployees: '60', country: 'United Kingdom' },
});

/** The workflow that makes contacts MQLs, as the actor of its "route lead" action. */
export const MQL_WORKFLOW = { kind: 'workflow' as const, id: 'wf-mql' };

/**
 * An Irish MQL (`corkDemoRequest(n)`) seeded and routed by the MQL workflow: the answer, its owner
 * as the policy names them, and another Irish rep (who may not act on it).
 */
export async function routedCorkLead(hub: FakeHubSpotHarness, ctx: HandlerContext, n = 1) {
  const { contactId } = seedLead(hub, corkDemoRequest(n));
  const routed = await routeLead(ctx, { contactId, actor: MQL_WORKFLOW });
  const owner = ctx.policy.people.find((p) => p.ownerId === routed.ownerId);
  const colleague = ctx.policy.people.find((p) => p.team === 'ie-sales' && p.role === 'rep' && p.ownerId !== routed.ownerId);
  if (!owner || !colleague) throw new Error(`the Cork lead was routed to ${routed.ownerId ?? 'nobody'} (${routed.outcome}): no Irish owner and colleague to act with`);
  return { contactId, routed, owner, colleague };
}
