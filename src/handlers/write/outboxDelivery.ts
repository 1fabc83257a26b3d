import type { CrmGateway } from '../../hubspot/crmGateway.js';
import { toHubSpotError } from '../../hubspot/hubspotError.js';
import { repeating } from '../../lib/repeating.js';
import { mirrorLead, mirrorLeads } from './leadMirror.js';
import { pendingKeyOf, type Effect, type HandoffLedger, type OutboxItem } from '../../ledger/ledger.js';

/**
 * How long a worker holds an item while telling HubSpot, renewed after each step; if its instance
 * dies, another takes the item over after this. Longer than any one HubSpot call may take (the
 * gateway's per-invocation budget is at most 20 s), so a live worker never loses its item.
 */
export const OUTBOX_LEASE_MS = 30_000;
const MAX_BACKOFF_MS = 10 * 60_000;

export interface OutboxRun {
  delivered: number;
  failed: { contactId: string; error: string; parked: boolean }[];
  /** What each item this run took produced (a task's id, a Lead's), by item id: its outputs as recorded. */
  outputs: Map<string, Readonly<Record<string, string>>>;
}

/**
 * Tells HubSpot what the ledger committed: each contact's pending items in order, each step's
 * output (a task's id) recorded as it lands (while the next call goes), so a retry resumes after
 * the last step recorded.
 * The items leased together advance a step at a time, their follow-up tasks created in one batch
 * call, their property writes sent in one batch update (100 a call) and their Leads mirrored in
 * batch reads, creates and updates, so a burst of handoffs
 * costs HubSpot a few calls rather than a few per handoff. A retryable failure backs off
 * exponentially; one HubSpot refuses for good is parked with why.
 */
export async function deliverOutbox(ledger: HandoffLedger, crm: CrmGateway, options: { contactId?: string; contactIds?: readonly string[]; limit?: number; dueBy?: Date } = {}): Promise<OutboxRun> {
  const run: OutboxRun = { delivered: 0, failed: [], outputs: new Map() };
  const blocked = new Set<string>();
  for (let round = 0; round < 1000; round++) {
    const items = (
      await ledger.leaseOutbox({
        ...(options.contactId ? { contactId: options.contactId } : {}),
        ...(options.contactIds ? { contactIds: options.contactIds } : {}),
        ...(options.dueBy ? { dueBy: options.dueBy } : {}),
        // A contact that failed in this run waits for its backoff: it is not leased again (and left leased) here.
        ...(blocked.size ? { except: [...blocked] } : {}),
        limit: options.limit ?? 100,
        leaseMs: OUTBOX_LEASE_MS,
      })
    ).filter((i) => !blocked.has(i.contactId));
    if (!items.length) break;
    tally(run, blocked, await deliverTogether(ledger, crm, items));
    if (options.contactId && blocked.size) break;
  }
  return run;
}

/**
 * Tells HubSpot about items already leased to this caller (a routing batch's, leased as they were
 * committed): one pass, as `deliverOutbox` runs a lease, without a lease statement of its own.
 */
export async function deliverLeased(ledger: HandoffLedger, crm: CrmGateway, items: readonly OutboxItem[], options: { whenOnlyMirrorsLeft?: (soFar: RunSoFar) => void } = {}): Promise<OutboxRun> {
  const run: OutboxRun = { delivered: 0, failed: [], outputs: new Map() };
  if (items.length) tally(run, new Set(), await deliverTogether(ledger, crm, [...items], options.whenOnlyMirrorsLeft));
  else options.whenOnlyMirrorsLeft?.({ outputs: new Map(), failed: new Set() });
  return run;
}

/** What a run has done so far: each contact's outputs (its task's id) and the contacts whose items failed. */
export interface RunSoFar {
  outputs: ReadonlyMap<string, Readonly<Record<string, string>>>;
  failed: ReadonlySet<string>;
}

function tally(run: OutboxRun, blocked: Set<string>, done: readonly Progress[]): void {
  for (const { item, error, outputs } of done) {
    run.outputs.set(item.id, { ...outputs });
    if (!error) {
      run.delivered++;
      continue;
    }
    blocked.add(item.contactId);
    run.failed.push({ contactId: item.contactId, ...error });
  }
}

type Progress = { item: OutboxItem; step: number; outputs: Record<string, string>; error?: { error: string; parked: boolean } };

/**
 * The mark Handoff writes at the end of each task and note it creates: the outbox item and step
 * that made it. A step tried again after a crash (or a failed batch) looks for it first.
 */
