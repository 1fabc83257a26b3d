import type { ObjectType } from './objectTypes.js';

// Pipelines as HubSpot seeds them: the default lead pipeline (Sales Hub Professional and
// Enterprise) with its five stages, and the default sales pipeline for deals.
export interface PipelineStage {
  id: string;
  label: string;
  displayOrder: number;
  /** Stage metadata, as HubSpot keeps it (a lead stage's state: open or closed; a deal stage's probability). */
  metadata: Record<string, string>;
}

export interface Pipeline {
  id: string;
  label: string;
  displayOrder: number;
  stages: PipelineStage[];
  archived: boolean;
  createdAt: number;
  updatedAt: number;
}

export const LEAD_PIPELINE_STAGES: readonly PipelineStage[] = [
  { id: 'new-stage-id', label: 'New', displayOrder: 0, metadata: { leadState: 'OPEN' } },
  { id: 'attempting-stage-id', label: 'Attempting', displayOrder: 1, metadata: { leadState: 'IN_PROGRESS' } },
  { id: 'connected-stage-id', label: 'Connected', displayOrder: 2, metadata: { leadState: 'IN_PROGRESS' } },
  { id: 'qualified-stage-id', label: 'Qualified', displayOrder: 3, metadata: { leadState: 'QUALIFIED' } },
  { id: 'unqualified-stage-id', label: 'Disqualified', displayOrder: 4, metadata: { leadState: 'UNQUALIFIED' } },
];

const DEAL_STAGES: readonly PipelineStage[] = [
  ['appointmentscheduled', 'Appointment Scheduled', '0.2'],
  ['qualifiedtobuy', 'Qualified To Buy', '0.4'],
  ['presentationscheduled', 'Presentation Scheduled', '0.6'],
  ['decisionmakerboughtin', 'Decision Maker Bought-In', '0.8'],
  ['contractsent', 'Contract Sent', '0.9'],
  ['closedwon', 'Closed Won', '1.0'],
  ['closedlost', 'Closed Lost', '0.0'],
].map(([id, label, probability], i) => ({ id: id!, label: label!, displayOrder: i, metadata: { probability: probability!, isClosed: String(id!.startsWith('closed')) } }));

/** The pipelines a new portal has, per object type (objects without pipelines have none). */
export function defaultPipelines(type: ObjectType): Pipeline[] {
  const at = 0;
  if (type === 'leads') return [{ id: 'lead-pipeline-id', label: 'Lead pipeline', displayOrder: 0, stages: LEAD_PIPELINE_STAGES.map((s) => ({ ...s, metadata: { ...s.metadata } })), archived: false, createdAt: at, updatedAt: at }];
  if (type === 'deals') return [{ id: 'default', label: 'Sales Pipeline', displayOrder: 0, stages: DEAL_STAGES.map((s) => ({ ...s, metadata: { ...s.metadata } })), archived: false, createdAt: at, updatedAt: at }];
  return [];
}
