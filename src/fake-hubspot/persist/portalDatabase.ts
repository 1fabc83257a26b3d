import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import type { CrmStore, StoreChange, StoreSnapshot } from '../crm/crmStore.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS records (type TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (type, id));
CREATE TABLE IF NOT EXISTS definitions (type TEXT NOT NULL, name TEXT NOT NULL, body TEXT, PRIMARY KEY (type, name));
CREATE TABLE IF NOT EXISTS groups (type TEXT NOT NULL, name TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (type, name));
CREATE TABLE IF NOT EXISTS owners (id TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS edges (node TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

let sql: Promise<SqlJsStatic> | undefined;

/**
 * The local portal's fake HubSpot, kept in a SQLite file (sql.js: SQLite compiled to WebAssembly,
 * so nothing is built natively at install). Every change to the store marks its row; `flush`
 * writes the marked rows in one transaction and replaces the file atomically (a temporary file,
 * fsync, rename), so a crash or Ctrl-C leaves the previous file or the new one, never half of one.
 * Changes are flushed a short while after they happen, and on close.
 */
export class PortalDatabase {
  private readonly dirty = new Map<string, StoreChange>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private held = false;

  private constructor(
    private readonly db: Database,
    private readonly file: string,
    private readonly store: CrmStore,
    private readonly flushAfterMs: number,
  ) {}

  /** Opens (or creates) the file; an existing portal is loaded into `store`. `fresh` says whether it was empty. */
  static async open(file: string, store: CrmStore, { flushAfterMs = 200 } = {}): Promise<{ database: PortalDatabase; fresh: boolean }> {
    const SQL = await (sql ??= initSqlJs());
    const exists = existsSync(file);
    let db: Database;
    try {
      db = exists ? new SQL.Database(readFileSync(file)) : new SQL.Database();
      db.exec(SCHEMA);
    } catch (e) {
      throw new Error(`the local portal's database ${file} cannot be read (${(e as Error).message}); start with --reset to make a new one`, { cause: e });
    }
    const database = new PortalDatabase(db, file, store, flushAfterMs);
    const fresh = !exists || database.meta('nextId') === undefined;
    if (!fresh) store.restore(database.load());
    store.onChange((change) => database.mark(change));
    return { database, fresh };
  }

  meta(key: string): string | undefined {
    const rows = this.db.exec('SELECT value FROM meta WHERE key = ?', [key]);
    return rows[0]?.values[0]?.[0] as string | undefined;
  }

  setMeta(key: string, value: string): void {
    this.putMeta(key, value);
    this.schedule();
  }

  /** Writes every marked change and replaces the file. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.db.exec('BEGIN');
    try {
      for (const change of this.dirty.values()) this.write(change);
      this.putMeta('nextId', String(this.store.nextRecordId));
      this.db.exec('COMMIT');
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    }
    this.dirty.clear();
    writeAtomically(this.file, this.db.export());
  }

  /**
   * Keeps changes in memory until `saveAll` (seeding): each flush rewrites the whole file, so
   * flushing every 200 ms while thousands of leads are seeded made the seeding quadratic. A seeding
   * that dies half-way leaves no portal, and the next start seeds again.
   */
  hold(): void {
    this.held = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Writes everything in the store (after seeding) and replaces the file. */
  saveAll(): void {
    this.held = false;
    const s = this.store.snapshot();
    const all: StoreChange[] = [
      ...s.records.map((r) => ({ kind: 'record' as const, type: r.objectType, id: r.id })),
      ...s.definitions.map((d) => ({ kind: 'definition' as const, type: d.type, name: d.definition.name })),
      ...s.groups.map((g) => ({ kind: 'group' as const, type: g.type, name: g.group.name })),
      ...s.owners.map((o) => ({ kind: 'owner' as const, id: o.id })),
      ...s.edges.map((e) => ({ kind: 'edges' as const, node: e.node })),
    ];
    for (const change of all) this.dirty.set(keyOf(change), change);
    this.flush();
  }

  close(): void {
    if (this.closed) return;
    // A seeding that never finished (held, never saved) leaves no portal behind.
    if (!this.held) this.flush();
    this.closed = true;
    this.db.close();
  }

  private mark(change: StoreChange): void {
    if (this.closed) return;
    this.dirty.set(keyOf(change), change);
    this.schedule();
  }

  private putMeta(key: string, value: string): void {
    this.db.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }

  private schedule(): void {
    if (this.timer || this.closed || this.held) return;
    this.timer = setTimeout(() => this.flush(), this.flushAfterMs);
    this.timer.unref?.();
  }

  private write(change: StoreChange): void {
    const upsert = (table: string, keys: string[], values: (string | null)[]) =>
      this.db.run(`INSERT INTO ${table} (${[...keys, 'body'].join(', ')}) VALUES (${[...keys, 'body'].map(() => '?').join(', ')}) ON CONFLICT (${keys.join(', ')}) DO UPDATE SET body = excluded.body`, values);
    switch (change.kind) {
      case 'record': {
        const record = this.store.serializeRecordById(change.type, change.id);
        if (record) upsert('records', ['type', 'id'], [change.type, change.id, JSON.stringify(record)]);
        return;
      }
      case 'definition': {
        const def = this.store.propertyDefinition(change.type, change.name);
        if (def) upsert('definitions', ['type', 'name'], [change.type, change.name, JSON.stringify(def)]);
        else this.db.run('DELETE FROM definitions WHERE type = ? AND name = ?', [change.type, change.name]);
        return;
      }
      case 'group': {
        const group = this.store.propertyGroup(change.type, change.name);
        if (group) upsert('groups', ['type', 'name'], [change.type, change.name, JSON.stringify(group)]);
        return;
      }
      case 'owner': {
        const owner = this.store.owners.get(change.id);
        if (owner) upsert('owners', ['id'], [change.id, JSON.stringify(owner)]);
        return;
      }
      case 'edges':
        upsert('edges', ['node'], [change.node, JSON.stringify(this.store.serializeEdges(change.node))]);
    }
  }

  private load(): StoreSnapshot {
    const rows = (query: string) => (this.db.exec(query)[0]?.values ?? []) as string[][];
    // Standard definitions come with a new store; the database adds and overrides (setup's properties).
    return {
      nextId: Number(this.meta('nextId')),
      records: rows('SELECT body FROM records').map(([b]) => JSON.parse(b!)),
      definitions: rows('SELECT type, body FROM definitions').map(([type, b]) => ({ type: type as never, definition: JSON.parse(b!) })),
      groups: rows('SELECT type, body FROM groups').map(([type, b]) => ({ type: type as never, group: JSON.parse(b!) })),
      owners: rows('SELECT body FROM owners').map(([b]) => JSON.parse(b!)),
      edges: rows('SELECT body FROM edges').map(([b]) => JSON.parse(b!)),
    };
  }
}

/** One row per changed thing: later changes to it replace earlier ones before a flush. */
function keyOf(change: StoreChange): string {
  switch (change.kind) {
    case 'record':
      return `record:${change.type}:${change.id}`;
    case 'owner':
      return `owner:${change.id}`;
    case 'edges':
      return `edges:${change.node}`;
    default:
      return `${change.kind}:${change.type}:${change.name}`;
  }
}

/** Replaces `file` with `bytes` so that a reader (or a crash) sees the old file or the new one, whole. */
function writeAtomically(file: string, bytes: Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}