export const markerOf = (item: Pick<OutboxItem, 'id'>, step: number): string => `[Handoff ref ${item.id}.${step}]`;
const CREATES = new Set<Effect['kind']>(['createTask', 'createNote']);

/**
 * Steps that create (a task, a note) tried before by a lease that did not record them: what HubSpot
 * has with their marker is recorded as theirs, and they are not created again.
 */
async function recoverCreated(ledger: HandoffLedger, crm: CrmGateway, live: Progress[], settleAll: Settle): Promise<void> {
  const resumed = live.filter((p) => p.item.stepTries > 1 && CREATES.has(p.item.effects[p.step]!.kind));
  for (const kind of ['tasks', 'notes'] as const) {
    const group = resumed.filter((p) => (p.item.effects[p.step]!.kind === 'createTask') === (kind === 'tasks'));
    if (!group.length) continue;
    const contactOf = (p: Progress) => {
      const e = p.item.effects[p.step] as Extract<Effect, { kind: 'createTask' | 'createNote' }>;
      return e.kind === 'createTask' ? e.task.contactId : e.contactId;
    };
    let found: Map<string, string>;
    try {
      found = await crm.findMarked(kind, group.map(contactOf), group.map((p) => markerOf(p.item, p.step)));
    } catch (e) {
      await Promise.all(group.map((p) => failed(ledger, p, e)()));
      continue;
    }
    const made = group.filter((p) => found.has(markerOf(p.item, p.step)));
    await settleAll(made, (p) => ({ ok: true, value: { name: (p.item.effects[p.step] as Extract<Effect, { kind: 'createTask' | 'createNote' }>).output, id: found.get(markerOf(p.item, p.step))! } }));
    // Those not found were not created: tried now as any first try (their marker is the same).
  }
}

/** Runs leased items side by side, step by step: a step every item shares (a task, a property write) goes to HubSpot as one batch. */
async function deliverTogether(ledger: HandoffLedger, crm: CrmGateway, items: OutboxItem[], whenOnlyMirrorsLeft?: (soFar: RunSoFar) => void): Promise<Progress[]> {
  const all: Progress[] = items.map((item) => ({ item, step: item.step, outputs: { ...item.outputs } }));
  // Once every item left has only its Lead to mirror, the caller hears what the run did so far (once).
  let heard = !whenOnlyMirrorsLeft;
  const checkpoint = () => {
    if (heard || !stillLive().every((p) => p.item.effects[p.step]!.kind === 'mirrorLead')) return;
    heard = true;
    whenOnlyMirrorsLeft!({ outputs: new Map(all.map((p) => [p.item.contactId, { ...p.outputs }])), failed: new Set(all.filter((p) => p.error).map((p) => p.item.contactId)) });
  };
  // The tasks this run created, by the pending id they replace: a later write in the run needs no lookup.
  const made = new Map<string, string>();
  // Every step record so far, in order. A batch call's steps are advanced at once (the next call
  // reads them) and recorded while the next call goes: settleAll answers once the records before
  // its own have landed, so at most one call runs ahead of the ledger. The one exception: a task
  // step followed by a property write is recorded with that write's steps, in one statement (a
  // list import's batch: one step record, not two). The write is idempotent, and a task created
  // but not recorded (the server died between) is found by its marker when the item is tried
  // again (recoverCreated), so nothing is made twice.
  let recorded: Promise<void> = Promise.resolve();
  let deferred: LandedStep[] = [];
  const chain = (record: () => Promise<void>) => {
    const before = recorded;
    recorded = before.then(record);
    // Awaited below; a failure meanwhile is not unhandled.
    recorded.catch(() => undefined);
    return before;
  };
  const settleAll: Settle = (group, resultOf) => {
    const { landed, failures } = settleSteps(ledger, group, resultOf, made);
    const steps = withLater(deferred, landed);
    const tasksBeforeWrites = landed.length > 1 && landed.every((l) => l.item.effects[l.step - 1]!.kind === 'createTask' && l.item.effects[l.step]?.kind === 'updateContact');
    deferred = tasksBeforeWrites ? steps : [];
    return chain(async () => {
      // The steps first: a failure recorded after them stands (a step record renews the item's lease).
      if (!tasksBeforeWrites && steps.length) await ledger.outboxSteps(steps, OUTBOX_LEASE_MS);
      await Promise.all(failures.map((record) => record()));
    });
  };
  const flush = () => {
    const steps = deferred;
    deferred = [];
    if (steps.length) void chain(() => ledger.outboxSteps(steps, OUTBOX_LEASE_MS));
  };
  const stillLive = () => all.filter((p) => !p.error && p.step < p.item.effects.length);
  try {
    await runSteps(ledger, crm, stillLive, settleAll, made, checkpoint);
    checkpoint();
  } finally {
    // What was deferred is recorded, and a call that threw leaves no record still landing behind the caller's back.
    flush();
    await recorded.catch(() => undefined);
  }
  // A record that failed fails the run.
  await recorded;
  // An item that took a step in this run was marked done by its last step's record; one that
  // took none (leased with nothing left to run) is marked done here.
  await ledger.outboxDone(all.filter((p) => !p.error && p.step === p.item.step).map((p) => p.item.id));
  return all;
}

