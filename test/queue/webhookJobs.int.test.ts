import { EVENTS_PER_JOB, processWebhookJobs, webhookJobs, webhookTopUp, type WebhookEvent } from '../../src/queue/webhookEvents.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLedger } from '../../src/ledger/openLedger.js';
import { describeJob, QUEUES, WorkQueue, type QueuedJob } from '../../src/queue/workQueue.js';
import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';
import { corkDemoRequest, handoffPortal, seedLead } from '../support/handoffPortal.js';

// A delivery's events are stored EVENTS_PER_JOB to a job (a list import's 10,000 events are 1,000
// rows of the queue, not 10,000), each job still answers for each of its events, and a job stored
// before jobs held several events is run as it was.
const hub = useFakeHubSpot();
const mql = (eventId: number, objectId: string): WebhookEvent => ({ eventId: String(eventId), objectId, subscriptionType: 'contact.propertyChange', propertyName: 'lifecyclestage', propertyValue: 'marketingqualifiedlead' });
const touch = (eventId: number, objectId: string): WebhookEvent => ({ eventId: String(eventId), objectId, subscriptionType: 'contact.propertyChange', propertyName: 'notes_last_contacted', propertyValue: '1' });
const queued = <T>(data: T, n = 0): QueuedJob<T> => ({ id: `j${n}`, data, retryCount: 0 });

