import { checkSla } from '../../src/handlers/checkSla.js';
import { recordOutcome } from '../../src/handlers/recordOutcome.js';
import { routeLead } from '../../src/handlers/routeLead.js';
import { routeLeads, type RouteLeadAnswer } from '../../src/handlers/routeLeads.js';
import { mirrorLeads } from '../../src/handlers/write/leadMirror.js';
import { processWebhookJobs, webhookJobs, type WebhookEvent } from '../../src/queue/webhookEvents.js';
import type { HandlerContext } from '../../src/handlers/handlerContext.js';
import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';
import { corkDemoRequest, handoffPortal, leedsHighScore, seedLead, MQL_WORKFLOW as workflow } from '../support/handoffPortal.js';
import { propertiesOf } from '../support/handoffTimeline.js';
import { parsedPolicyWith } from '../support/policyFixtures.js';

// Leads mirrored (policy hubspot.leads: mirror): a handoff is also a Lead in the prospecting
// workspace, and a rep's stage moves there are handoff events. Every call goes through the
// fake's 2026-03 Leads and pipelines routes, validated against HubSpot's 2026-03 documents.
const hub = useFakeHubSpot();
const HOUR = 3_600_000;
const MIRROR = parsedPolicyWith((p) => {
  p.hubspot = { leads: 'mirror', leadPipeline: { disqualificationReasons: { NOT_A_FIT: 'not-a-fit', NO_BUDGET: 'no-budget' } } };
});

const leadsOf = (contactId: string) => hub.fake.store.associations('contacts', contactId, 'leads').map((a) => hub.fake.store.get('leads', a.toId)!);
const leadOf = (contactId: string) => {
  const leads = leadsOf(contactId);
  expect(leads).toHaveLength(1);
  return { id: leads[0]!.id, ...Object.fromEntries(leads[0]!.properties) } as Record<string, string> & { id: string };
};

/** A rep moves the Lead in the prospecting workspace: HubSpot writes it as a UI change and sends the property-change webhook. */
async function repMovesLead(ctx: HandlerContext, leadId: string, stageId: string, extra: Record<string, string> = {}, eventId = Math.floor(Math.random() * 1e9)) {
  const lead = hub.fake.store.get('leads', leadId)!;
  const check = hub.fake.store.checkWrite('leads', { hs_pipeline_stage: stageId, ...extra });
  if (!check.ok) throw new Error(JSON.stringify(check.errors));
  hub.fake.store.update(lead, check.values, { sourceType: 'CRM_UI', sourceLabel: 'Prospecting workspace' });
  const event: WebhookEvent = { eventId: String(eventId), objectId: leadId, objectTypeId: '0-136', subscriptionType: 'object.propertyChange', propertyName: 'hs_pipeline_stage', propertyValue: stageId, changeSource: 'CRM_UI', occurredAt: hub.now().getTime() };
  const jobs = webhookJobs([event], hub.now());
  expect(jobs).toHaveLength(1);
  const [outcome] = await processWebhookJobs(() => ctx, [{ id: 'j1', data: jobs[0]!.data, retryCount: 0 }]);
  return outcome!;
}

