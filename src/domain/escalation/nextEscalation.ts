import type { HandoffState } from '../handoff/handoff.js';
import type { EscalationStep, HandoffPolicy } from '../policy/policy.schema.js';
import { addBusinessMinutes, type BusinessCalendar } from '../sla/businessCalendar.js';

export interface EscalationInput {
  state: HandoffState;
  slaStart: Date;
  slaHours: number;
  calendar: BusinessCalendar;
  /** Ids of escalation steps already taken for this handoff. */
  stepsDone: readonly string[];
  firstTouchAt?: Date;
}

export interface ScheduledEscalation {
  step: EscalationStep;
  /** When the step falls due: a scheduler (workflow delay, timer) calls back exactly then. */
  dueAt: Date;
  isDue: boolean;
}

/** When each step of the ladder falls due for this SLA, in business time. */
export function escalationSchedule(input: EscalationInput, policy: HandoffPolicy): { step: EscalationStep; dueAt: Date }[] {
  const slaMinutes = input.slaHours * 60;
  const due = addBusinessMinutes(input.slaStart, slaMinutes, input.calendar);
  return policy.escalation.steps
    .map((step) => {
      const at = step.at;
      const dueAt =
        at.kind === 'percent'
          ? addBusinessMinutes(input.slaStart, (slaMinutes * at.percent) / 100, input.calendar)
          : at.kind === 'breach'
            ? due
            : addBusinessMinutes(due, at.businessHours * 60, input.calendar);
      return { step, dueAt };
    })
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/**
 * The next escalation step not yet taken, and when it falls due. Escalation runs only while
 * the lead waits for its first touch (state "routed", no touch); afterwards there is nothing
 * to escalate.
 */
export function nextEscalation(input: EscalationInput, policy: HandoffPolicy, now: Date): ScheduledEscalation | undefined {
  if (input.state !== 'routed' || input.firstTouchAt !== undefined) return undefined;
  const next = escalationSchedule(input, policy).find((s) => !input.stepsDone.includes(s.step.id));
  return next ? { ...next, isDue: next.dueAt.getTime() <= now.getTime() } : undefined;
}

/** Every step due by `now` and not yet taken, in order (a late check catches up). */
export function dueEscalations(input: EscalationInput, policy: HandoffPolicy, now: Date): ScheduledEscalation[] {
  if (input.state !== 'routed' || input.firstTouchAt !== undefined) return [];
  return escalationSchedule(input, policy)
    .filter((s) => !input.stepsDone.includes(s.step.id) && s.dueAt.getTime() <= now.getTime())
    .map((s) => ({ ...s, isDue: true }));
}
