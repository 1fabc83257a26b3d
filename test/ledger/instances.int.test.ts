import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { decideRouteLead, emptyRecord, parsePolicy, type HandoffPolicy } from '../../src/domain/index.js';
import { createFakeHubSpot, type FakeHubSpot } from '../../src/fake-hubspot/fakeHubSpot.js';
import { DEMO_OWNERS } from '../../src/fake-hubspot/seed/demoOwners.js';
import { serveFakeHubSpot } from '../../src/fake-hubspot/serve.js';
import { hubspotClient } from '../../src/hubspot/hubspotClient.js';
import { applyHandoffSetup, planHandoffSetup } from '../../src/hubspot/setup.js';
import { openLedger } from '../../src/ledger/openLedger.js';
import { MIGRATIONS } from '../../src/ledger/migrations/index.js';
import { DEMO_ACCOUNT } from '../../src/fake-hubspot/crm/portalSettings.js';
import type { SqlLedger } from '../../src/ledger/sqlLedger.js';
import { corkDemoRequest } from '../support/handoffPortal.js';
import { rawDefaultPolicy } from '../support/policyFixtures.js';
import { deliverCardOutcome, deliverRouteLead, deliverWebhook, inFlight, startServerProcess, writePolicyFile, type ServerProcess } from '../support/serverProcesses.js';
import { scratchDatabase, TEST_DATABASE_URL } from '../support/testLedger.js';

// Drills on a real PostgreSQL shared by separate `handoff serve` processes, as production runs.
// Skipped, saying so, without HANDOFF_TEST_DATABASE_URL (a laptop); CI sets it and
// HANDOFF_REQUIRE_POSTGRES=1, so there their absence fails instead.
if (!TEST_DATABASE_URL && process.env.HANDOFF_REQUIRE_POSTGRES === '1') throw new Error('HANDOFF_REQUIRE_POSTGRES=1 but HANDOFF_TEST_DATABASE_URL names no PostgreSQL: the multi-instance drills cannot run');
const describePg = TEST_DATABASE_URL ? describe : describe.skip;
if (!TEST_DATABASE_URL) process.stderr.write('Multi-instance PostgreSQL drills SKIPPED: set HANDOFF_TEST_DATABASE_URL to a PostgreSQL server (bash .ci/postgres.sh starts one).\n');

jest.setTimeout(300_000);

/** A plain 3-rep round robin (Ciarán, Aoife, Niamh), nobody skipped for hours, leave or capacity. */
function roundRobinPolicy(): Record<string, unknown> {
  const raw = rawDefaultPolicy() as { routing: { rules: unknown[]; availability: Record<string, boolean> } };
  raw.routing.rules = [{ id: 'round-robin', label: 'Everyone by round robin', strategy: 'round_robin', team: 'ie-sales' }];
  raw.routing.availability = { skipOutOfOffice: false, respectCapacity: false, hotLeadsOnlyToOwnersAtWork: false };
  return raw;
}

function parsed(raw: Record<string, unknown>): HandoffPolicy {
  const p = parsePolicy(raw);
  if (!p.ok) throw new Error(JSON.stringify(p.error));
  return p.value;
}

function seed(fake: FakeHubSpot, n: number): string {
  const spec = corkDemoRequest(n);
  const write = (type: 'contacts' | 'companies', row: Record<string, string>) => {
    const check = fake.store.checkWrite(type, row);
    if (!check.ok) throw new Error(JSON.stringify(check.errors));
    return fake.store.create(type, check.values, { sourceType: 'IMPORT' }).id;
  };
  const contactId = write('contacts', spec.contact);
  fake.store.associate('contacts', contactId, 'companies', write('companies', spec.company!), 1);
  return contactId;
}

/** The split the same leads get routed one after another, by the pure core. */
function sequentialSplit(policy: HandoffPolicy, fake: FakeHubSpot, ids: string[], now: Date): Record<string, number> {
  const recent: { ownerId: string; at: string }[] = [];
  const split: Record<string, number> = {};
  for (const id of ids) {
    const c = fake.store.get('contacts', id)!;
    const companyId = fake.store.associations('contacts', id, 'companies')[0]!.toId;
    const lead = { contact: { ...Object.fromEntries(c.properties), id, hs_object_id: id }, company: Object.fromEntries(fake.store.get('companies', companyId)!.properties) };
    const d = decideRouteLead({ record: emptyRecord(id), lead, routing: { openHandoffs: {}, recentAssignments: recent } }, policy, now, { kind: 'workflow', id: 'seq' });
    if (d.outcome !== 'routed') throw new Error(`lead ${id} did not route sequentially: ${d.outcome}`);
    recent.push({ ownerId: d.record.ownerId!, at: now.toISOString() });
    split[d.record.ownerId!] = (split[d.record.ownerId!] ?? 0) + 1;
  }
  return split;
}

