import type { HandlerContext } from '../handlers/handlerContext.js';
import type { RouteLeadResult } from '../handlers/routeLead.js';
import { routeLeads } from '../handlers/routeLeads.js';

/**
 * Gathers "route lead" deliveries that arrive together (HubSpot enrols a whole list import at
 * once) and routes them as one batch: batch reads, one ordered pass under the routing lock, batch
 * writes. One batch runs at a time in this instance: what arrives meanwhile waits for it and goes
 * in the next (up to `max`, or `gatherMs` after the batch before it), so under load each batch
 * holds about as many deliveries as are in flight, and the calls per lead fall as the burst grows.
 * A delivery arriving alone waits at most `gatherMs`. Each caller still gets its own answer (owner, SLA due) for the workflow.
 */
export class RouteBatcher {
  private waiting: { input: unknown; resolve: (r: RouteLeadResult) => void; reject: (e: unknown) => void }[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;

  constructor(
    private readonly context: () => HandlerContext,
    private readonly gatherMs = 20,
    private readonly max = 100,
    private readonly routeMany: typeof routeLeads = routeLeads,
  ) {}

  route(input: unknown): Promise<RouteLeadResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      if (this.running) return;
      if (this.waiting.length >= this.max) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.gatherMs);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.running || !this.waiting.length) return;
    const batch = this.waiting.splice(0, this.max);
    this.running = true;
    this.routeMany(this.context(), batch.map((b) => b.input))
      .then(
        (answers) => answers.forEach((a, i) => (a.ok ? batch[i]!.resolve(a.result) : batch[i]!.reject(a.error))),
        (e: unknown) => batch.forEach((b) => b.reject(e)),
      )
      .finally(() => {
        this.running = false;
        // What arrived meanwhile goes once the batch is full or the gathering time is up: the
        // callers just answered are about to send their next deliveries, and they join it. (Sent
        // at once, the two halves of a burst would take turns in half-size batches for good, at
        // twice the HubSpot calls.)
        if (this.waiting.length >= this.max) this.flush();
        else if (this.waiting.length) this.timer ??= setTimeout(() => this.flush(), this.gatherMs);
      });
  }
}
