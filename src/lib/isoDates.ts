// Instants stored as JSON (the ledger's jsonb, a HubSpot text property) are ISO strings under keys
// ending in "At"; `reviveInstants` turns them back into Dates at any depth.

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

export function reviveInstants(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => reviveInstants(v));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = reviveInstants(v, k);
    return out;
  }
  return key.endsWith('At') && typeof value === 'string' && ISO.test(value) ? new Date(value) : value;
}
