import { checkSla, type CheckSlaResult } from '../handlers/checkSla.js';
import type { HandlerContext } from '../handlers/handlerContext.js';
import { labelsFor } from '../domain/index.js';
import type { BackgroundWork } from '../queue/backgroundWork.js';

const SYSTEM = { kind: 'system' as const, id: 'sla-check' };

export interface SweepResult {
  checked: number;
  /** What each check did that a person would notice (escalations, reassignments, recycling). */
  events: { contactId: string; what: string }[];
}

/**
 * The local portal's view of the SLA timers. The timers themselves are the server's: each change
 * sets its handoff's next check in the ledger, and the background work hands it to the queue when
 * the (simulated) clock reaches it; so the portal escalates with no HubSpot workflow, exactly as a
 * real server does. This adds what the workbench shows: the next SLA event (where "advance to the
 * next SLA event" goes) and, after the clock moves, what the checks did.
 */
export class SlaScheduler {
  private heard: SweepResult['events'] = [];
  private checked = 0;

  private background: BackgroundWork | undefined;

  constructor(private readonly context: () => HandlerContext) {}

  /** The background work whose timers this reports on (started with `onSlaCheck: (r) => scheduler.hear(r)`). */
  attach(background: BackgroundWork): this {
    this.background = background;
    return this;
  }

  /** What one timer's check did (BackgroundWork's onSlaCheck). */
  hear(r: CheckSlaResult): void {
    this.checked++;
    // What a person reads: the policy's step labels and owners' names, never ids or codes.
    const labels = labelsFor(this.context().policy);
    for (const e of r.escalations) if (e.action !== 'reassign') this.heard.push({ contactId: r.contactId, what: `${labels.escalationStep(e.step)}${e.to ? ` (${labels.owner(e.to)})` : ''}` });
    if (r.reassignedTo) this.heard.push({ contactId: r.contactId, what: `reassigned to ${labels.owner(r.reassignedTo)}` });
    if (r.recycled) this.heard.push({ contactId: r.contactId, what: 'recycled to marketing' });
  }

  /** A sales touch was logged: HubSpot's property-change webhook makes Handoff check the SLA now. */
  async touch(contactId: string): Promise<CheckSlaResult> {
    return checkSla(this.context(), { contactId, actor: SYSTEM });
  }

  /** Lets the background work finish what is queued now (a webhook's events), keeping what the checks did for the next sweep. */
  async settle(): Promise<void> {
    await this.background?.drain();
  }

  async nextEventAt(): Promise<number | undefined> {
    return (await this.context().ledger.slaTimers()).next?.dueAt.getTime();
  }

  /** Runs every check now due on the simulated clock, and says what they did. */
  async sweep(): Promise<SweepResult> {
    await this.background?.drain();
    const result = { checked: this.checked, events: this.heard };
    this.heard = [];
    this.checked = 0;
    return result;
  }
}
