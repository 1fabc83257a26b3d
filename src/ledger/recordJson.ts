import type { HandoffRecord } from '../domain/index.js';

// A HandoffRecord as the ledger stores it (jsonb): instants as ISO strings. Every instant's key ends in "At".

export function recordToJson(record: HandoffRecord): string {
  return JSON.stringify(record);
}

export function recordFromJson(value: unknown): HandoffRecord {
  const raw = (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) out[k] = k.endsWith('At') && typeof v === 'string' ? new Date(v) : v;
  return out as unknown as HandoffRecord;
}