describe('Leads mirrored in the prospecting workspace', () => {
  it('route → a Lead associated with the contact and company, owned, New; Connected in HubSpot → SLA met', async () => {
    const ctx = await handoffPortal(hub, MIRROR);
    const { contactId, companyId } = seedLead(hub, corkDemoRequest());
    const routed = await routeLead(ctx, { contactId, actor: workflow });
    expect(routed.outcome).toBe('routed');

    const lead = leadOf(contactId);
    expect(lead).toMatchObject({ hs_lead_name: 'Deirdre Nolan 1', hs_pipeline: 'lead-pipeline-id', hs_pipeline_stage: 'new-stage-id', hubspot_owner_id: routed.ownerId });
    expect(hub.fake.store.associations('leads', lead.id, 'companies').map((a) => a.toId)).toEqual([companyId]);

    // Handoff's own calls: every one on a 2026-03 path, the Lead among them.
    const routes = hub.fake.calls.list().map((c) => c.route);
    expect(routes).toContain('POST /crm/objects/2026-03/leads');
    expect(routes.filter((r) => !r.includes('/2026-03'))).toEqual([]);

    hub.advance(HOUR); // inside the hot tier's 2 business hours
    const moved = await repMovesLead(ctx, lead.id, 'connected-stage-id');
    expect(moved).toEqual({ ok: true, output: { handled: 'leadStageMoved' } });
    const record = await ctx.ledger.handoff(contactId);
    expect(record?.firstTouchAt?.toISOString()).toBe(hub.now().toISOString());
    expect(propertiesOf(hub.fake, contactId)).toMatchObject({ handoff_sla_status: 'met', handoff_first_touch_date: hub.now().toISOString() });
    // A later timer check keeps it met (the touch is the ledger's now, not only the event's).
    hub.advance(5 * HOUR);
    expect(await checkSla(ctx, { contactId, actor: { kind: 'system', id: 'sla-check' } })).toMatchObject({ slaStatus: 'met' });
  });

  it('Disqualified with "Not a fit" → rejected with the mapped reason, and the note', async () => {
    const ctx = await handoffPortal(hub, MIRROR);
    const { contactId } = seedLead(hub, corkDemoRequest());
    await routeLead(ctx, { contactId, actor: workflow });
    const lead = leadOf(contactId);
    const moved = await repMovesLead(ctx, lead.id, 'unqualified-stage-id', { hs_lead_disqualification_reason: 'NOT_A_FIT', hs_lead_disqualification_note: 'Two-person shop, no fleet' });
    expect(moved).toEqual({ ok: true, output: { handled: 'leadStageMoved' } });
    expect(await ctx.ledger.handoff(contactId)).toMatchObject({ state: 'rejected', rejectionReason: 'not-a-fit' });
    expect(propertiesOf(hub.fake, contactId)).toMatchObject({ handoff_stage: 'rejected', handoff_rejection_reason: 'not-a-fit' });
    expect([...hub.fake.store.all('notes')].map((n) => n.properties.get('hs_note_body'))).toEqual([expect.stringContaining('Two-person shop, no fleet')]);
    // The Lead stays where the rep put it.
    expect(leadOf(contactId)).toMatchObject({ hs_pipeline_stage: 'unqualified-stage-id', hs_lead_disqualification_reason: 'NOT_A_FIT' });
  });

  it('a disqualification reason the policy does not map is skipped with why, and the handoff is left as it was', async () => {
    const ctx = await handoffPortal(hub, MIRROR);
    const { contactId } = seedLead(hub, corkDemoRequest());
    await routeLead(ctx, { contactId, actor: workflow });
    const moved = await repMovesLead(ctx, leadOf(contactId).id, 'unqualified-stage-id', { hs_lead_disqualification_reason: 'COMPETITOR' });
    expect(moved).toEqual({ ok: true, output: { handled: 'leadStageMoved', skipped: 'INVALID_INPUT', why: expect.stringContaining('hs_lead_disqualification_reason "COMPETITOR", which the policy does not map to a rejection reason (hubspot.leadPipeline.disqualificationReasons maps NOT_A_FIT, NO_BUDGET)') } });
    expect((await ctx.ledger.handoff(contactId))?.state).toBe('routed');
  });

  it('accept on the card → the Lead is Qualified; Handoff\'s own move does not come back as an event', async () => {
    const ctx = await handoffPortal(hub, MIRROR);
    const { contactId } = seedLead(hub, corkDemoRequest());
    const routed = await routeLead(ctx, { contactId, actor: workflow });
    await recordOutcome(ctx, { contactId, actor: { kind: 'user', id: routed.ownerId! }, action: 'accept' });
    expect(leadOf(contactId)).toMatchObject({ hs_pipeline_stage: 'qualified-stage-id', hubspot_owner_id: routed.ownerId });
    const lead = hub.fake.store.get('leads', leadOf(contactId).id)!;
    expect(lead.history.get('hs_pipeline_stage')?.[0]).toMatchObject({ value: 'qualified-stage-id', sourceType: 'INTEGRATION' });
    expect(webhookJobs([{ objectId: lead.id, objectTypeId: '0-136', subscriptionType: 'object.propertyChange', propertyName: 'hs_pipeline_stage', propertyValue: 'qualified-stage-id', changeSource: 'INTEGRATION' }], hub.now())).toEqual([]);
  });

  it('a rejection on the card with a mapped reason disqualifies the Lead with HubSpot\'s reason', async () => {
    const ctx = await handoffPortal(hub, MIRROR);
    const { contactId } = seedLead(hub, corkDemoRequest());
    const routed = await routeLead(ctx, { contactId, actor: workflow });
    await recordOutcome(ctx, { contactId, actor: { kind: 'user', id: routed.ownerId! }, action: 'reject', reasonCode: 'no-budget' });
    expect(leadOf(contactId)).toMatchObject({ hs_pipeline_stage: 'unqualified-stage-id', hs_lead_disqualification_reason: 'NO_BUDGET' });
  });

  it('reassignment after a missed SLA → the Lead moves to the new owner', async () => {
    const ctx = await handoffPortal(hub, MIRROR);
    const { contactId } = seedLead(hub, leedsHighScore());
    const routed = await routeLead(ctx, { contactId, actor: workflow });
    hub.advance(24 * HOUR - 29 * 60_000);
    await checkSla(ctx, { contactId, actor: { kind: 'system', id: 'sla-check' } });
    hub.advance(4 * HOUR - 60_000);
    const reassigned = await checkSla(ctx, { contactId, actor: { kind: 'system', id: 'sla-check' } });
    // The UK pool's other rep (202 and 203 are uk-sales).
    expect(reassigned.reassignedTo).toBe(routed.ownerId === '202' ? '203' : '202');
    // Still one Lead (found through the contact's associations, never a second), now the new owner's.
    expect(leadOf(contactId)).toMatchObject({ hubspot_owner_id: reassigned.reassignedTo, hs_pipeline_stage: 'new-stage-id' });
  });

  it('a burst routed as one batch mirrors its Leads in batch calls, and a step run again makes no second Lead', async () => {
    const ctx = await handoffPortal(hub, MIRROR);
    const ids = Array.from({ length: 6 }, (_, i) => seedLead(hub, corkDemoRequest(i + 1)).contactId);
    hub.fake.calls.reset();
    const answers = await routeLeads(ctx, ids.map((contactId) => ({ contactId, actor: workflow })));
    expect(answers.every((a) => a.ok && a.result.outcome === 'routed' && a.result.leadId)).toBe(true);
    const byRoute = hub.fake.calls.byRoute();
    // The six Leads: their contacts' leads in one batch association read, then one batch create.
    expect(Object.fromEntries(Object.entries(byRoute).filter(([r]) => r.includes('lead')))).toEqual({ 'POST /crm/associations/2026-03/contacts/leads/batch/read': 1, 'POST /crm/objects/2026-03/leads/batch/create': 1 });
    for (const id of ids) expect(leadOf(id)).toMatchObject({ hs_pipeline_stage: 'new-stage-id', hs_lead_name: expect.stringMatching(/^Deirdre Nolan \d$/) });
    // As if the server died after HubSpot created them and before the ledger recorded it: the same steps again.
    const again = await mirrorLeads(ctx.crm, ids.map((contactId, i) => ({ kind: 'mirrorLead', contactId, pipelineId: 'lead-pipeline-id', stageId: 'new-stage-id', ownerId: (answers[i] as { result: { ownerId: string } }).result.ownerId, fresh: true, openStageIds: ['new-stage-id', 'attempting-stage-id', 'connected-stage-id'], output: 'leadId' })));
    expect(again.map((r) => r.ok && r.value?.id)).toEqual(ids.map((id) => leadOf(id).id));
    expect(hub.fake.store.count('leads')).toBe(6);
  });

  it('a batch answers its callers once the owners, stages and tasks are in HubSpot, before its Leads are mirrored', async () => {
    const ctx = await handoffPortal(hub, MIRROR);
    const ids = Array.from({ length: 4 }, (_, i) => seedLead(hub, corkDemoRequest(i + 1)).contactId);
    const heard: { answers: RouteLeadAnswer[]; owners: (string | undefined)[]; stages: (string | undefined)[]; tasks: (string | undefined)[]; leads: number }[] = [];
    const answers = await routeLeads(
      ctx,
      ids.map((contactId) => ({ contactId, actor: workflow })),
      // What HubSpot has at the moment the callers hear.
      { onAnswered: (early) => heard.push({ answers: early, owners: ids.map((id) => propertiesOf(hub.fake, id).hubspot_owner_id), stages: ids.map((id) => propertiesOf(hub.fake, id).handoff_stage), tasks: ids.map((id) => propertiesOf(hub.fake, id).handoff_task_id), leads: hub.fake.store.count('leads') }) },
    );
    expect(heard).toHaveLength(1);
    const [early] = heard;
    expect(early!.answers.map((a) => a.ok && [a.result.outcome, a.result.ownerId])).toEqual(answers.map((a) => a.ok && ['routed', a.result.ownerId]));
    expect(early!.owners).toEqual(answers.map((a) => a.ok && a.result.ownerId));
    expect(early!.stages).toEqual(ids.map(() => 'routed'));
    // Each task's real id, in the answer and on the contact; no Lead yet, and so no Lead id to answer.
    expect(early!.tasks.every((t) => /^\d+$/.test(t ?? ''))).toBe(true);
    expect(early!.answers.map((a) => a.ok && a.result.taskId)).toEqual(early!.tasks);
    expect(early!.leads).toBe(0);
    expect(early!.answers.some((a) => a.ok && a.result.leadId)).toBe(false);
    // The promise ends with the run: every Lead mirrored, its id in the final answers.
    expect(hub.fake.store.count('leads')).toBe(4);
    expect(answers.every((a) => a.ok && a.result.leadId === leadOf(a.result.contactId).id)).toBe(true);
  });

  it('with Leads off (the schema\'s default) no Lead is created and no Leads call is made', async () => {
    const ctx = await handoffPortal(hub, parsedPolicyWith((p) => (p.hubspot.leads = 'off')));
    const { contactId } = seedLead(hub, corkDemoRequest());
    await routeLead(ctx, { contactId, actor: workflow });
    expect(leadsOf(contactId)).toEqual([]);
    expect(hub.fake.calls.list().filter((c) => c.route.includes('leads'))).toEqual([]);
  });
});
