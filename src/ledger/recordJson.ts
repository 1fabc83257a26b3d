import type { HandoffRecord } from '../domain/index.js';
import { reviveInstants } from '../lib/isoDates.js';

// A HandoffRecord as the ledger stores it (jsonb): instants as ISO strings, under keys ending in "At".

export function recordToJson(record: HandoffRecord): string {
  return JSON.stringify(record);
}

export function recordFromJson(value: unknown): HandoffRecord {
  const raw = typeof value === 'string' ? JSON.parse(value) : value;
  const record = reviveInstants(raw) as HandoffRecord;
  return { ...record, attempts: record.attempts ?? [] };
}

/** The handoff table's row for a record of a portal (its columns beside the record). */
export function handoffRow(portal: string, record: HandoffRecord, at: Date) {
  return { portal_id: portal, contact_id: record.contactId, version: record.version, state: record.state, owner_id: record.ownerId ?? null, record: recordToJson(record), updated_at: at };
}
