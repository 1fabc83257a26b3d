import { routeLead } from '../../src/handlers/routeLead.js';
import { routeLeads } from '../../src/handlers/routeLeads.js';
import { enrolledObject } from '../../src/fake-hubspot/crm/workflowEnrolment.js';
import { enrolmentProperties } from '../../src/handlers/enrolmentLead.js';
import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';
import { actionRequest, handoffServer } from '../support/handoffServer.js';
import { corkDemoRequest, handoffPortal, leedsHighScore, seedLead, type LeadSpec } from '../support/handoffPortal.js';
import { parsedPolicyWith } from '../support/policyFixtures.js';

// A batch of "route lead" deliveries (a list import's webhook events, a burst of workflow
// enrolments) is decided set-based: the batch's handoffs and deliveries read in one statement each,
// every lead decided in memory in arrival order, and each table written in one statement. It must
// split the leads exactly as routing them one by one would, on either engine.
const hub = useFakeHubSpot();
const workflow = { kind: 'workflow' as const, id: '42' };
const LEADS_OFF = parsedPolicyWith((p) => (p.hubspot.leads = 'off'));

/** Irish and English leads of every size, some hot, some not: each routing rule gets its share. */
function variedLead(n: number): LeadSpec {
  const base = n % 3 === 0 ? leedsHighScore(n) : corkDemoRequest(n);
  const size = ['15', '120', '900'][n % 3]!;
  return { ...base, company: { ...base.company!, numberofemployees: size, domain: `varied${n}.ie` } };
}