type Settle = (group: Progress[], resultOf: (p: Progress, i: number) => StepResult) => Promise<void>;

/** The items' steps, a round at a time: in each, the steps every item shares go as one batch call. */
async function runSteps(ledger: HandoffLedger, crm: CrmGateway, stillLive: () => Progress[], settleAll: Settle, made: Map<string, string>, checkpoint: () => void): Promise<void> {
  await recoverCreated(ledger, crm, stillLive(), settleAll);
  for (;;) {
    const live = stillLive();
    if (!live.length) break;
    checkpoint();
    // A lone task or write goes as itself; two or more of a kind go as one batch.
    const ofKind = (kind: Effect['kind']) => live.filter((p) => p.item.effects[p.step]!.kind === kind);
    const tasks = ofKind('createTask').length > 1 ? ofKind('createTask') : [];
    const writes = ofKind('updateContact').length > 1 ? ofKind('updateContact') : [];
    const leads = ofKind('mirrorLead').length > 1 ? ofKind('mirrorLead') : [];
    const singles = live.filter((p) => !tasks.includes(p) && !writes.includes(p) && !leads.includes(p));
    if (tasks.length) {
      const created = await crm.createTasks(tasks.map((p) => taskOf(p.item.effects[p.step] as Extract<Effect, { kind: 'createTask' }>, markerOf(p.item, p.step))));
      await settleAll(tasks, (p, i) => (created[i]!.ok ? { ok: true, value: { name: (p.item.effects[p.step] as Extract<Effect, { kind: 'createTask' }>).output, id: (created[i] as { value: string }).value } } : created[i]!));
    }
    if (writes.length) {
      const properties = await resolvedPropertiesOf(ledger, writes.map((p) => p.item.effects[p.step] as Extract<Effect, { kind: 'updateContact' }>), made);
      const written = await crm.updateContacts(writes.map((p, i) => ({ contactId: (p.item.effects[p.step] as Extract<Effect, { kind: 'updateContact' }>).contactId, properties: properties[i]! })));
      await settleAll(writes, (_p, i) => (written[i]!.ok ? { ok: true, value: undefined } : written[i]!));
    }
    if (leads.length) {
      checkpoint();
      const mirrored = await mirrorLeads(crm, leads.map((p) => p.item.effects[p.step] as Extract<Effect, { kind: 'mirrorLead' }>));
      await settleAll(leads, (_p, i) => mirrored[i]!);
    }
    await Promise.all(
      singles.map(async (p) => {
        const done = await runEffect(ledger, crm, p.item.effects[p.step]!, markerOf(p.item, p.step), made).then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));
        await settleAll([p], () => done);
      }),
    );
  }
}

type StepResult = { ok: true; value: { name: string; id: string } | undefined } | { ok: false; error: unknown };
type LandedStep = Parameters<HandoffLedger['outboxSteps']>[0][number];

/**
 * The results of one batch call: each item advanced (or failed) now, and what records it: the
 * steps that landed (recorded in one ledger statement; an item's last step marks it done there),
 * each failure on its own. Recording the steps is the ledger's; if that fails the error is the
 * ledger's (the lease runs out and the steps are retried), never filed as HubSpot's.
 */
function settleSteps(ledger: HandoffLedger, group: Progress[], resultOf: (p: Progress, i: number) => StepResult, made: Map<string, string>): { landed: LandedStep[]; failures: (() => Promise<void>)[] } {
  const landed: LandedStep[] = [];
  const failures: (() => Promise<void>)[] = [];
  group.forEach((p, i) => {
    const done = resultOf(p, i);
    if (!done.ok) return void failures.push(failed(ledger, p, done.error));
    const effect = p.item.effects[p.step]!;
    // The follow-up task's real id, for a later write in this run that names its pending one.
    if (effect.kind === 'createTask' && effect.placeholder && done.value) made.set(effect.placeholder, done.value.id);
    landed.push(advance(p, done.value));
  });
  return { landed, failures };
}

