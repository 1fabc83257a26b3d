// No imports: the contact card reads this rule too, and its bundle stays small.

/**
 * The status of an SLA still waiting for a response, from its working minutes: breached past the
 * due time, at risk once `atRiskPercent` of the business time is used, else on track. The one rule
 * `readSla` and the card's live countdown both read (the card holds no rule of its own).
 */
export function openSlaStatus(o: { totalMinutes: number; elapsedMinutes: number; pastDue: boolean }, atRiskPercent: number): { status: 'on_track' | 'at_risk' | 'breached'; percentUsed: number } {
  const percentUsed = o.totalMinutes === 0 ? 100 : Math.round((o.elapsedMinutes / o.totalMinutes) * 1000) / 10;
  return { status: o.pastDue ? 'breached' : percentUsed >= atRiskPercent ? 'at_risk' : 'on_track', percentUsed };
}