describe('routing a batch, set-based', () => {
  it('splits the leads exactly as routing them one by one, in the same order', async () => {
    const batched = await handoffPortal(hub, LEADS_OFF);
    const ids = Array.from({ length: 30 }, (_, n) => seedLead(hub, variedLead(n + 1)).contactId);
    const owners: string[] = [];
    for (const part of [ids.slice(0, 12), ids.slice(12, 24), ids.slice(24)]) {
      for (const a of await routeLeads(batched, part.map((contactId) => ({ contactId, actor: workflow })))) {
        if (!a.ok) throw a.error;
        owners.push(a.result.ownerId ?? '');
      }
    }
    expect(new Set(owners).size).toBeGreaterThan(2);
    // What the batch wrote, read before the next portal (the tests share one ledger, emptied for each).
    const timelines = await Promise.all(ids.map(async (id) => (await batched.ledger.timeline(id)).map((e) => e.event)));
    const versions = await Promise.all(ids.map(async (id) => (await batched.ledger.handoff(id))?.version));
    const { rows } = await batched.ledger.executeSql('select count(*)::int as n from assignment where portal_id = $1', [batched.ledger.portalId]);
    expect(Number((rows[0] as { n: number }).n)).toBe(30);

    // The same leads again as new contacts (HubSpot already shows the first ones routed), routed one by one on an empty ledger.
    const alone = await handoffPortal(hub, LEADS_OFF);
    const twins = Array.from({ length: 30 }, (_, n) => seedLead(hub, { ...variedLead(n + 1), contact: { ...variedLead(n + 1).contact, email: `twin${n + 1}@${variedLead(n + 1).company!.domain}` } }).contactId);
    const oneByOne: string[] = [];
    for (const contactId of twins) oneByOne.push((await routeLead(alone, { contactId, actor: workflow })).ownerId ?? '');
    expect(owners).toEqual(oneByOne);
    // Each lead routed once, with the same timeline and version as alone.
    expect(timelines).toEqual(await Promise.all(twins.map(async (id) => (await alone.ledger.timeline(id)).map((e) => e.event))));
    expect(versions).toEqual(await Promise.all(twins.map(async (id) => (await alone.ledger.handoff(id))?.version)));
    expect(timelines.every((t) => t.includes('route'))).toBe(true);
  });

  it('costs HubSpot four calls for a batch of 100: contacts read, companies read, tasks created, contacts written', async () => {
    const ctx = await handoffPortal(hub, LEADS_OFF);
    const ids = Array.from({ length: 100 }, (_, n) => seedLead(hub, variedLead(n + 1)).contactId);
    hub.fake.calls.reset();
    const answers = await routeLeads(ctx, ids.map((contactId) => ({ contactId, actor: workflow })));
    expect(answers.every((a) => a.ok && a.result.outcome === 'routed' && /^\d+$/.test(a.result.taskId ?? ''))).toBe(true);
    expect(hub.fake.calls.byRoute()).toEqual({
      'POST /crm/objects/2026-03/contacts/batch/read': 1,
      'POST /crm/objects/2026-03/companies/batch/read': 1,
      'POST /crm/objects/2026-03/tasks/batch/create': 1,
      'POST /crm/objects/2026-03/contacts/batch/update': 1,
    });
  });

  it('tells HubSpot without a lease statement: its items leased as they are written, each marked done by its last step', async () => {
    const ctx = await handoffPortal(hub, LEADS_OFF);
    const ids = Array.from({ length: 20 }, (_, n) => seedLead(hub, variedLead(n + 1)).contactId);
    const lease = jest.spyOn(ctx.ledger, 'leaseOutbox');
    const done = jest.spyOn(ctx.ledger, 'outboxDone');
    const steps = jest.spyOn(ctx.ledger, 'outboxSteps');
    const read = jest.spyOn(ctx.ledger, 'deliveries');
    const answers = await routeLeads(ctx, ids.map((contactId) => ({ contactId, actor: workflow })));
    // Each answer's task id comes from the run that created it: no delivery is read back for it.
    expect(read).not.toHaveBeenCalled();
    expect(answers.every((a) => a.ok && /^\d+$/.test(a.result.taskId ?? '') && !a.result.hubspotPending)).toBe(true);
    expect(lease).not.toHaveBeenCalled();
    // Two steps, recorded for the whole batch in one statement: the tasks with the property writes (which close the items).
    expect(steps.mock.calls.map(([landed]) => [landed.length, landed.every((l) => l.done === true && /^\d+$/.test(l.outputs.taskId ?? ''))])).toEqual([[20, true]]);
    expect(done.mock.calls.flatMap(([id]) => id)).toEqual([]);
    const { rows } = await ctx.ledger.executeSql('select count(*)::int as n from outbox where portal_id = $1 and done_at is not null and leased_until is null', [ctx.ledger.portalId]);
    expect(Number((rows[0] as { n: number }).n)).toBe(20);
    expect((await ctx.ledger.outboxStatus()).pending).toBe(0);
    // What HubSpot shows: each contact's own task id, resolved in memory from the batch's create.
    for (const [i, id] of ids.entries()) expect(hub.fake.store.get('contacts', id)!.properties.get('handoff_task_id')).toBe((answers[i] as { result: { taskId: string } }).result.taskId);
    // And what the ledger reads: each handoff with its real task id, though its record was written with the pending one.
    for (const [i, id] of ids.entries()) expect((await ctx.ledger.handoff(id))?.taskId).toBe((answers[i] as { result: { taskId: string } }).result.taskId);
    const { rows: stored } = await ctx.ledger.executeSql("select count(*)::int as n from handoff where portal_id = $1 and record->>'taskId' like 'pending:%'", [ctx.ledger.portalId]);
    expect(Number((stored[0] as { n: number }).n)).toBe(20);
  });

  it('an item behind an older pending one of its contact is not leased as it is written: it waits its turn', async () => {
    const ctx = await handoffPortal(hub, LEADS_OFF);
    const [older, fresh] = [seedLead(hub, variedLead(1)).contactId, seedLead(hub, variedLead(2)).contactId];
    await ctx.ledger.transaction((tx) => tx.commitBatch([change(older!, 'first')]));
    const { outboxIds, leased } = await ctx.ledger.transaction((tx) => tx.commitBatch([change(older!, 'second', 1), change(fresh!, 'fresh')], { leaseMs: 30_000 }));
    expect(leased.map((i) => [i.id, i.contactId, i.step, i.stepTries])).toEqual([[outboxIds[1], fresh, 0, 1]]);
    // A worker's lease finds the older item first, and nothing of the contact whose item is leased.
    const taken = await ctx.ledger.leaseOutbox({ contactIds: [older!, fresh!], limit: 10, leaseMs: 30_000 });
    expect(taken.map((i) => [i.contactId, i.version])).toEqual([[older, 1]]);
  });

  it('a batch delivered again answers what it answered, and writes nothing', async () => {
    const ctx = await handoffPortal(hub, LEADS_OFF);
    const ids = Array.from({ length: 8 }, (_, n) => seedLead(hub, variedLead(n + 1)).contactId);
    const inputs = ids.map((contactId) => ({ contactId, actor: workflow, idempotencyKey: `wh-${contactId}` }));
    const first = await routeLeads(ctx, inputs);
    const again = await routeLeads(ctx, inputs);
    expect(again.map((a) => a.ok && a.result.replayed)).toEqual(ids.map(() => true));
    expect(again.map((a) => a.ok && a.result.ownerId)).toEqual(first.map((a) => a.ok && a.result.ownerId));
    // The first answers' task ids came from the run that made them, the replays' from the ledger: the same.
    expect(first.every((a) => a.ok && /^\d+$/.test(a.result.taskId ?? ''))).toBe(true);
    expect(again.map((a) => a.ok && a.result.taskId)).toEqual(first.map((a) => a.ok && a.result.taskId));
    const { rows } = await ctx.ledger.executeSql('select count(*)::int as n from assignment where portal_id = $1', [ctx.ledger.portalId]);
    expect(Number((rows[0] as { n: number }).n)).toBe(8);
  });

  it('a contact twice in one batch is routed once; the second answer says it is already in a handoff', async () => {
    const ctx = await handoffPortal(hub, LEADS_OFF);
    const [a, b] = [seedLead(hub, variedLead(1)).contactId, seedLead(hub, variedLead(2)).contactId];
    const answers = await routeLeads(ctx, [a, b, a].map((contactId) => ({ contactId, actor: workflow })));
    expect(answers.map((x) => x.ok && x.result.outcome)).toEqual(['routed', 'routed', 'already_in_handoff']);
    expect((await ctx.ledger.timeline(a!)).filter((e) => e.event === 'route')).toHaveLength(1);
  });

  it('a change the ledger would refuse refuses the whole batch: nothing half-written', async () => {
    const ctx = await handoffPortal(hub, LEADS_OFF);
    const ids = Array.from({ length: 4 }, (_, n) => seedLead(hub, variedLead(n + 1)).contactId);
    // The same contact twice in one commit is refused before anything is written.
    await expect(ctx.ledger.transaction((tx) => tx.commitBatch([change(ids[0]!, 'k1'), change(ids[0]!, 'k2')]))).rejects.toThrow('a batch commits one change a contact');
    // A delivery already recorded refuses the batch: the other change is not written either.
    await ctx.ledger.transaction((tx) => tx.commitBatch([change(ids[1]!, 'taken')]));
    await expect(ctx.ledger.transaction((tx) => tx.commitBatch([change(ids[2]!, 'fresh'), change(ids[3]!, 'taken')]))).rejects.toMatchObject({ name: 'LedgerConflict' });
    expect(await ctx.ledger.handoff(ids[2]!)).toBeUndefined();
    expect(await ctx.ledger.delivery('fresh')).toBeUndefined();
  });

  it('a batch commit updates the handoffs its transaction read at their versions, inserts those it found absent, and refuses one that moved', async () => {
    const ctx = await handoffPortal(hub, LEADS_OFF);
    const ids = Array.from({ length: 3 }, (_, n) => seedLead(hub, variedLead(n + 1)).contactId);
    await ctx.ledger.transaction((tx) => tx.commitBatch([change(ids[0]!, 'first-0'), change(ids[1]!, 'first-1')]));
    // Read (and locked) in the transaction: two the ledger has, one it has not.
    await ctx.ledger.transaction(async (tx) => {
      expect([...(await tx.handoffs(ids)).keys()].sort()).toEqual([ids[0]!, ids[1]!].sort());
      await tx.commitBatch([change(ids[0]!, 'second-0', 1), change(ids[2]!, 'first-2')]);
      // Written by this transaction, then moved on again in it: the ledger has it now.
      await tx.commitBatch([change(ids[2]!, 'second-2', 1)]);
    });
    expect((await Promise.all(ids.map((id) => ctx.ledger.handoff(id)))).map((h) => h?.version)).toEqual([2, 1, 2]);
    // One the ledger has at version 1, committed as if from version 0: the whole batch is refused.
    await expect(
      ctx.ledger.transaction(async (tx) => {
        await tx.handoffs(ids);
        await tx.commitBatch([change(ids[0]!, 'third-0', 2), change(ids[1]!, 'stale-1', 0)]);
      }),
    ).rejects.toMatchObject({ name: 'LedgerConflict' });
    expect((await Promise.all(ids.map((id) => ctx.ledger.handoff(id)))).map((h) => h?.version)).toEqual([2, 1, 2]);
    expect(await ctx.ledger.delivery('third-0')).toBeUndefined();
  });
});

