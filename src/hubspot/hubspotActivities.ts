import { DateTime } from 'luxon';
import { hubspotPaths as paths } from './apiVersion.js';
import { chunks, type AssociationsAnswer, type BatchAnswer } from './hubspotAnswers.js';
import type { LeadCalls } from './hubspotLeads.js';
import type { NewTask } from './crmGateway.js';

// The gateway's calls for what a crash or a slow answer leaves behind: tasks and notes found by
// the marker Handoff writes on them, and blocked workflow enrolments completed by callback.

/** A task as HubSpot stores it: a to-do for its owner, due at the SLA. */
export function taskProperties(task: NewTask): Record<string, string> {
  return {
    hs_task_subject: task.subject,
    hs_task_body: task.body,
    hs_timestamp: task.dueAt.toISOString(),
    hs_task_status: 'NOT_STARTED',
    hs_task_priority: task.priority,
    hs_task_type: 'TODO',
    hubspot_owner_id: task.ownerId,
  };
}

/** What tells a batch's created tasks apart, to match HubSpot's answers to their inputs. */
export const taskKey = (p: Record<string, string | null | undefined>) => [p.hubspot_owner_id, p.hs_timestamp && new Date(p.hs_timestamp).toISOString(), p.hs_task_subject, p.hs_task_body].join('\u0000');

/**
 * Tasks or notes on these contacts whose body carries one of the markers: marker → id. Found
 * through the contacts' associations (consistent, unlike search), then one batch read of bodies.
 */
export async function findMarked(c: LeadCalls, kind: 'tasks' | 'notes', contactIds: string[], markers: string[]): Promise<Map<string, string>> {
  const ids = new Set<string>();
  for (const part of chunks([...new Set(contactIds)])) {
    const res = await c.call(`reading the ${kind} of contacts ${part.join(', ')}`, () => c.api.post<AssociationsAnswer>(paths.associationsBatch('contacts', kind, 'read'), { inputs: part.map((id) => ({ id })) }));
    for (const r of res.results) for (const t of r.to) ids.add(String(t.toObjectId));
  }
  const body = kind === 'tasks' ? 'hs_task_body' : 'hs_note_body';
  const found = new Map<string, string>();
  for (const part of chunks([...ids])) {
    const res = await c.call(`reading ${kind} ${part.join(', ')}`, () => c.api.post<BatchAnswer>(paths.batch(kind, 'read'), { inputs: part.map((id) => ({ id })), properties: [body], propertiesWithHistory: [] }));
    for (const r of res.results) {
      const text = r.properties?.[body] ?? '';
      for (const marker of markers) if (text.includes(marker)) found.set(marker, r.id);
    }
  }
  return found;
}

/** Blocked workflow enrolments completed with their output fields: one callback, or batches of 100. */
export async function completeActions(c: LeadCalls, completions: { callbackId: string; outputFields: Record<string, string> }[]): Promise<void> {
  if (completions.length === 1) {
    const [one] = completions;
    await c.call(`completing workflow action ${one!.callbackId}`, () => c.api.post(paths.actionCallback(one!.callbackId), { outputFields: one!.outputFields, typedOutputs: {} }));
    return;
  }
  for (const part of chunks(completions)) {
    await c.call(`completing ${part.length} workflow actions`, () => c.api.post(paths.actionCallbacks(), { inputs: part.map((x) => ({ callbackId: x.callbackId, outputFields: x.outputFields, typedOutputs: {} })) }));
  }
}

/** The next midnight in a time zone: when HubSpot's daily limit resets for a portal there. */
export function nextMidnight(timeZone: string): Date {
  return DateTime.now().setZone(timeZone).plus({ days: 1 }).startOf('day').toJSDate();
}
