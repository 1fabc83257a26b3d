/**
 * What sales did with an MQL, as the evidence counts it (one home: the ledger's records and an
 * export's rows are both read through it):
 * - opportunity: it became a deal (converted);
 * - accepted: sales accepted it (an SQL) and it has not (yet) become a deal;
 * - not-accepted: sales rejected it, or it went back to marketing (recycled) without being accepted;
 * - open: no decision yet; counted apart, never as a rejection.
 */
export type LeadOutcome = 'open' | 'not-accepted' | 'accepted' | 'opportunity';

export interface OutcomeDates {
  acceptedAt?: unknown;
  convertedAt?: unknown;
  rejectedAt?: unknown;
  recycledAt?: unknown;
}

export function leadOutcome(d: OutcomeDates): LeadOutcome {
  if (d.convertedAt) return 'opportunity';
  if (d.acceptedAt) return 'accepted';
  if (d.rejectedAt || d.recycledAt) return 'not-accepted';
  return 'open';
}

export const isDecided = (o: LeadOutcome): boolean => o !== 'open';
export const isAccepted = (o: LeadOutcome): boolean => o === 'accepted' || o === 'opportunity';
