import { openLedger } from '../../src/ledger/openLedger.js';
import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';
import { corkDemoRequest, handoffPortal, seedLead } from '../support/handoffPortal.js';
import { actionRequest, asUser, handoffServer } from '../support/handoffServer.js';
import { propertiesOf } from '../support/handoffTimeline.js';

const hub = useFakeHubSpot();

describe("Handoff's database down", () => {
  it('a workflow action answers 503 with Retry-After (HubSpot retries it), a card click says not saved, and nothing is written to HubSpot', async () => {
    const down = await openLedger({ databaseUrl: 'postgresql://nobody@127.0.0.1:1/none', migrate: false });
    const ctx = await handoffPortal(hub);
    const { post, app } = await handoffServer(hub, { context: () => ({ ...ctx, ledger: down }) });
    const { contactId } = seedLead(hub, corkDemoRequest());
    const before = propertiesOf(hub.fake, contactId);
    hub.fake.calls.reset();

    const action = await post('/hubspot/actions/route-lead', actionRequest(contactId));
    expect(action.status).toBe(503);
    expect(action.headers.get('retry-after')).toBe('30');
    expect(await action.json()).toMatchObject({ error: { code: 'UPSTREAM_UNAVAILABLE', retryable: true, message: expect.stringContaining("Handoff's database is unavailable") } });

    const owner = ctx.policy.people.find((p) => p.id === 'ciaran')!;
    const click = await post(`/api/cards/outcome${asUser(owner.email!)}`, { contactId, action: 'accept', expectedVersion: 0 });
    expect(click.status).toBe(503);
    expect(await click.json()).toMatchObject({ error: { message: expect.stringContaining('nothing was saved, try again') } });

    expect(hub.fake.calls.list().filter((c) => !c.route.startsWith('GET '))).toEqual([]); // reads only: no write of any kind
    const health = await app.request('https://handoff.example.ie/healthz');
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ ok: false, ledger: 'postgresql', error: expect.stringContaining("Handoff's database is unavailable") });
    expect(propertiesOf(hub.fake, contactId)).toEqual(before);
    await down.close();
  });
});
