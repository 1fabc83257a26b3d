import type { HandlerContext } from '../handlers/handlerContext.js';
import { routeLeads, type RouteLeadResult } from '../handlers/routeLead.js';

/**
 * Gathers "route lead" deliveries that arrive together (HubSpot enrols a whole list import at
 * once) for a short, bounded window, and routes them as one batch: batch reads, one ordered pass
 * under the routing lock, batch writes. A delivery alone waits at most `gatherMs`; a full batch
 * goes at once. Each caller still gets its own answer (owner, SLA due) for the workflow.
 */
export class RouteBatcher {
  private waiting: { input: unknown; resolve: (r: RouteLeadResult) => void; reject: (e: unknown) => void }[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly context: () => HandlerContext,
    private readonly gatherMs = 20,
    private readonly max = 100,
  ) {}

  route(input: unknown): Promise<RouteLeadResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      if (this.waiting.length >= this.max) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.gatherMs);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.waiting.splice(0, this.max);
    if (this.waiting.length) this.timer = setTimeout(() => this.flush(), this.gatherMs);
    if (!batch.length) return;
    routeLeads(this.context(), batch.map((b) => b.input)).then(
      (answers) => answers.forEach((a, i) => (a.ok ? batch[i]!.resolve(a.result) : batch[i]!.reject(a.error))),
      (e: unknown) => batch.forEach((b) => b.reject(e)),
    );
  }
}
