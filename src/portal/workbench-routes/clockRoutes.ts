import { z } from 'zod';
import { addBusinessDays, calendarFor } from '../../domain/index.js';
import type { SweepResult } from '../slaScheduler.js';
import type { WorkbenchPart } from './workbenchKit.js';

// The demo's clock: an hour, a business day, or straight to the next SLA event; then every SLA
// timer that fell due runs, as the server's would.

const Advance = z.strictObject({ by: z.enum(['hour', 'business-day', 'next-sla-event']) });

export const clockRoutes: WorkbenchPart = (app, { d, fail, issues, name }) => {
  app.post('/workbench/api/clock/advance', async (c) => {
    const parsed = Advance.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return fail(`by: ${issues(parsed.error)} (hour, business-day or next-sla-event)`);
    const now = d.clock.now();
    if (parsed.data.by === 'hour') d.clock.advance(3_600_000);
    else if (parsed.data.by === 'business-day') {
      const head = d.policy.people.find((p) => p.id === d.policy.routing.fallback.owner) ?? d.policy.people[0]!;
      d.clock.setTo(addBusinessDays(now, 1, calendarFor(head, d.policy)).getTime());
    } else {
      const next = await d.scheduler.nextEventAt();
      if (next === undefined) return fail('no SLA event is due: no open handoff is waiting on a check');
      d.clock.setTo(Math.max(now.getTime(), next) + 1_000);
    }
    const sweep: SweepResult = await d.scheduler.sweep();
    d.changed();
    // Each event names its contact, as people know it.
    const events = sweep.events.map((e) => ({ ...e, name: ((r) => (r ? name(r) : `a deleted contact`))(d.store.get('contacts', e.contactId)) }));
    return c.json({ now: d.clock.now().toISOString(), ...sweep, events });
  });

};
