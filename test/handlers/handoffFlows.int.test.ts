import { checkSla } from '../../src/handlers/checkSla.js';
import { getDealOrigin } from '../../src/handlers/getDealOrigin.js';
import { getHandoffState } from '../../src/handlers/getHandoffState.js';
import { recordOutcome } from '../../src/handlers/recordOutcome.js';
import { routeLead, startSla } from '../../src/handlers/routeLead.js';
import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';
import { seedRecords } from '../support/fakeHubSpotFixtures.js';
import { corkDemoRequest, handoffPortal, leedsHighScore, seedLead, MQL_WORKFLOW as workflow } from '../support/handoffPortal.js';
import { activitiesOf, timeline } from '../support/handoffTimeline.js';
import { parsedPolicyWith } from '../support/policyFixtures.js';

// Wed 25 Nov 2026, 09:30 in Dublin and London (UTC+0): a working morning.
const hub = useFakeHubSpot();
const MIN = 60_000;
const HOUR = 60 * MIN;

/** HubSpot calls a step made, by route. */
async function counted<T>(fn: () => Promise<T>): Promise<{ result: T; calls: number; byRoute: Record<string, number> }> {
  hub.fake.calls.reset();
  const result = await fn();
  return { result, calls: hub.fake.calls.count(), byRoute: hub.fake.calls.byRoute() };
}

const contactProps = (id: string) => Object.fromEntries(hub.fake.store.get('contacts', id)!.properties);

