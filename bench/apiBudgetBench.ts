import type { HandoffPolicy } from '../src/domain/index.js';
import { createFakeHubSpot } from '../src/fake-hubspot/fakeHubSpot.js';
import { DEMO_OWNERS } from '../src/fake-hubspot/seed/demoOwners.js';
import { serveFakeHubSpot } from '../src/fake-hubspot/serve.js';
import { checkSla } from '../src/handlers/checkSla.js';
import { getDealOrigin } from '../src/handlers/getDealOrigin.js';
import { getHandoffState } from '../src/handlers/getHandoffState.js';
import type { HandlerContext } from '../src/handlers/handlerContext.js';
import { recordOutcome } from '../src/handlers/recordOutcome.js';
import { routeLead } from '../src/handlers/routeLead.js';
import { hubspotClient } from '../src/hubspot/hubspotClient.js';
import { connectPortal } from '../src/handlers/connectPortal.js';
import { HubSpotCrmGateway } from '../src/hubspot/hubspotCrmGateway.js';
import { applyHandoffSetup, planHandoffSetup } from '../src/hubspot/setup.js';
import { openLedger } from '../src/ledger/openLedger.js';
import { seedBenchLead } from './benchLead.js';

export interface BudgetRow {
  handler: string;
  calls: number;
  target?: number;
  byRoute: Record<string, number>;
}

/** HubSpot calls per handler invocation, counted by the fake over real HTTP. */
export async function apiBudgetBench(policy: HandoffPolicy): Promise<{ rows: BudgetRow[]; stateBytes: number }> {
  let now = Date.parse('2026-11-25T09:30:00Z');
  const fake = createFakeHubSpot({ rateLimits: false, now: () => now });
  for (const o of DEMO_OWNERS) fake.store.putOwner({ ...o });
  const running = await serveFakeHubSpot(fake);
  let closeLedger = async () => undefined as void;
  try {
    const client = hubspotClient({ accessToken: 'bench', baseUrl: running.url });
    await applyHandoffSetup(client, await planHandoffSetup(client, policy), () => undefined);
    const ledger = await openLedger({ dataDir: 'memory' });
    closeLedger = () => ledger.close();
    const crm = new HubSpotCrmGateway(client);
    const ctx: HandlerContext = { crm, ledger, policy, portal: await connectPortal(crm, ledger), now: () => new Date(now) };
    const seed = (n: number) => seedBenchLead(fake, n);
    const rows: BudgetRow[] = [];
    const measure = async (handler: string, target: number | undefined, fn: () => Promise<unknown>) => {
      fake.calls.reset();
      await fn();
      rows.push({ handler, calls: fake.calls.count(), ...(target !== undefined ? { target } : {}), byRoute: fake.calls.byRoute() });
    };
    const wf = { kind: 'workflow' as const, id: 'bench' };
    const a = seed(1);
    let owner = '';
    await measure('routeLead', 4, async () => {
      owner = (await routeLead(ctx, { contactId: a, actor: wf })).ownerId!;
    });
    let stateBytes = 0;
    await measure('getHandoffState (card load)', 2, async () => {
      stateBytes = JSON.stringify(await getHandoffState(ctx, { contactId: a })).length;
    });
    now += 20 * 60_000;
    fake.store.logSalesActivity(fake.store.get('contacts', a)!, now);
    await measure('checkSla (first touch found)', undefined, () => checkSla(ctx, { contactId: a, actor: wf }));
    await measure('recordOutcome accept', 2, () => recordOutcome(ctx, { contactId: a, action: 'accept', actor: { kind: 'user', id: owner } }));
    const b = seed(2);
    const rb = await routeLead(ctx, { contactId: b, actor: wf });
    await measure('recordOutcome reject (note, close task)', 4, () => recordOutcome(ctx, { contactId: b, action: 'reject', reasonCode: 'bad-timing', note: 'Q2', actor: { kind: 'user', id: rb.ownerId! } }));
    const deal = fake.store.create('deals', new Map([['dealname', 'Bench deal']]), { sourceType: 'IMPORT' });
    fake.store.associate('deals', deal.id, 'contacts', a, 3);
    await measure('getDealOrigin', undefined, () => getDealOrigin(ctx, { dealId: deal.id }));
    return { rows, stateBytes };
  } finally {
    await closeLedger();
    await running.close();
  }
}
