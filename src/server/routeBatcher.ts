import type { HandlerContext } from '../handlers/handlerContext.js';
import type { RouteLeadResult } from '../handlers/routeLead.js';
import { routeLeads, type RouteLeadAnswer } from '../handlers/routeLeads.js';

/**
 * Gathers "route lead" deliveries that arrive together (HubSpot enrols a whole list import at
 * once) and routes them as one batch: batch reads, one ordered pass under the routing lock, batch
 * writes. One batch runs at a time in this instance until its callers are answered (what is left
 * of it, its Leads' mirror, overlaps the next): what arrives meanwhile waits for it and goes
 * in the next, so under load each batch holds about as many deliveries as are in flight, and the
 * calls per lead fall as the burst grows. The next batch goes once it is full (`max`), once its
 * deliveries are all back (as many as waited for the batch before it plus those it answered), or
 * `gatherMs` after it at the latest; a delivery arriving alone waits at most `gatherMs`. Each
 * caller still gets its own answer (owner, SLA due) for the workflow.
 */
export class RouteBatcher {
  private waiting: { input: unknown; resolve: (r: RouteLeadResult) => void; reject: (e: unknown) => void }[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  /** Right after a batch: those that waited for it and the callers it answered. Once as many wait, they are all back. */
  private expected = 0;

  /** Batches whose callers have their answers but whose work goes on (their Leads being mirrored). */
  private readonly unsettled = new Set<Promise<void>>();

  constructor(
    private readonly context: () => HandlerContext,
    private readonly gatherMs = 20,
    private readonly max = 100,
    private readonly routeMany: typeof routeLeads = routeLeads,
    /** A batch's work failing after its callers were answered (what HubSpot was not told stays in the outbox, retried by its worker). */
    private readonly onLateError: (e: unknown) => void = () => undefined,
  ) {}

  route(input: unknown): Promise<RouteLeadResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      if (this.running) return;
      if (this.waiting.length >= this.max || (this.expected > 0 && this.waiting.length >= this.expected)) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.gatherMs);
    });
  }

  /** Resolves once every batch begun so far has finished its work, answered or not. */
  async settled(): Promise<void> {
    while (this.unsettled.size) await Promise.all(this.unsettled);
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.running || !this.waiting.length) return;
    const batch = this.waiting.splice(0, this.max);
    this.expected = 0;
    this.running = true;
    // The callers are answered once (early, when the batch says HubSpot has what they asked for, or
    // when it ends), and the next batch may go then: it overlaps what is left of this one.
    let answered = false;
    const answer = (settle: () => void) => {
      if (answered) return;
      answered = true;
      settle();
      // After the callers' own turn: one in this process sends its next delivery first.
      queueMicrotask(() => this.next(batch.length));
    };
    const tell = (answers: RouteLeadAnswer[]) => answer(() => answers.forEach((a, i) => (a.ok ? batch[i]!.resolve(a.result) : batch[i]!.reject(a.error))));
    const work = this.routeMany(this.context(), batch.map((b) => b.input), { onAnswered: tell }).then(tell, (e: unknown) => (answered ? this.onLateError(e) : answer(() => batch.forEach((b) => b.reject(e)))));
    this.unsettled.add(work);
    void work.finally(() => this.unsettled.delete(work));
  }

  private next(answeredCount: number): void {
    this.running = false;
    // What arrived meanwhile does not go at once: the callers just answered are about to send
    // their next deliveries, and they join it. (Sent at once, the two halves of a burst would
    // take turns in half-size batches for good, at twice the HubSpot calls.) It goes when they
    // are back, the batch is full or the gathering time is up, whichever is first.
    this.expected = Math.min(this.max, this.waiting.length + answeredCount);
    if (this.waiting.length >= this.expected) this.flush();
    else if (this.waiting.length) this.timer ??= setTimeout(() => this.flush(), this.gatherMs);
  }
}
