import type { HandoffRecord } from '../handoff/handoffRecord.js';

const DAY_MS = 86_400_000;

/**
 * Days from MQL to deal, the one definition the deal card and the deal's
 * `handoff_mql_to_deal_days` share: whole days from the handoff's MQL date to its conversion (when
 * the deal was tied to it), or, for a handoff not converted through Handoff, to the deal's
 * creation in HubSpot. Undefined without an MQL date or a deal date.
 */
export function daysFromMqlToDeal(record: Pick<HandoffRecord, 'mqlAt' | 'convertedAt'>, dealCreatedAt?: Date): number | undefined {
  const dealAt = record.convertedAt ?? dealCreatedAt;
  if (!record.mqlAt || !dealAt) return undefined;
  return Math.floor((dealAt.getTime() - record.mqlAt.getTime()) / DAY_MS);
}