describe('handoff flows against the fake HubSpot, through @hubspot/api-client', () => {
  it('MQL → routed → first touch (SLA met) → accepted → converted, with the deal showing where it came from', async () => {
    const ctx = await handoffPortal(hub);
    const { contactId } = seedLead(hub, corkDemoRequest());

    const routed = await counted(() => routeLead(ctx, { contactId, actor: workflow }));
    expect(routed.result).toMatchObject({ outcome: 'routed', stage: 'routed', slaTierId: 'hot', slaDueAt: '2026-11-25T10:30:00.000Z', qualification: { stage: 'mql' } });
    expect(['102', '103']).toContain(routed.result.ownerId);
    expect(routed.result.explanation).toMatch(/Ireland/);
    // contact read (with its company association), company read, follow-up task, one contact write,
    // and the Lead the policy mirrors (the contact's leads, then the new one): the routing load
    // comes from the ledger, so no search
    expect(routed.byRoute).toEqual({
      'GET /crm/objects/2026-03/contacts/{id}': 1,
      'GET /crm/objects/2026-03/companies/{id}': 1,
      'PATCH /crm/objects/2026-03/contacts/{id}': 1,
      'POST /crm/objects/2026-03/tasks': 1,
      'GET /crm/objects/2026-03/contacts/{id}/associations/leads': 1,
      'POST /crm/objects/2026-03/leads': 1,
    });
    expect(routed.calls).toBeLessThanOrEqual(6);
    const props = contactProps(contactId);
    expect(props).toMatchObject({
      handoff_stage: 'routed',
      hubspot_owner_id: routed.result.ownerId,
      handoff_owner_at_handoff: routed.result.ownerId,
      handoff_sla_due: '2026-11-25T10:30:00.000Z',
      handoff_sla_status: 'on_track',
      handoff_policy_version: '2026.12.2',
      handoff_count: '1',
      lifecyclestage: 'marketingqualifiedlead',
      handoff_task_id: routed.result.taskId,
    });
    const task = hub.fake.store.get('tasks', routed.result.taskId!)!;
    expect(Object.fromEntries(task.properties)).toMatchObject({ hubspot_owner_id: routed.result.ownerId, hs_timestamp: '2026-11-25T10:30:00.000Z', hs_task_priority: 'HIGH' });

    // The rep calls at 10:05: HubSpot moves last-contacted; the SLA check finds the first touch.
    hub.advance(35 * MIN);
    hub.fake.store.logSalesActivity(hub.fake.store.get('contacts', contactId)!, hub.now().getTime());
    const checked = await counted(() => checkSla(ctx, { contactId, actor: workflow }));
    expect(checked.result).toMatchObject({ slaStatus: 'met', firstTouchAt: '2026-11-25T10:05:00.000Z', escalations: [], recycled: false });
    expect(checked.calls).toBe(2); // read (with activity history), one write
    expect(contactProps(contactId)).toMatchObject({ handoff_first_touch_date: '2026-11-25T10:05:00.000Z', handoff_time_to_first_touch: '35', handoff_sla_status: 'met' });

    const accepted = await counted(() => recordOutcome(ctx, { contactId, action: 'accept', actor: { kind: 'user', id: routed.result.ownerId! } }));
    expect(accepted.result).toMatchObject({ stage: 'accepted', changed: true });
    expect(accepted.calls).toBe(5); // read, one write; the Lead: found through the contact, read, moved to Qualified
    expect(contactProps(contactId)).toMatchObject({ handoff_stage: 'accepted', handoff_outcome: 'accepted', lifecyclestage: 'salesqualifiedlead' });

    hub.advance(2 * 24 * HOUR);
    const [dealId] = seedRecords(hub.fake, 'deals', [{ dealname: 'Harbour Logistics – Pilot', amount: '12000', pipeline: 'default', dealstage: 'qualifiedtobuy' }]);
    hub.fake.store.associate('deals', dealId!, 'contacts', contactId, 3);
    const converted = await recordOutcome(ctx, { contactId, action: 'convert', dealId, actor: workflow });
    expect(converted).toMatchObject({ stage: 'converted' });
    expect(Object.fromEntries(hub.fake.store.get('deals', dealId!)!.properties)).toMatchObject({ handoff_source_contact_id: contactId, handoff_policy_version: '2026.12.2', handoff_original_owner: routed.result.ownerId });

    const origin = await counted(() => getDealOrigin(ctx, { dealId }));
    expect(origin.calls).toBe(2);
    expect(origin.result.handoffs).toEqual([
      expect.objectContaining({ contactId, stage: 'converted', mqlAt: '2026-11-25T09:30:00.000Z', sqlAt: '2026-11-25T10:05:00.000Z', policyVersion: '2026.12.2', path: [
        expect.objectContaining({ event: 'qualify' }),
        expect.objectContaining({ event: 'route' }),
        expect.objectContaining({ event: 'accept' }),
        expect.objectContaining({ event: 'convert' }),
      ] }),
    ]);
  });

  it('rejected with a reason the policy recycles: back to marketing in the same action, with the note', async () => {
    const ctx = await handoffPortal(hub);
    const { contactId } = seedLead(hub, corkDemoRequest(2));
    const routed = await routeLead(ctx, { contactId, actor: workflow });
    const owner = routed.ownerId!;

    const notOwner = owner === '102' ? '103' : '102';
    await expect(recordOutcome(ctx, { contactId, action: 'reject', reasonCode: 'bad-timing', actor: { kind: 'user', id: notOwner } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(recordOutcome(ctx, { contactId, action: 'reject', reasonCode: 'too-expensive', actor: { kind: 'user', id: owner } })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('"too-expensive" is not in the policy'),
    });
    expect(contactProps(contactId).handoff_stage).toBe('routed');

    const rejected = await counted(() => recordOutcome(ctx, { contactId, action: 'reject', reasonCode: 'bad-timing', note: 'Budget review in Q2', actor: { kind: 'user', id: owner } }));
    expect(rejected.result).toMatchObject({ stage: 'recycled', changed: true, ownerId: '401' });
    // read, the rejection and then the recycle in handoff_last_event, the note for the human decision, closing the follow-up task, the Lead disqualified
    expect(rejected.byRoute).toEqual({
      'GET /crm/objects/2026-03/contacts/{id}': 1,
      'PATCH /crm/objects/2026-03/contacts/{id}': 2,
      'POST /crm/objects/2026-03/notes': 1,
      'PATCH /crm/objects/2026-03/tasks/{id}': 1,
      'GET /crm/objects/2026-03/contacts/{id}/associations/leads': 1,
      'POST /crm/objects/2026-03/leads/batch/read': 1,
      'PATCH /crm/objects/2026-03/leads/{id}': 1,
    });
    const note = hub.fake.store.get('notes', rejected.result.noteId!)!;
    expect(note.properties.get('hs_note_body')).toContain('Interested but not now\nBudget review in Q2\nRecycled to marketing, as the policy says for this reason.');
    expect(hub.fake.store.associations('notes', note.id, 'contacts')).toEqual([{ toId: contactId, typeIds: [202] }]);
    expect(hub.fake.store.get('tasks', routed.taskId!)!.properties.get('hs_task_status')).toBe('COMPLETED');
    expect(contactProps(contactId)).toMatchObject({ handoff_rejection_reason: 'bad-timing', handoff_stage: 'recycled', handoff_outcome: 'recycled', hubspot_owner_id: '401', handoff_recycled_date: '2026-11-25T09:30:00.000Z', handoff_sla_status: 'met' });
    expect(timeline(hub.fake, contactId).map((e) => e.event)).toEqual(['route', 'reject', 'recycle']);

    // The same click again: nothing changes, no second note.
    const again = await recordOutcome(ctx, { contactId, action: 'reject', reasonCode: 'bad-timing', actor: { kind: 'user', id: owner } });
    expect(again.changed).toBe(false);
    expect(hub.fake.store.count('notes')).toBe(1);

    const state = await getHandoffState(ctx, { contactId });
    expect(state.history.map((h) => h.event)).toEqual(['recycle', 'reject', 'route', 'qualify']);
    // Every owner the history names comes with a name: the rep who rejected, the re-engagement owner.
    expect(state.ownerNames).toMatchObject({ [owner]: expect.any(String), '401': 'Gráinne Walsh' });
    expect(Object.values(state.ownerNames!)).not.toContainEqual(expect.stringMatching(/^owner /));
    // A lead back with marketing shows no "why this owner".
    expect(state.routing).toBeUndefined();
  });

  it('rejected for the wrong territory: routed again at once, never to the rep who rejected it', async () => {
    const ctx = await handoffPortal(hub);
    const { contactId } = seedLead(hub, corkDemoRequest(4));
    const routed = await routeLead(ctx, { contactId, actor: workflow });
    const rejected = await recordOutcome(ctx, { contactId, action: 'reject', reasonCode: 'wrong-territory', actor: { kind: 'user', id: routed.ownerId! } });
    expect(rejected).toMatchObject({ stage: 'routed', changed: true, reroutedTo: { ownerId: expect.not.stringMatching(routed.ownerId!) } });
    const props = contactProps(contactId);
    expect(props).toMatchObject({ handoff_stage: 'routed', hubspot_owner_id: rejected.reroutedTo!.ownerId, handoff_sla_status: 'on_track', handoff_sla_met_by: routed.ownerId });
    expect(props.handoff_routing_explanation).toMatch(/^Rejected as "Wrong territory or team", which the policy reroutes: /);
    const tasks = activitiesOf(hub.fake, contactId).tasks.map((id) => Object.fromEntries(hub.fake.store.get('tasks', id)!.properties));
    expect(tasks.map((t) => [t.hubspot_owner_id, t.hs_task_status])).toEqual([
      [routed.ownerId, 'COMPLETED'],
      [rejected.reroutedTo!.ownerId, 'NOT_STARTED'],
    ]);
    expect(timeline(hub.fake, contactId).map((e) => e.event)).toEqual(['route', 'reject', 'reroute']);
  });

  it('breaches, escalates to the owner and the manager, then is reassigned with a fresh SLA', async () => {
    const ctx = await handoffPortal(hub);
    const { contactId } = seedLead(hub, leedsHighScore());
    const routed = await routeLead(ctx, { contactId, actor: workflow });
    expect(routed).toMatchObject({ slaTierId: 'standard', ownerId: expect.stringMatching(/^20[23]$/) });
    // 8 business hours from Wed 09:30 on uk-sales hours (08:30-17:00): due Thu 09:00.
    expect(routed.slaDueAt).toBe('2026-11-26T09:00:00.000Z');

    hub.advance(24 * HOUR - 29 * MIN); // Thu 09:01: past the 75% mark and the due time, nobody touched it
    const breached = await counted(() => checkSla(ctx, { contactId, actor: { kind: 'system', id: 'sla-check' } }));
    expect(breached.result).toMatchObject({ slaStatus: 'breached', escalations: [{ step: 'remind', to: routed.ownerId }, { step: 'manager', to: '201' }] });
    expect(breached.result.nextCheckAt).toBe('2026-11-26T13:00:00.000Z');
    expect(breached.byRoute).toEqual({ 'GET /crm/objects/2026-03/contacts/{id}': 1, 'POST /crm/objects/2026-03/tasks': 2, 'PATCH /crm/objects/2026-03/contacts/{id}': 1 });

    hub.advance(4 * HOUR - MIN); // Thu 13:00: breach + 4 business hours
    const reassigned = await counted(() => checkSla(ctx, { contactId, actor: { kind: 'system', id: 'sla-check' } }));
    // The UK pool's other rep (202 and 203 are uk-sales).
    expect(reassigned.result.reassignedTo).toBe(routed.ownerId === '202' ? '203' : '202');
    expect(reassigned.result).toMatchObject({ stage: 'routed', escalations: [{ step: 'reassign' }], slaStatus: 'on_track' });
    const props = contactProps(contactId);
    expect(props).toMatchObject({ hubspot_owner_id: reassigned.result.reassignedTo, handoff_owner_at_handoff: routed.ownerId, handoff_routed_date: '2026-11-26T13:00:00.000Z' });
    expect(props).not.toHaveProperty('handoff_escalations'); // a fresh SLA: the ladder starts again
    expect(hub.fake.store.get('tasks', routed.taskId!)!.properties.get('hs_task_status')).toBe('COMPLETED');
    const newTask = hub.fake.store.get('tasks', props.handoff_task_id!)!;
    expect(Object.fromEntries(newTask.properties)).toMatchObject({ hubspot_owner_id: reassigned.result.reassignedTo, hs_task_status: 'NOT_STARTED', hs_task_priority: 'HIGH' });
    expect([...hub.fake.store.all('notes')].map((n) => n.properties.get('hs_note_body'))).toEqual([expect.stringMatching(/^Handoff: reassigned from (Priya Shah|Tom Evans) to (Priya Shah|Tom Evans) — /)]);

    const state = await getHandoffState(ctx, { contactId, viewer: { kind: 'known', ownerId: routed.ownerId } });
    // The ledger's timeline: the escalations at the breach (reminder, manager told) and the reassignment.
    expect(state.history.map((h) => h.event)).toEqual(['reassign', 'escalate', 'escalate', 'route', 'qualify']);
    expect(state.history.filter((h) => h.event === 'escalate').map((h) => h.step)).toEqual(['manager', 'remind']);
    const all = await getHandoffState(ctx, { contactId, history: 'all' });
    expect([all.history.length, all.historyTotal]).toEqual([5, 5]);
    // The card's account of each owner's turn: the first missed, the second open with a fresh SLA.
    expect(state.attempts.map((a) => [a.ownerId, a.source, a.result])).toEqual([
      [routed.ownerId, 'route', 'missed'],
      [reassigned.result.reassignedTo, 'reassign', 'open'],
    ]);
    expect(state.actions.accept).toEqual({ shown: true, enabled: false });
    expect(state.actions.note).toMatch(/^Only (Priya Shah|Tom Evans) \(the owner\) or James Carter \(their manager\) can act on this lead\.$/);
  });

  it('with a limit of one reassignment, a lead still untouched after it goes to the team manager instead of round the team again', async () => {
    const ctx = await handoffPortal(hub, parsedPolicyWith((p) => (p.escalation.maxReassignments = 1)));
    const { contactId } = seedLead(hub, leedsHighScore());
    const routed = await routeLead(ctx, { contactId, actor: workflow });
    const check = () => counted(() => checkSla(ctx, { contactId, actor: { kind: 'system', id: 'sla-check' } }));
    hub.advance(28 * HOUR); // Thu 13:30: breached, and breach + 4h has passed: the one reassignment
    const first = await check();
    expect(first.result).toMatchObject({ stage: 'routed', reassignedTo: expect.not.stringMatching(routed.ownerId!) });

    hub.advance(5 * 24 * HOUR); // the next week: the new owner never touched it either
    const second = await check();
    expect(second.result).toMatchObject({ stage: 'routed', reassignedTo: '201', escalations: [{ step: 'remind' }, { step: 'manager' }, { step: 'reassign', to: '201' }] });
    expect(second.byRoute).not.toHaveProperty(['POST /crm/objects/2026-03/contacts/search']);
    expect(timeline(hub.fake, contactId).map((e) => e.event)).toEqual(['route', 'reassign', 'reassign']);
    expect(timeline(hub.fake, contactId).at(-1)!.reason).toMatch(/^Reassign to the next available owner: James Carter, the team's manager: the policy allows 1 reassignment and 1 was made \(escalation.whenExhausted: manager\)\.$/);
    const props = contactProps(contactId);
    expect(props).toMatchObject({ handoff_stage: 'routed', hubspot_owner_id: '201', handoff_reassignments: '1' });
    expect(props.handoff_sla_missed_by!.split(';').sort()).toEqual([routed.ownerId, first.result.reassignedTo].sort());

    // The manager misses it too: it is not moved again.
    hub.advance(5 * 24 * HOUR);
    const third = await check();
    expect(third.result).toMatchObject({ stage: 'routed', ownerId: '201' });
    expect(third.result.reassignedTo).toBeUndefined();
  });

  it('reads everything the card needs in two HubSpot calls', async () => {
    const ctx = await handoffPortal(hub);
    const { contactId } = seedLead(hub, corkDemoRequest(3));
    const routed = await routeLead(ctx, { contactId, actor: workflow });
    hub.advance(45 * MIN);
    const state = await counted(() => getHandoffState(ctx, { contactId, viewer: { kind: 'known', ownerId: routed.ownerId } }));
    expect(state.calls).toBe(2);
    expect(state.result).toMatchObject({
      stage: 'routed',
      owner: { ownerId: routed.ownerId, teamId: 'ie-sales', timeZone: 'Europe/Dublin' },
      sla: { status: 'at_risk', remainingBusinessMinutes: 15, dueAt: '2026-11-25T10:30:00.000Z', tierLabel: 'Demo or sales request (hot)' },
      actions: { accept: { enabled: true }, reject: { enabled: true }, recycle: { enabled: true } },
      qualification: { stage: 'mql' },
    });
    expect(state.result.rejectionReasons).toHaveLength(9);
  });

  it('leaves a contact that is not an MQL alone and says why; a second delivery of routeLead changes nothing', async () => {
    const ctx = await handoffPortal(hub);
    const { contactId } = seedLead(hub, { contact: { email: 'sam@gmail.com', jobtitle: 'Student', country: 'Ireland' } });
    const res = await routeLead(ctx, { contactId, actor: workflow });
    expect(res).toMatchObject({ outcome: 'not_mql', stage: 'new', qualification: { stage: 'disqualified' } });
    expect(hub.fake.calls.count('PATCH /crm/objects/2026-03/contacts/{id}')).toBe(0);

    const mql = seedLead(hub, corkDemoRequest(4));
    const first = await routeLead(ctx, { contactId: mql.contactId, actor: workflow });
    const second = await routeLead(ctx, { contactId: mql.contactId, actor: workflow });
    expect(second).toMatchObject({ outcome: 'already_in_handoff', ownerId: first.ownerId });
    expect(hub.fake.store.count('tasks')).toBe(1);
  });

  it('starts the SLA for an owner HubSpot already assigned (startSla), on that owner\'s calendar', async () => {
    const ctx = await handoffPortal(hub);
    const { contactId } = seedLead(hub, { ...corkDemoRequest(5), contact: { ...corkDemoRequest(5).contact, hubspot_owner_id: '104' } });
    const started = await counted(() => startSla(ctx, { contactId, actor: workflow }));
    expect(started.result).toMatchObject({ outcome: 'routed', ownerId: '104', slaTierId: 'hot', slaDueAt: '2026-11-25T10:30:00.000Z' });
    expect(started.calls).toBe(6); // contact, company, task, write, the Lead (found, created): no routing search
    expect(contactProps(contactId)).toMatchObject({ handoff_routing_rule: 'assigned-in-hubspot', handoff_owner_at_handoff: '104' });
    const noOwner = seedLead(hub, corkDemoRequest(6));
    await expect(startSla(ctx, { contactId: noOwner.contactId, actor: workflow })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('has no owner in HubSpot') });
  });

  it('names the field and value of bad input, and reports an unknown contact as NOT_FOUND', async () => {
    const ctx = await handoffPortal(hub);
    await expect(routeLead(ctx, { contactId: 'abc' })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: 'contactId: a HubSpot record id is digits only (got "abc")' });
    await expect(recordOutcome(ctx, { contactId: '1', action: 'reject', actor: { kind: 'user', id: '102' } })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('reasonCode') });
    await expect(routeLead(ctx, { contactId: '99999' })).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 });
  });
});
