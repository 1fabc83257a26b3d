import { checkSla, type CheckSlaResult } from '../handlers/checkSla.js';
import type { HandlerContext } from '../handlers/handlerContext.js';
import { labelsFor } from '../domain/index.js';
import { P } from '../hubspot/handoffProperties.js';

const SYSTEM = { kind: 'system' as const, id: 'sla-check' };

export interface SweepResult {
  checked: number;
  /** What each check did that a person would notice (escalations, reassignments, recycling). */
  events: { contactId: string; what: string }[];
}

/**
 * Runs "check SLA" when each open handoff asks to be checked again (its `nextCheckAt`), as the
 * HubSpot workflow's "delay until" step would in a real portal. The local portal calls `sweep`
 * whenever its clock moves and every few seconds; `nextEventAt` is where "advance to the next SLA
 * event" goes.
 */
export class SlaScheduler {
  private readonly due = new Map<string, number>();
  private running: Promise<SweepResult> | undefined;

  constructor(private readonly context: () => HandlerContext) {}

  /** Learns every open handoff's next check (one search, then one check each). */
  async start(): Promise<SweepResult> {
    const ctx = this.context();
    const open = await ctx.crm.searchContacts([{ property: P.stage, op: 'IN', values: ['routed', 'accepted'] }], [P.stage]);
    const events: SweepResult['events'] = [];
    for (const c of open) this.learn(await checkSla(this.context(), { contactId: c.id, actor: SYSTEM }), events);
    return { checked: open.length, events };
  }

  /** A handoff changed (routed, touched, accepted...): check it now and learn when to check next. */
  async touch(contactId: string): Promise<CheckSlaResult> {
    const result = await checkSla(this.context(), { contactId, actor: SYSTEM });
    this.learn(result, []);
    return result;
  }

  nextEventAt(): number | undefined {
    let min: number | undefined;
    for (const at of this.due.values()) if (min === undefined || at < min) min = at;
    return min;
  }

  /** Checks every handoff whose time has come (one sweep at a time). */
  sweep(): Promise<SweepResult> {
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(): Promise<SweepResult> {
    const events: SweepResult['events'] = [];
    let checked = 0;
    // A check can schedule another that is already due (breach, then reassignment): loop until none is.
    for (let round = 0; round < 20; round++) {
      const now = this.context().now().getTime();
      const ready = [...this.due].filter(([, at]) => at <= now).map(([id]) => id);
      if (!ready.length) break;
      for (const contactId of ready) {
        this.due.delete(contactId);
        checked++;
        this.learn(await checkSla(this.context(), { contactId, actor: SYSTEM }), events);
      }
    }
    return { checked, events };
  }

  private learn(r: CheckSlaResult, events: SweepResult['events']): void {
    // What a person reads: the policy's step labels and owners' names, never ids or codes.
    const labels = labelsFor(this.context().policy);
    for (const e of r.escalations) if (e.action !== 'reassign') events.push({ contactId: r.contactId, what: `${labels.escalationStep(e.step)}${e.to ? ` (${labels.owner(e.to)})` : ''}` });
    if (r.reassignedTo) events.push({ contactId: r.contactId, what: `reassigned to ${labels.owner(r.reassignedTo)}` });
    if (r.recycled) events.push({ contactId: r.contactId, what: 'recycled to marketing' });
    if (r.nextCheckAt) this.due.set(r.contactId, Date.parse(r.nextCheckAt));
    else this.due.delete(r.contactId);
  }
}