describePg('several Handoff servers on one PostgreSQL ledger', () => {
  let dir: string;
  let db: { url: string; drop: () => Promise<void> };
  let hub: { url: string; close: () => Promise<void> };
  let fake: FakeHubSpot;
  let ledger: SqlLedger;
  let policyFile: string;
  let policy: HandoffPolicy;
  const servers: ServerProcess[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'handoff-instances-'));
    db = await scratchDatabase(TEST_DATABASE_URL!);
    fake = createFakeHubSpot({ rateLimits: false });
    for (const owner of DEMO_OWNERS) fake.store.putOwner({ ...owner });
    hub = await serveFakeHubSpot(fake);
    const client = hubspotClient({ accessToken: 'pat-instances', baseUrl: hub.url });
    const raw = roundRobinPolicy();
    policy = parsed(raw);
    await applyHandoffSetup(client, await planHandoffSetup(client, policy), () => undefined);
    policyFile = writePolicyFile(dir, raw);
    // Two instances starting at once on an empty database: the schema is migrated once.
    const started = await Promise.allSettled([0, 1].map(() => startServerProcess({ policyFile, hubspotUrl: hub.url, databaseUrl: db.url })));
    // Whatever started is stopped in afterEach, even when its twin failed (else jest never exits).
    for (const s of started) if (s.status === 'fulfilled') servers.push(s.value);
    for (const s of started) if (s.status === 'rejected') throw s.reason;
    ledger = await openLedger({ databaseUrl: db.url, migrate: false });
    // The servers stamped the ledger with their token's portal: read it as that portal's.
    await ledger.useSolePortal();
    expect(ledger.portalId).toBe(String(DEMO_ACCOUNT.portalId));
  });

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
    await ledger.close();
    await hub.close();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function routedState(ids: string[]) {
    const assignments = await sql<{ contact_id: string; owner_id: string }>`select contact_id, owner_id from assignment order by id`.execute(ledger.kysely);
    const split: Record<string, number> = {};
    for (const a of assignments.rows) split[a.owner_id] = (split[a.owner_id] ?? 0) + 1;
    const perContact = new Map<string, number>();
    for (const a of assignments.rows) perContact.set(a.contact_id, (perContact.get(a.contact_id) ?? 0) + 1);
    const tasks = ids.map((id) => fake.store.associations('contacts', id, 'tasks').length);
    return { order: assignments.rows.map((a) => a.owner_id), split, perContact, tasks };
  }

  it('300 MQLs, 30 deliveries in flight across two processes: split exactly as routed one after another, each routed once with one task', async () => {
    expect((await ledger.schemaStatus()).applied).toEqual(Object.keys(MIGRATIONS));
    const ids = Array.from({ length: 300 }, (_, n) => seed(fake, n + 1));
    const answers: number[] = [];
    await inFlight(ids, 30, async (id, i) => {
      const r = await deliverRouteLead(servers[i % 2]!.url, id, `burst-${id}`);
      answers.push(r.status);
    });
    expect(answers.filter((s) => s !== 200)).toEqual([]);
    const state = await routedState(ids);
    expect(state.split).toEqual(sequentialSplit(policy, fake, ids, new Date()));
    expect(Math.max(...Object.values(state.split)) - Math.min(...Object.values(state.split))).toBeLessThanOrEqual(1);
    // Ordered by the routing lock: in commit order nobody gets two in a row.
    expect(state.order.every((o, i) => i === 0 || o !== state.order[i - 1])).toBe(true);
    expect([...state.perContact.values()].every((n) => n === 1)).toBe(true);
    expect(state.perContact.size).toBe(300);
    expect(state.tasks.every((n) => n === 1)).toBe(true);
    for (const id of ids) expect(fake.store.get('contacts', id)!.properties.get('handoff_stage')).toBe('routed');
  });

  it('kill -9 of one server in the middle of a burst: after HubSpot retries and a restart, every lead is routed once and HubSpot agrees with the ledger', async () => {
    const ids = Array.from({ length: 120 }, (_, n) => seed(fake, n + 1));
    const pending = new Set(ids);
    let sent = 0;
    let killed: Promise<void> | undefined;
    const send = async (id: string) => {
      // HubSpot retries a failed workflow action (here at once, until one server answers 200).
      for (let attempt = 0; attempt < 50 && pending.has(id); attempt++) {
        const alive = servers.filter((s) => s.child.exitCode === null && s.child.signalCode === null);
        const n = sent++;
        if (n === 40) killed = servers[0]!.stop('SIGKILL'); // mid-burst, with routings in flight on it
        const r = await deliverRouteLead(alive[n % alive.length]!.url, id, `kill-${id}`);
        if (r.status === 200) pending.delete(id);
      }
    };
    await inFlight(ids, 20, send);
    await killed;
    expect(servers[0]!.child.signalCode).toBe('SIGKILL');
    servers.push(await startServerProcess({ policyFile, hubspotUrl: hub.url, databaseUrl: db.url })); // the restart
    await inFlight([...pending], 5, send);
    expect(pending.size).toBe(0);
    // The live servers' outbox workers finish what the killed one had committed but not told HubSpot,
    // once its lease (30 s) runs out.
    for (let i = 0; i < 300 && (await ledger.outboxStatus()).pending > 0; i++) await new Promise((r) => setTimeout(r, 200));
    expect((await ledger.outboxStatus()).pending).toBe(0);

    const state = await routedState(ids);
    expect(state.perContact.size).toBe(120);
    expect([...state.perContact.values()].every((n) => n === 1)).toBe(true);
    for (const id of ids) {
      const record = (await ledger.handoff(id))!;
      const props = fake.store.get('contacts', id)!.properties;
      expect({ stage: props.get('handoff_stage'), owner: props.get('hubspot_owner_id'), version: props.get('handoff_version'), task: props.get('handoff_task_id') }).toEqual({
        stage: record.state,
        owner: record.ownerId,
        version: String(record.version),
        task: record.taskId,
      });
    }
    // Every lead has exactly one task: one the killed server created before it could record it is
    // found by its marker through the contact's associations, never created again.
    expect(state.tasks.filter((n) => n !== 1)).toEqual([]);
  });

  it('kill -9 inside the task step, then inside the note step (HubSpot created them, its answer not yet back): 0 duplicate tasks, 0 duplicate notes', async () => {
    // The tasks batch is created at once and its answer held 4 s: the server dies in between.
    fake.faults.inject({ route: 'POST /crm/objects/*/tasks/batch/create', kind: 'late-answer', delayMs: 4_000, times: 1 }, { route: 'POST /crm/objects/*/tasks', kind: 'late-answer', delayMs: 4_000, times: 1 });
    const ids = Array.from({ length: 12 }, (_, n) => seed(fake, 500 + n));
    const first = Promise.all(ids.map((id) => deliverRouteLead(servers[0]!.url, id, `inside-${id}`)));
    for (let i = 0; i < 200 && fake.faults.fired['late-answer'] === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(fake.faults.fired['late-answer']).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 300)); // the batch's tasks are in HubSpot now, their ids not in the ledger
    const created = ids.reduce((n, id) => n + fake.store.associations('contacts', id, 'tasks').length, 0);
    expect(created).toBeGreaterThan(0);
    await servers[0]!.stop('SIGKILL');
    await first;
    // HubSpot retries each action; the other server answers from the ledger or routes what never committed.
    for (const id of ids) expect((await deliverRouteLead(servers[1]!.url, id, `inside-${id}`)).status).toBe(200);
    // The killed server's outbox items are taken over once its lease (30 s) runs out.
    for (let i = 0; i < 400 && (await ledger.outboxStatus()).pending > 0; i++) await new Promise((r) => setTimeout(r, 200));
    expect((await ledger.outboxStatus()).pending).toBe(0);
    const state = await routedState(ids);
    expect(state.tasks).toEqual(ids.map(() => 1));
    for (const id of ids) expect(fake.store.get('contacts', id)!.properties.get('handoff_task_id')).toBe((await ledger.handoff(id))!.taskId);

    // And inside the note step: the other server dies while HubSpot holds the answer to a rejection's note.
    const restarted = await startServerProcess({ policyFile, hubspotUrl: hub.url, databaseUrl: db.url });
    servers.push(restarted);
    const rejected = ids.slice(0, 4);
    fake.faults.inject({ route: 'POST /crm/objects/*/notes', kind: 'late-answer', delayMs: 4_000, times: 1 });
    const firedBefore = fake.faults.fired['late-answer'];
    // The owner rejects on the card (a person's rejection is noted on the contact), at the version the card showed.
    const clicks = await Promise.all(rejected.map(async (id) => {
      const record = (await ledger.handoff(id))!;
      const email = policy.people.find((p) => p.ownerId === record.ownerId)!.email!;
      return { id, email, body: { contactId: id, action: 'reject', reasonCode: 'not-a-fit', note: 'A five-person agency', expectedVersion: record.version } };
    }));
    const rejects = Promise.all(clicks.map((c) => deliverCardOutcome(servers[1]!.url, c.email, c.body)));
    for (let i = 0; i < 200 && fake.faults.fired['late-answer'] === firedBefore; i++) await new Promise((r) => setTimeout(r, 25));
    expect(fake.faults.fired['late-answer']).toBe(firedBefore + 1);
    await new Promise((r) => setTimeout(r, 300));
    await servers[1]!.stop('SIGKILL');
    await rejects;
    // The rep clicks again (the card said it was not saved): the same click, replayed or recorded once.
    for (const c of clicks) expect(await deliverCardOutcome(restarted.url, c.email, c.body)).toBe(200);
    for (let i = 0; i < 400 && (await ledger.outboxStatus()).pending > 0; i++) await new Promise((r) => setTimeout(r, 200));
    expect((await ledger.outboxStatus()).pending).toBe(0);
    expect(rejected.map((id) => fake.store.associations('contacts', id, 'notes').length)).toEqual(rejected.map(() => 1));
  });

  it('kill -9 while webhook events are processed: stored before the answer, taken over after a restart, each event processed exactly once', async () => {
    // One instance, with a dead worker's jobs taken over after 2 s instead of 2 minutes.
    await Promise.all(servers.splice(0).map((srv) => srv.stop()));
    const env = { HANDOFF_JOB_EXPIRE_SECONDS: '2', HANDOFF_QUEUE_MAINTENANCE_SECONDS: '1', HANDOFF_JOB_RETRY_DELAY_SECONDS: '1' };
    const first = await startServerProcess({ policyFile, hubspotUrl: hub.url, databaseUrl: db.url, env });
    servers.push(first);
    const ids = Array.from({ length: 300 }, (_, n) => seed(fake, n + 1));
    // HubSpot's writes are slow, so the worker is in the middle of its batches when the server dies.
    fake.faults.inject({ route: 'POST /crm/objects/2026-03/contacts/batch/update', kind: 'slow', delayMs: 400 });
    const mql = (id: string, k: number) => ({ eventId: 9000 + k, objectId: Number(id), subscriptionType: 'contact.propertyChange', propertyName: 'lifecyclestage', propertyValue: 'marketingqualifiedlead' });
    for (let d = 0; d < 3; d++) expect(await deliverWebhook(first.url, ids.slice(d * 100, (d + 1) * 100).map((id, k) => mql(id, d * 100 + k)))).toBe(200);
    // Every event is stored once the answers are in, before any is processed to the end (10 to a job).
    const stored = await sql<{ n: number }>`select coalesce(sum(jsonb_array_length(data->'events')), 0)::int as n from handoff_jobs.job where name = 'handoff-webhook-event'`.execute(ledger.kysely);
    expect(stored.rows[0]!.n).toBe(300);
    const routed = async () => Number((await sql<{ n: number }>`select count(*)::int as n from assignment`.execute(ledger.kysely)).rows[0]!.n);
    for (let i = 0; i < 300 && (await routed()) === 0; i++) await new Promise((r) => setTimeout(r, 50));
    await first.stop('SIGKILL');
    const atKill = await routed();
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(300);

    fake.faults.clear();
    servers.push(await startServerProcess({ policyFile, hubspotUrl: hub.url, databaseUrl: db.url, env })); // the restart
    const open = async () => Number((await sql<{ n: number }>`select count(*)::int as n from handoff_jobs.job where name = 'handoff-webhook-event' and state in ('created', 'retry', 'active')`.execute(ledger.kysely)).rows[0]!.n);
    for (let i = 0; i < 600 && ((await open()) > 0 || (await ledger.outboxStatus()).pending > 0); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await open()).toBe(0);
    expect((await ledger.outboxStatus()).pending).toBe(0);

    const state = await routedState(ids);
    expect(state.perContact.size).toBe(300);
    expect([...state.perContact.values()].every((n) => n === 1)).toBe(true);
    const parked = await sql<{ n: number }>`select count(*)::int as n from handoff_jobs.job where state = 'failed'`.execute(ledger.kysely);
    expect(parked.rows[0]!.n).toBe(0);
    for (const id of ids) expect(fake.store.get('contacts', id)!.properties.get('handoff_stage')).toBe('routed');
    // A task may be created twice only for a batch HubSpot created while the server died, before the ledger recorded it.
    expect(state.tasks.filter((n) => n === 0)).toEqual([]);
  });
});