/** Steps not yet recorded, with later ones of the same items: each item's latest step and outputs (which hold every earlier step's). */
function withLater(earlier: readonly LandedStep[], later: readonly LandedStep[]): LandedStep[] {
  const byItem = new Map(earlier.map((s) => [s.item.id, s]));
  for (const s of later) byItem.set(s.item.id, s);
  return [...byItem.values()];
}

/** A step that landed: its output kept, the item one step on. */
function advance(p: Progress, output: { name: string; id: string } | undefined): LandedStep {
  if (output) p.outputs[output.name] = output.id;
  p.step++;
  return { item: p.item, step: p.step, outputs: { ...p.outputs }, done: p.step >= p.item.effects.length };
}

/** A step HubSpot failed: the item stops here, and what records it (retried after a backoff, or parked with why when waiting cannot help). */
function failed(ledger: HandoffLedger, p: Progress, error: unknown): () => Promise<void> {
  const err = toHubSpotError(error, `telling HubSpot about contact ${p.item.contactId}'s handoff (version ${p.item.version})`);
  // A contact that is gone (deleted or merged away) or a write HubSpot refuses as invalid will not
  // succeed by waiting: parked with why, for reconciliation and the health view.
  // HubSpot's Retry-After (its daily limit: until the portal's day resets) is honoured past the backoff's cap.
  const retryInMs = err.retryable ? Math.max(Math.min(MAX_BACKOFF_MS, 1000 * 2 ** p.item.attempts), err.retryAfterMs ?? 0) : undefined;
  p.error = { error: err.message, parked: retryInMs === undefined };
  return () => ledger.outboxFailed(p.item.id, err.message, retryInMs);
}

const taskOf = (effect: Extract<Effect, { kind: 'createTask' }>, marker: string) => ({ ...effect.task, body: `${effect.task.body}\n\n${marker}`, dueAt: new Date(effect.task.dueAt) });

/**
 * Property writes with any pending task id in them replaced by the real one: a task this run
 * created from memory (`made`), any other (an earlier run's) looked up, all of them in one read.
 */
async function resolvedPropertiesOf(ledger: HandoffLedger, effects: readonly Extract<Effect, { kind: 'updateContact' }>[], made: ReadonlyMap<string, string>): Promise<Record<string, string>[]> {
  const keys = effects.flatMap((e) => Object.values(e.properties).flatMap((v) => (made.has(v) ? [] : (pendingKeyOf(v) ?? []))));
  const found = keys.length ? await ledger.deliveries(keys) : new Map();
  return effects.map((e) =>
    Object.fromEntries(
      Object.entries(e.properties).map(([name, value]) => {
        const key = pendingKeyOf(value);
        const taskId = made.get(value) ?? (key ? found.get(key)?.result.taskId : undefined);
        return [name, key ? (typeof taskId === 'string' ? taskId : '') : value];
      }),
    ),
  );
}

/** The real id for a pending task id, from the delivery that created it (items run in order, so it has); '' if it never was. */
async function resolveTaskId(ledger: HandoffLedger, id: string): Promise<string> {
  const key = pendingKeyOf(id);
  if (!key) return id;
  const taskId = (await ledger.delivery(key))?.result.taskId;
  return typeof taskId === 'string' ? taskId : '';
}

async function runEffect(ledger: HandoffLedger, crm: CrmGateway, effect: Effect, marker: string, made: ReadonlyMap<string, string>): Promise<{ name: string; id: string } | undefined> {
  switch (effect.kind) {
    case 'createTask':
      return { name: effect.output, id: await crm.createTask(taskOf(effect, marker)) };
    case 'createNote':
      return { name: effect.output, id: await crm.createNote(effect.contactId, `${effect.body}\n\n${marker}`, new Date(effect.at)) };
    case 'updateContact':
      await crm.updateContact(effect.contactId, (await resolvedPropertiesOf(ledger, [effect], made))[0]!);
      return undefined;
    case 'completeTask': {
      const taskId = await resolveTaskId(ledger, effect.taskId);
      if (taskId) await crm.completeTask(taskId, effect.body);
      return undefined;
    }
    case 'updateDeal':
      await crm.updateDeal(effect.dealId, effect.properties);
      return undefined;
    case 'mirrorLead':
      return mirrorLead(crm, effect);
  }
}

/** Runs the outbox every `intervalMs` until stopped: what a failed write left is retried until HubSpot has it. */
export function startOutboxWorker(ledger: HandoffLedger, crm: () => CrmGateway, intervalMs = 2_000, onRun: (run: OutboxRun) => void = () => undefined): { stop(): Promise<void> } {
  return repeating(() => deliverOutbox(ledger, crm()).then(onRun), intervalMs);
}
