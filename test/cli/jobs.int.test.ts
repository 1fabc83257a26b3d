import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLedger } from '../../src/ledger/openLedger.js';
import { QUEUES, startQueueWorker, WorkQueue } from '../../src/queue/workQueue.js';
import { processWebhookJobs, webhookJobs, type WebhookJob } from '../../src/queue/webhookEvents.js';
import { cli } from '../support/cliHarness.js';
import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';
import { handoffPortal } from '../support/handoffPortal.js';

const hub = useFakeHubSpot();

// A job that keeps failing is parked with its reason; `handoff jobs` lists it, and --retry puts it back.
describe('handoff jobs', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'handoff-jobs-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('an event HubSpot keeps failing is retried, then parked with why; an event for a deleted contact is recorded and skipped at once', async () => {
    const base = await handoffPortal(hub);
    const ledger = await openLedger({ dataDir: join(dir, 'ledger') });
    const queue = await WorkQueue.open(ledger, { retryLimit: 1, retryDelaySeconds: 1 });
    try {
      const ctx = () => ({ ...base, ledger });
      const seeded = hub.fake.store.create('contacts', new Map([['email', 'a@harbour.ie']]), { sourceType: 'IMPORT' });
      const touch = (eventId: number, objectId: string) => ({ eventId: String(eventId), objectId, subscriptionType: 'contact.propertyChange', propertyName: 'notes_last_contacted', propertyValue: '1' });
      // HubSpot answers 503 to every read of the contact, on the first try and the retry.
      await queue.add(QUEUES.webhookEvent, webhookJobs([touch(1, seeded.id)], new Date()));
      hub.fake.faults.inject({ route: 'GET /crm/objects/2026-03/contacts/{id}', kind: 'server-error', status: 503 });
      const worker = startQueueWorker<WebhookJob>(queue, QUEUES.webhookEvent, (jobs) => processWebhookJobs(ctx, jobs), { pollMs: 100 });
      for (let i = 0; i < 100 && (await queue.counts()).find((c) => c.queue === QUEUES.webhookEvent)!.parked === 0; i++) await new Promise((r) => setTimeout(r, 100));
      await worker.stop();
      const parked = await queue.parked();
      expect(parked).toHaveLength(1);
      expect(parked[0]).toMatchObject({ queue: QUEUES.webhookEvent, tries: 2 });
      expect(parked[0]!.why).toBe(`reading contact ${seeded.id}: HubSpot answered 503: Internal error (injected by the fake HubSpot).`);

      // a deleted contact: not worth retrying, so recorded (the job's output) and done at once
      hub.fake.faults.clear();
      const [skipped] = await processWebhookJobs(ctx, [{ id: 'x', data: webhookJobs([touch(2, '99999')], new Date())[0]!.data, retryCount: 0 }]);
      expect(skipped).toMatchObject({ ok: true, output: { handled: 'checkSla', skipped: 'NOT_FOUND' } });
    } finally {
      await queue.close();
      await ledger.close();
    }

    const env = { HANDOFF_DATA_DIR: join(dir, 'ledger') };
    const listed = await cli(['jobs'], { env });
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/^Webhook events: 0 waiting, 0 running, 0 retrying, 1 parked/m);
    expect(listed.out).toMatch(/^SLA checks: 0 waiting/m);
    expect(listed.out).toMatch(/^Parked Webhook events job [\w-]+ \(contact \d+: notes_last_contacted changed to 1\), after 2 tries, .*: reading contact \d+: HubSpot answered 503/m);
    const id = /^Parked Webhook events job ([\w-]+)/m.exec(listed.out)![1]!;
    expect(await cli(['jobs', '--retry', 'no-such-job'], { env })).toMatchObject({ code: 2, err: '--retry: no parked job has the id "no-such-job" (handoff jobs lists them)' });
    expect((await cli(['jobs', '--retry', id], { env })).out).toBe(`Webhook events job ${id} is back in line.`);
    expect((await cli(['jobs'], { env })).out).toMatch(/^Webhook events: \d+ waiting, 0 running, \d+ retrying, 0 parked/m);
  });
});
