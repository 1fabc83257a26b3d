import { definitionCriteria, describeEvidence, judgeByPolicy, RECENT_MQL_DAYS, recentlyDecided, previewPolicy, signalValue, weighEvidence, type DescribedEvidence, type HandoffPolicy, type PolicyPreview, type SignalSpec } from '../domain/index.js';
import type { SimulatedLead } from '../domain/simulation/simulate.js';
import { exportedHandoff } from './handoffHistory.js';

export interface ExportWindow {
  /** Only leads whose MQL date (evidence) or creation (preview) is at or after this instant. */
  since?: Date;
  now: Date;
}

/**
 * The evidence from a HubSpot contacts export: each row with a Handoff MQL date is judged by
 * `policy` at that date (an export has no record of the qualification seen at routing), with the
 * outcome its Handoff columns give.
 */
export function evidenceFromExport(rows: readonly SimulatedLead[], policy: HandoffPolicy, window: ExportWindow, signals: readonly SignalSpec[] = []): DescribedEvidence & { handoffs: number } {
  const criteria = definitionCriteria(policy);
  const since = window.since?.getTime() ?? -Infinity;
  const leads = rows.flatMap((row) => {
    const h = exportedHandoff(row);
    if (!h.mqlAt || h.mqlAt.getTime() < since) return [];
    const values = signals.length ? Object.fromEntries(signals.map((s) => [s.field, signalValue(s, row.lead, policy)])) : undefined;
    return [judgeByPolicy(row.id, row.lead, policy, h.mqlAt, h.outcome, criteria, values)];
  });
  const report = weighEvidence(leads, criteria, { signals });
  return { ...describeEvidence(report, { judged: 'policy', now: window.now, recentDecided: recentlyDecided(leads, window.now), recentDays: RECENT_MQL_DAYS }), handoffs: leads.length };
}

/** The preview over an export's rows (created at or after `since`), each with what its Handoff columns say sales did. */
export function previewFromExport(rows: readonly SimulatedLead[], current: HandoffPolicy, proposed: HandoffPolicy, window: ExportWindow): PolicyPreview {
  const since = window.since?.getTime() ?? -Infinity;
  const leads = rows
    .filter((r) => r.arrivedAt.getTime() >= since)
    .map((r) => {
      const h = exportedHandoff(r);
      return { ...r, outcome: h.outcome, handedOff: !!h.mqlAt };
    });
  return previewPolicy(leads, current, proposed);
}