describe('webhook jobs of several events', () => {
  it('a delivery of 100 events becomes 10 jobs of 10, in order; events Handoff does not act on are not stored', () => {
    const at = new Date('2026-11-25T10:00:00Z');
    const events = Array.from({ length: 100 }, (_, i) => mql(i + 1, String(1000 + i)));
    const ignored: WebhookEvent = { eventId: '500', objectId: '9', subscriptionType: 'contact.propertyChange', propertyName: 'firstname', propertyValue: 'Aoife' };
    const jobs = webhookJobs([...events.slice(0, 50), ignored, ...events.slice(50)], at);
    expect(jobs.map((j) => j.data.events.length)).toEqual(Array.from({ length: 100 / EVENTS_PER_JOB }, () => EVENTS_PER_JOB));
    expect(jobs.flatMap((j) => j.data.events)).toEqual(events);
    expect(jobs[0]).toMatchObject({ singletonKey: 'wh:1-10', data: { receivedAt: at.toISOString() } });
    expect(webhookJobs([mql(7, '1'), mql(8, '2'), mql(9, '3')], at).map((j) => j.data.events.length)).toEqual([3]);
    expect(webhookJobs([ignored], at)).toEqual([]);
  });

  it("the queue's counts are events, as its label reads (Webhook events), not jobs", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'handoff-webhook-jobs-'));
    const ledger = await openLedger({ dataDir: dir });
    const queue = await WorkQueue.open(ledger);
    try {
      const at = new Date('2026-11-25T10:00:00Z');
      await queue.add(QUEUES.webhookEvent, webhookJobs(Array.from({ length: 25 }, (_, i) => mql(i + 1, String(1000 + i))), at));
      await queue.add(QUEUES.slaCheck, [{ data: { contactId: '1', dueAt: at.toISOString() } }]);
      const counts = await queue.counts();
      expect(counts.find((c) => c.queue === QUEUES.webhookEvent)).toMatchObject({ waiting: 25 });
      expect(counts.find((c) => c.queue === QUEUES.slaCheck)).toMatchObject({ waiting: 1 });
      expect(await queue.take(QUEUES.webhookEvent, 10)).toHaveLength(3);
    } finally {
      await queue.close();
      await ledger.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a take of full jobs fills a routing batch; a take of small ones is topped up to 100 events', () => {
    const jobsOf = (sizes: number[]) => sizes.map((n, i) => queued({ events: Array.from({ length: n }, (_, k) => mql(i * 100 + k, String(i))), receivedAt: '' }, i));
    expect(webhookTopUp(jobsOf(Array(10).fill(10)), 10)).toBe(0);
    expect(webhookTopUp(jobsOf(Array(10).fill(1)), 10)).toBe(90);
    expect(webhookTopUp(jobsOf([10, 10, 1, 1, 1, 1, 1, 1, 1, 1]), 10)).toBe(72);
    // Fewer jobs than asked for: the queue had no more.
    expect(webhookTopUp(jobsOf([1, 1]), 10)).toBe(0);
  });

  it("a job's MQLs are routed together; one event that can never succeed is recorded as skipped, with why, and the job is done", async () => {
    const ctx = await handoffPortal(hub);
    const ids = Array.from({ length: 3 }, () => seedLead(hub, corkDemoRequest()).contactId);
    const [job] = webhookJobs([...ids.map((id, i) => mql(i + 1, id)), touch(9, '99999')], hub.now());
    hub.fake.calls.reset();
    const [outcome] = await processWebhookJobs(() => ctx, [queued(job!.data)]);
    expect(outcome).toEqual({ ok: true, output: { events: 4, handled: { routeLead: 3, checkSla: 1 }, skipped: [{ event: 'contact 99999', skipped: 'NOT_FOUND', why: expect.stringContaining('99999') }] } });
    for (const id of ids) expect((await ctx.ledger.handoff(id))?.state).toBe('routed');
    // One routing batch: the three contacts in one read.
    expect(hub.fake.calls.byRoute()['POST /crm/objects/2026-03/contacts/batch/read']).toBe(1);
  });

  it('one event worth retrying fails its job, naming it; the retry runs the job again and the events already done change nothing', async () => {
    const ctx = await handoffPortal(hub);
    const [a, a2, b] = [1, 2, 3].map(() => seedLead(hub, corkDemoRequest()).contactId);
    const [job] = webhookJobs([mql(1, a!), mql(2, a2!), touch(3, b!)], hub.now());
    // HubSpot fails the single read the touch makes (the MQLs are read in a batch read).
    hub.fake.faults.inject({ route: 'GET /crm/objects/2026-03/contacts/{id}', kind: 'server-error', status: 503 });
    const [failed] = await processWebhookJobs(() => ctx, [queued(job!.data)]);
    expect(failed).toEqual({ ok: false, why: `contact ${b}: reading contact ${b}: HubSpot answered 503: Internal error (injected by the fake HubSpot).` });
    hub.fake.faults.clear();
    const routed = await ctx.ledger.handoff(a!);
    expect(routed?.state).toBe('routed');
    const history = await ctx.ledger.timeline(a!, 10);
    const [retried] = await processWebhookJobs(() => ctx, [{ ...queued(job!.data), retryCount: 1 }]);
    expect(retried).toMatchObject({ ok: true, output: { events: 3, handled: { routeLead: 2, checkSla: 1 } } });
    expect((await ctx.ledger.handoff(a!))?.version).toBe(routed?.version);
    expect(await ctx.ledger.timeline(a!, 10)).toEqual(history);
  });

  it('a job stored with one event (before jobs held several) is run as it was, and described in words', async () => {
    const ctx = await handoffPortal(hub);
    const { contactId } = seedLead(hub, corkDemoRequest());
    const legacy = { event: mql(1, contactId), receivedAt: hub.now().toISOString() };
    expect(await processWebhookJobs(() => ctx, [queued(legacy)])).toEqual([{ ok: true, output: { handled: 'routeLead' } }]);
    expect((await ctx.ledger.handoff(contactId))?.state).toBe('routed');
    expect(describeJob(legacy)).toBe(`contact ${contactId}: lifecyclestage changed to marketingqualifiedlead`);
    const [job] = webhookJobs([mql(2, '11'), mql(3, '12'), mql(4, '13')], hub.now());
    expect(describeJob(job!.data as unknown as Record<string, unknown>)).toBe('3 events, from contact 11: lifecyclestage changed to marketingqualifiedlead to contact 13: lifecyclestage changed to marketingqualifiedlead');
  });
});