describe('a burst of enrolments that bring their contacts (the action asks HubSpot for every property routing reads)', () => {
  it('reads none of them again and splits them as routing them one by one; one sent by an older definition is read', async () => {
    const s = await handoffServer(hub, { policy: LEADS_OFF, routeGatherMs: 200 });
    const ids = Array.from({ length: 12 }, (_, n) => seedLead(hub, variedLead(n + 1)).contactId);
    const asked = enrolmentProperties(s.ctx.policy);
    // The last one's action definition was published for an older policy: it asks for one property fewer.
    const enrolled = (id: string, i: number) => enrolledObject(hub.fake.store, 'contacts', id, i === ids.length - 1 ? asked.filter((p) => p !== 'jobtitle') : asked)!;
    expect(Object.values(enrolled(ids[0]!, 0).properties)).toContain(null);
    const reads = jest.spyOn(s.ctx.crm, 'readContacts');
    hub.fake.calls.reset();
    const answers = await Promise.all(ids.map(async (id, i) => (await (await s.post('/hubspot/actions/route-lead', { ...actionRequest(id, {}, `cb-${i}`), object: enrolled(id, i) })).json()) as { outputFields: Record<string, string> }));
    expect(answers.every((a) => a.outputFields.hs_execution_state === 'SUCCESS' && a.outputFields.handoff_outcome === 'routed')).toBe(true);
    // One batch: the contact the older definition sent in part read, no other.
    expect(reads.mock.calls.map(([asked]) => asked)).toEqual([[ids[ids.length - 1]]]);
    expect(hub.fake.calls.byRoute()['POST /crm/objects/2026-03/contacts/batch/read']).toBe(1);
    const owners = new Map(ids.map((id, i) => [id, answers[i]!.outputFields.owner_id]));
    const { rows } = await s.ctx.ledger.executeSql('select contact_id from assignment where portal_id = $1 order by id', [s.ctx.ledger.portalId]);
    const decided = (rows as { contact_id: string }[]).map((r) => r.contact_id);
    expect([...decided].sort()).toEqual([...ids].sort());

    // The same leads as new contacts, read from HubSpot and routed one by one in the order the batch decided them.
    const alone = await handoffPortal(hub, LEADS_OFF);
    const twinOf = new Map(ids.map((id, n) => [id, seedLead(hub, { ...variedLead(n + 1), contact: { ...variedLead(n + 1).contact, email: `twin${n + 1}@${variedLead(n + 1).company!.domain}` } }).contactId]));
    for (const id of decided) expect([id, (await routeLead(alone, { contactId: twinOf.get(id)!, actor: workflow })).ownerId]).toEqual([id, owners.get(id)]);
  });
  it('a lone enrolment that brought its contact costs one read, its company; one that did not, two', async () => {
    // As a server runs: deliveries go through the route batcher, each alone here.
    const s = await handoffServer(hub, { policy: LEADS_OFF, routeGatherMs: 20 });
    const [whole, bare] = [seedLead(hub, variedLead(1)).contactId, seedLead(hub, variedLead(2)).contactId];
    hub.fake.calls.reset();
    const res = await s.post('/hubspot/actions/route-lead', { ...actionRequest(whole!, {}, 'cb-whole'), object: enrolledObject(hub.fake.store, 'contacts', whole!, enrolmentProperties(s.ctx.policy)) });
    expect(((await res.json()) as { outputFields: Record<string, string> }).outputFields).toMatchObject({ hs_execution_state: 'SUCCESS', handoff_outcome: 'routed' });
    const reads = (routes: Record<string, number>) => Object.entries(routes).filter(([route]) => route.includes('/read') || route.startsWith('GET')).sort();
    expect(reads(hub.fake.calls.byRoute())).toEqual([['POST /crm/objects/2026-03/companies/batch/read', 1]]);
    expect(hub.fake.store.get('contacts', whole!)!.properties.get('handoff_stage')).toBe('routed');
    hub.fake.calls.reset();
    await s.post('/hubspot/actions/route-lead', actionRequest(bare!, {}, 'cb-bare'));
    expect(reads(hub.fake.calls.byRoute())).toEqual([
      ['GET /crm/objects/2026-03/companies/{id}', 1],
      ['GET /crm/objects/2026-03/contacts/{id}', 1],
    ]);
  });
});

/** A minimal change: a handoff new to the ledger (or at `fromVersion`), routed, with its delivery. */
function change(contactId: string, key: string, fromVersion = 0) {
  const at = new Date('2026-11-25T10:00:00Z');
  return {
    contactId,
    fromVersion,
    record: { contactId, version: fromVersion + 1, state: 'routed' as const, ownerId: '102', routedAt: at, mqlAt: at, attempts: [], policyVersion: '1', handoffCount: 1, escalationsDone: [] },
    events: [],
    assignment: { ownerId: '102', why: 'test', source: 'route' as const },
    delivery: { key, result: { contactId } },
    effects: [],
    slaTimerAt: null,
  };
}
