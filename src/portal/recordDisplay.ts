import { formatInstant, formatMoney } from '../domain/index.js';
import type { CrmStore } from '../fake-hubspot/crm/crmStore.js';
import type { CrmRecord } from '../fake-hubspot/crm/records.js';

/** Properties people never read as values (Handoff's JSON, kept for machines and HubSpot's history). */
const MACHINE = new Set(['handoff_last_event', 'handoff_sla_attempts']);

/**
 * A record's properties as HubSpot's record page shows them: an enumeration's option label (each
 * of a checkbox's values), an owner's name, a date in the portal's zone, an amount in the portal's
 * currency. Read from the portal's own property definitions, as HubSpot does.
 */
export function recordDisplay(store: CrmStore, r: CrmRecord, ownerName: (id: string) => string, timeZone: string, currency = 'EUR'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of r.properties) {
    if (value === null || value === '' || MACHINE.has(name)) continue;
    const def = store.propertyDefinition(r.objectType, name);
    if (!def) continue;
    if (def.referencedObjectType === 'OWNER' || (def.externalOptions && name.includes('owner'))) out[name] = value.split(';').map(ownerName).join(', ');
    else if (def.type === 'enumeration') out[name] = value.split(';').map((v) => def.options.find((o) => o.value === v)?.label ?? v).join(', ');
    else if (def.type === 'datetime' || def.type === 'date') out[name] = formatInstant(value, timeZone);
    else if (name === 'amount') out[name] = formatMoney(value, currency);
    else out[name] = value;
  }
  return out;
}
