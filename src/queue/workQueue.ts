import PgBoss from 'pg-boss';
import type { HandoffLedger } from '../ledger/ledger.js';
import { describeEvent, type EventNaming } from './eventSubject.js';

/**
 * Handoff's durable work queue: pg-boss, on the ledger's own database (PostgreSQL, or the embedded
 * PGlite through the same connection the ledger uses). pg-boss because it is maintained, keeps its
 * jobs in plain Postgres tables (so it needs nothing PGlite lacks: no LISTEN across processes, no
 * extension), retries with backoff and keeps what failed for good; pg-boss 10 is the newest line
 * that runs on Node 20 (11 and later need Node 22).
 */
export const QUEUES = {
  /** One HubSpot webhook event, stored when its delivery arrived and processed after the answer. */
  webhookEvent: 'handoff-webhook-event',
  /** One SLA check whose instant has come (escalation, stuck, recycling). */
  slaCheck: 'handoff-sla-check',
  /** One workflow enrolment answered BLOCK: finished here, then completed through HubSpot's callbacks API. */
  blockedAction: 'handoff-blocked-action',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** What people read for each queue. */
export const QUEUE_LABELS: Record<QueueName, string> = {
  [QUEUES.webhookEvent]: 'Webhook events',
  [QUEUES.slaCheck]: 'SLA checks',
  [QUEUES.blockedAction]: 'Blocked workflow actions',
};

export interface WorkQueueOptions {
  /** How long a job may run before another worker may take it (its worker died): seconds. */
  expireSeconds?: number;
  /** Tries after the first before a job is parked. */
  retryLimit?: number;
  /** The first retry's delay (seconds), doubling after each. */
  retryDelaySeconds?: number;
  /** How often pg-boss looks for jobs whose worker died (seconds). */
  maintenanceSeconds?: number;
}

export interface QueuedJob<T> {
  id: string;
  data: T;
  /** Tries made before this one. */
  retryCount: number;
}

/** What a worker made of one job: done (with what to record), or failed with why (retried, then parked). */
export type JobOutcome = { ok: true; output?: Record<string, unknown> } | { ok: false; why: string };

export interface ParkedJob {
  id: string;
  queue: QueueName;
  data: Record<string, unknown>;
  why: string;
  tries: number;
  failedAt: Date;
}

/** What each queue holds, by state, counted as people read its label: a webhook job's events (it holds up to 10), one for any other job. */
export interface QueueCounts {
  queue: QueueName;
  waiting: number;
  active: number;
  retrying: number;
  parked: number;
  done: number;
}

const SCHEMA = 'handoff_jobs';

/** The work queue over pg-boss. */
export class WorkQueue {
  private constructor(
    private readonly boss: PgBoss,
    private readonly ledger: HandoffLedger,
    /** pg-boss's name of each queue for this portal (see physicalNames). */
    private readonly names: Readonly<Record<QueueName, string>>,
    /** Tries after the first before a job is parked. */
    readonly retryLimit: number,
  ) {}

  /**
   * Each portal has queues of its own, so a server never takes another portal's jobs: the first
   * portal a ledger served keeps the plain names (and the jobs queued before portals were
   * recorded, which are its own); a portal added beside it gets its id as a suffix.
   */
  private static async physicalNames(ledger: HandoffLedger): Promise<Record<QueueName, string>> {
    const first = (await ledger.portals())[0]?.id;
    const suffix = ledger.portalId && first !== undefined && ledger.portalId !== first ? `.${ledger.portalId}` : '';
    return Object.fromEntries(Object.values(QUEUES).map((q) => [q, `${q}${suffix}`])) as Record<QueueName, string>;
  }

  /** The logical queue of one of this portal's pg-boss names (undefined for another portal's). */
  private logical(name: string): QueueName | undefined {
    return (Object.keys(this.names) as QueueName[]).find((q) => this.names[q] === name);
  }

  /** Starts pg-boss on the ledger's database, creating its schema and Handoff's queues on first use. */
  static async open(ledger: HandoffLedger, options: WorkQueueOptions = {}): Promise<WorkQueue> {
    const boss = new PgBoss({
      db: { executeSql: (text: string, values?: unknown[]) => ledger.executeSql(text, values ?? []) },
      schema: SCHEMA,
      // Our own workers poll (fetch, then complete or fail each job); pg-boss keeps the jobs, expires
      // the ones whose worker died, and archives what is done.
      supervise: true,
      schedule: false,
      maintenanceIntervalSeconds: options.maintenanceSeconds ?? 30,
      // What failed for good stays in the job table (listed by `handoff jobs`) for 30 days.
      archiveFailedAfterSeconds: 30 * 86_400,
      archiveCompletedAfterSeconds: 3_600,
    } as ConstructorParameters<typeof PgBoss>[0]);
    boss.on('error', () => undefined);
    const names = await WorkQueue.physicalNames(ledger);
    // Instances starting together on an empty database would race to create pg-boss's schema and
    // queues (duplicate keys, deadlocks): they take turns, and the later ones find it all there.
    const retryLimit = options.retryLimit ?? 8;
    await ledger.exclusively('work-queue', async () => {
      await boss.start();
      // pg-boss takes the next jobs in (priority, created_on, id) order, but its index on waiting
      // jobs is (name, start_after): with thousands waiting (a list import's events) every take
      // read and sorted them all (PGlite: 19 ms a take of 100 with 9,000 waiting, 10 ms with this
      // index, which hands them over in order). An index on pg-boss's parent table reaches every
      // queue's partition, present and future.
      await ledger.executeSql(`create index if not exists job_fetch_order on ${SCHEMA}.job (name, priority desc, created_on, id) where state < 'active'`);
      const queue = { retryLimit, retryDelay: options.retryDelaySeconds ?? 5, retryBackoff: true, expireInSeconds: options.expireSeconds ?? 120 };
      for (const name of Object.values(names)) {
        if (!(await boss.getQueue(name))) await boss.createQueue(name, { name, ...queue } as Parameters<PgBoss['createQueue']>[1]);
        else await boss.updateQueue(name, { name, ...queue } as Parameters<PgBoss['updateQueue']>[1]);
      }
    });
    return new WorkQueue(boss, ledger, names, retryLimit);
  }

  /** Stores jobs in one statement; resolves once they are durable. */
  async add<T extends object>(queue: QueueName, jobs: readonly { data: T; singletonKey?: string }[]): Promise<number> {
    if (!jobs.length) return 0;
    await this.boss.insert(jobs.map((j) => ({ name: this.names[queue], data: j.data, ...(j.singletonKey ? { singletonKey: j.singletonKey } : {}) })) as Parameters<PgBoss['insert']>[0]);
    return jobs.length;
  }

  /** Takes up to `limit` jobs that are due (each is the worker's until it is completed, failed, or it expires). */
  async take<T>(queue: QueueName, limit: number): Promise<QueuedJob<T>[]> {
    const jobs = (await this.boss.fetch(this.names[queue], { batchSize: limit, includeMetadata: true })) as unknown as { id: string; data: T; retryCount?: number; retry_count?: number }[];
    return jobs.map((j) => ({ id: j.id, data: j.data, retryCount: j.retryCount ?? j.retry_count ?? 0 }));
  }

  /** Records each job's outcome: done, or failed (retried with backoff until its tries run out, then parked). */
  async settle(queue: QueueName, outcomes: readonly { id: string; outcome: JobOutcome }[]): Promise<void> {
    // Jobs with the same outcome are settled in one statement (a batch of MQLs routed: one).
    const groups = new Map<string, { ok: boolean; data: object; ids: string[] }>();
    for (const { id, outcome } of outcomes) {
      const data = outcome.ok ? (outcome.output ?? {}) : { why: outcome.why };
      const key = `${outcome.ok}:${JSON.stringify(data)}`;
      const group = groups.get(key) ?? groups.set(key, { ok: outcome.ok, data, ids: [] }).get(key)!;
      group.ids.push(id);
    }
    type Settle = (name: string, ids: string[], data: object) => Promise<void>;
    for (const g of groups.values()) await (g.ok ? (this.boss.complete.bind(this.boss) as unknown as Settle) : (this.boss.fail.bind(this.boss) as unknown as Settle))(this.names[queue], g.ids, g.data);
  }

  /** Jobs that failed for good, newest first, with why: what `handoff jobs` and the home page show. */
  async parked(limit = 50): Promise<ParkedJob[]> {
    const { rows } = await this.ledger.executeSql(`select id, name, data, output, retry_count, completed_on from ${SCHEMA}.job where state = 'failed' and name = any($2::text[]) order by completed_on desc limit $1`, [limit, Object.values(this.names)]);
    return (rows as { id: string; name: string; data: Record<string, unknown>; output: { why?: string; message?: string } | null; retry_count: number; completed_on: Date | string }[]).map((r) => ({
      id: String(r.id),
      queue: this.logical(r.name) ?? (r.name as QueueName),
      data: r.data ?? {},
      why: r.output?.why ?? r.output?.message ?? 'no reason recorded',
      tries: Number(r.retry_count) + 1,
      failedAt: new Date(r.completed_on),
    }));
  }

  /** Parked jobs as the health view lists them: the queue's label, what the job was for, why it stopped. */
  async parkedView(limit = 20): Promise<{ queue: string; what: string; why: string; tries: number; failedAt: string }[]> {
    return (await this.parked(limit)).map((j) => ({ queue: QUEUE_LABELS[j.queue] ?? j.queue, what: describeJob(j.data), why: j.why, tries: j.tries, failedAt: j.failedAt.toISOString() }));
  }

  /** What each queue holds, by state (see QueueCounts). */
  async counts(): Promise<QueueCounts[]> {
    const items = `case when jsonb_typeof(data->'events') = 'array' then jsonb_array_length(data->'events') else 1 end`;
    const { rows } = await this.ledger.executeSql(`select name, state, sum(${items})::int as n from ${SCHEMA}.job where name = any($1::text[]) group by name, state`, [Object.values(this.names)]);
    return Object.values(QUEUES).map((queue) => {
      const n = (state: string) => Number((rows as { name: string; state: string; n: number }[]).find((r) => r.name === this.names[queue] && r.state === state)?.n ?? 0);
      return { queue, waiting: n('created'), active: n('active'), retrying: n('retry'), parked: n('failed'), done: n('completed') };
    });
  }

  /** Puts a parked job back in line (after the cause was fixed). */
  async retry(queue: QueueName, id: string): Promise<void> {
    await this.boss.retry(this.names[queue], id);
  }

  async close(): Promise<void> {
    await this.boss.stop({ graceful: false, wait: true, close: false } as Parameters<PgBoss['stop']>[0]);
  }
}

/** What a job was for, in words: the record and the change (a webhook event) or the check's instant. */
export function describeJob(data: Record<string, unknown>): string {
  const events = Array.isArray(data.events) ? (data.events as EventNaming[]) : data.event ? [data.event as EventNaming] : [];
  if (events.length === 1) return describeEvent(events[0]!);
  if (events.length > 1) return `${events.length} events, from ${describeEvent(events[0]!)} to ${describeEvent(events.at(-1)!)}`;
  const blocked = data.request as { object?: { objectId?: string } } | undefined;
  if (typeof data.actionId === 'string' && blocked?.object?.objectId) return `contact ${blocked.object.objectId}: workflow action "${data.actionId}" answered BLOCK, to be completed by callback`;
  if (typeof data.contactId === 'string') return `contact ${data.contactId}: SLA check due ${typeof data.dueAt === 'string' ? data.dueAt : 'now'}`;
  return 'no details recorded';
}

/**
 * Runs a queue's jobs in this process: takes what is due (up to `batch` at once), hands the batch to
 * `work`, and records each job's outcome. Polls every `pollMs`; `nudge` runs it at once (a job was
 * just added here). A worker that dies mid-batch leaves its jobs active until they expire, then
 * another takes them: handlers are idempotent by the job's delivery key, so nothing happens twice.
 */
export function startQueueWorker<T>(
  queue: Pick<WorkQueue, 'take' | 'settle'>,
  name: QueueName,
  work: (jobs: QueuedJob<T>[]) => Promise<JobOutcome[]>,
  options: {
    pollMs?: number;
    batch?: number;
    /** Batches in flight at once (each takes its own jobs): one's HubSpot calls overlap another's ledger work. Default 1. */
    concurrency?: number;
    onError?: (e: unknown) => void;
    /** While true nothing is taken (HubSpot's daily limit): jobs wait without spending their tries. */
    paused?: () => boolean;
    /** After a take of `batch`, how many more jobs to take at once (jobs of several items: small ones are topped up to a full batch). */
    topUp?: (taken: QueuedJob<T>[], asked: number) => number;
  } = {},
): { nudge(): void; stop(): Promise<void>; idle(): Promise<void> } {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  const batch = options.batch ?? 100;
  // One take at a time: batches overlap in their work, never in their taking. Two takes at once
  // would share out what is due between them (each locks rows as it reaches them and skips the
  // other's), splitting one delivery's events into two half batches at twice the HubSpot calls.
  let taking: Promise<unknown> = Promise.resolve();
  const takeAll = async () => {
    const taken = await queue.take<T>(name, batch);
    const more = options.topUp?.(taken, batch) ?? 0;
    return more > 0 ? [...taken, ...(await queue.take<T>(name, more))] : taken;
  };
  const take = () => {
    const next = taking.then(takeAll);
    taking = next.catch(() => undefined);
    return next;
  };
  // A batch's outcomes are recorded while the loop takes its next batch: the record is off the
  // batch's path (its jobs are the worker's until then, so none is handed out twice), and a worker
  // that dies before it leaves them to expire and run again, keyed, as any unfinished job. Each
  // loop records one batch at a time, in order; `idle` and `stop` wait for every record.
  const settling = new Set<Promise<void>>();
  const loop = async () => {
    let recorded: Promise<void> = Promise.resolve();
    let ahead: Promise<QueuedJob<T>[]> | undefined;
    for (;;) {
      again = false;
      if (!ahead && options.paused?.()) return;
      const jobs = await (ahead ?? take());
      ahead = undefined;
      // A full take leaves more waiting: the loop's next batch is taken while this one works (its
      // take waits its turn on the database, off the batch's path). Jobs taken are worked, even by
      // a worker stopping or paused since, as the batch in hand is.
      if (jobs.length >= batch && !stopped && !options.paused?.()) {
        ahead = take();
        ahead.catch(() => undefined);
      }
      if (jobs.length) {
        const outcomes = await work(jobs).catch((e: unknown) => jobs.map(() => ({ ok: false as const, why: e instanceof Error ? e.message : String(e) })));
        const results = jobs.map((j, i) => ({ id: j.id, outcome: outcomes[i] ?? { ok: false as const, why: 'the worker gave no outcome' } }));
        const record = recorded.then(() => queue.settle(name, results)).catch((e: unknown) => options.onError?.(e));
        settling.add(record);
        void record.finally(() => settling.delete(record));
        recorded = record;
      }
      if (ahead) continue;
      if (stopped || (!again && jobs.length < batch)) return;
    }
  };
  const tick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = Promise.all(Array.from({ length: options.concurrency ?? 1 }, () => loop().catch((e: unknown) => options.onError?.(e)))).then(
      () => undefined,
      () => undefined,
    );
    void running.finally(() => (running = undefined));
  };
  const timer = setInterval(tick, options.pollMs ?? 500);
  (timer as { unref?: () => void }).unref?.();
  return {
    nudge: tick,
    async idle() {
      while (running || settling.size) await Promise.all([running, ...settling]);
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      await Promise.all([...settling]);
    },
  };
}
