import type { HandoffState } from '../handoff/handoff.js';
import type { EscalationStep, HandoffPolicy } from '../policy/policy.schema.js';
import type { SlaAttempt } from '../sla/attempt.js';
import { addBusinessMinutes, businessMinutesBetween, type BusinessCalendar } from '../sla/businessCalendar.js';

export interface EscalationInput {
  state: HandoffState;
  /** The current attempt: the response steps run on its clock, the stuck steps on its decision due time. */
  attempt: SlaAttempt;
  calendar: BusinessCalendar;
  /** Ids of escalation steps already taken on this attempt. */
  stepsDone: readonly string[];
}

export interface ScheduledEscalation {
  step: EscalationStep;
  /** When the step falls due: a scheduler (workflow delay, timer) calls back exactly then. */
  dueAt: Date;
  isDue: boolean;
}

/**
 * When each step of the ladder falls due for this attempt, in business time: "NN%", "breach" and
 * "breach + Nh" on the response clock, "stuck" at the decision due time (sla.decisionBusinessDays).
 */
export function escalationSchedule(input: EscalationInput, policy: HandoffPolicy): { step: EscalationStep; dueAt: Date }[] {
  const { attempt, calendar } = input;
  const slaMinutes = businessMinutesBetween(attempt.startedAt, attempt.dueAt, calendar);
  const out: { step: EscalationStep; dueAt: Date }[] = [];
  for (const step of policy.escalation.steps) {
    const at = step.at;
    if (at.kind === 'stuck') {
      if (attempt.decisionDueAt) out.push({ step, dueAt: attempt.decisionDueAt });
      continue;
    }
    const dueAt = at.kind === 'percent' ? addBusinessMinutes(attempt.startedAt, (slaMinutes * at.percent) / 100, calendar) : at.kind === 'breach' ? attempt.dueAt : addBusinessMinutes(attempt.dueAt, at.businessHours * 60, calendar);
    out.push({ step, dueAt });
  }
  return out.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/**
 * Whether a step can still fall due: the response steps only while the owner has not responded,
 * the stuck steps while the lead waits for an accept or reject; nothing once it left "routed".
 */
function live(step: EscalationStep, input: EscalationInput): boolean {
  if (input.state !== 'routed' || input.stepsDone.includes(step.id)) return false;
  return step.at.kind === 'stuck' ? true : input.attempt.result === 'open';
}

/** The next escalation step not yet taken, and when it falls due. */
export function nextEscalation(input: EscalationInput, policy: HandoffPolicy, now: Date): ScheduledEscalation | undefined {
  const next = escalationSchedule(input, policy).find((s) => live(s.step, input));
  return next ? { ...next, isDue: next.dueAt.getTime() <= now.getTime() } : undefined;
}

/** Every step due by `now` and not yet taken, in order (a late check catches up). */
export function dueEscalations(input: EscalationInput, policy: HandoffPolicy, now: Date): ScheduledEscalation[] {
  return escalationSchedule(input, policy)
    .filter((s) => live(s.step, input) && s.dueAt.getTime() <= now.getTime())
    .map((s) => ({ ...s, isDue: true }));
}
