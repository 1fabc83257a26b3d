import { Worker } from 'node:worker_threads';

/** What the ledger asks of PGlite: the Kysely dialect's statements, the work queue's scripts, closing. */
export interface EmbeddedPostgres {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[]; affectedRows?: number }>;
  /** A script of several statements; the last one's rows. */
  exec(sql: string): Promise<unknown[]>;
  close(): Promise<void>;
}

interface Pending {
  resolve: (answer: Answer) => void;
  reject: (err: Error) => void;
}

type Answer = { id: number; ok: true; rows: unknown[]; affectedRows?: number } | { id: number; ok: false; error: { message: string } & Record<string, unknown> };

/**
 * PGlite on a worker thread (`pgliteThread.mjs`): the embedded database's work runs beside this
 * thread's, as PostgreSQL's runs in a process of its own. Statements are answered in the order they
 * were sent (PGlite runs one at a time); an error comes back with its PostgreSQL fields (`code`,
 * `detail`, …) so the ledger reads it as it reads PostgreSQL's. The thread keeps the process alive
 * only while a statement is outstanding, as an idle in-process PGlite would not.
 */
export class PGliteOnThread implements EmbeddedPostgres {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private gone: Error | undefined;

  constructor(options: { dataDir?: string; loadDataDir?: Blob }) {
    this.worker = new Worker(new URL('./pgliteThread.mjs', import.meta.url), { workerData: { dataDir: options.dataDir, loadDataDir: options.loadDataDir } });
    this.worker.unref();
    this.worker.on('message', (answer: Answer) => this.settle(answer));
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => this.fail(new Error(`PGlite is closed: the ledger's thread ended (exit code ${code})`)));
  }

  async query(sql: string, params: unknown[] = []): Promise<{ rows: unknown[]; affectedRows?: number }> {
    const answer = await this.send({ op: 'query', sql, params });
    return { rows: answer.rows.map(withOwnDates), affectedRows: answer.affectedRows };
  }

  async exec(sql: string): Promise<unknown[]> {
    return (await this.send({ op: 'exec', sql })).rows.map(withOwnDates);
  }

  async close(): Promise<void> {
    if (this.gone) return;
    await this.send({ op: 'close' });
    this.gone = new Error('PGlite is closed');
    await this.worker.terminate();
  }

  private send(message: { op: 'query'; sql: string; params: unknown[] } | { op: 'exec'; sql: string } | { op: 'close' }): Promise<Answer & { ok: true }> {
    if (this.gone) return Promise.reject(this.gone);
    const id = this.nextId++;
    if (this.pending.size === 0) this.worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (a: Answer) => void, reject });
      this.worker.postMessage({ id, ...message });
    });
  }

  private settle(answer: Answer): void {
    const waiting = this.pending.get(answer.id);
    if (!waiting) return;
    this.pending.delete(answer.id);
    if (this.pending.size === 0) this.worker.unref();
    if (answer.ok) waiting.resolve(answer);
    else waiting.reject(Object.assign(new Error(answer.error.message), answer.error));
  }

  private fail(err: Error): void {
    this.gone ??= err;
    for (const waiting of this.pending.values()) waiting.reject(err);
    this.pending.clear();
  }
}

/**
 * A row whose timestamps are this realm's Dates. A Date cloned from the thread is the main realm's,
 * which a vm context (jest's) does not see as `instanceof Date`. Timestamps are columns (JSON holds
 * strings), so the row's own values are all there is to look at.
 */
function withOwnDates(row: unknown): unknown {
  if (typeof row !== 'object' || row === null) return row;
  const values = row as Record<string, unknown>;
  for (const key in values) {
    const value = values[key];
    if (typeof value === 'object' && value !== null && !(value instanceof Date) && Object.prototype.toString.call(value) === '[object Date]') values[key] = new Date((value as Date).getTime());
  }
  return row;
}
