import type { CrmGateway } from '../hubspot/crmGateway.js';
import type { HandlerContext } from '../handlers/handlerContext.js';
import { toHandlerError } from '../handlers/handlerError.js';
import type { ActionDeps, WorkflowActionRequest, WorkflowActionSpec } from './workflowActions.js';

/** What a blocked action answers HubSpot at once: wait for a callback, for at most a day. */
export const BLOCKED_ANSWER = { outputFields: { hs_execution_state: 'BLOCK', hs_expiration_duration: 'P1D' } } as const;

type Outputs = Record<string, string | number | boolean>;
interface Blocked {
  action: WorkflowActionSpec;
  request: WorkflowActionRequest & { callbackId: string };
  /** The run still going when the action was blocked (a slow answer), taken over rather than run twice. */
  running?: Promise<Outputs>;
}

/**
 * Workflow actions that could not be answered within the server's budget (the ledger unavailable,
 * a long queue): answered BLOCK, finished here, and completed through HubSpot's callbacks API with
 * the output fields a direct answer would have had (in batches when several are ready). The work
 * is the action's own, keyed by its callbackId, so running it again after a failure changes
 * nothing twice; each callbackId is completed once.
 */
export class BlockedActions {
  private readonly pending = new Map<string, Blocked>();
  private readonly completed = new Set<string>();
  private timer?: ReturnType<typeof setInterval>;
  private ticking?: Promise<void>;

  constructor(
    private readonly o: {
      context: () => HandlerContext;
      crm: () => CrmGateway;
      deps?: ActionDeps;
      /** How often what is blocked is tried again (ms); default 1000. */
      retryMs?: number;
      log?: (entry: Record<string, unknown>) => void;
    },
  ) {}

  /** Takes an action over: its run (or a new one) finishes here, and HubSpot is told by callback. */
  block(action: WorkflowActionSpec, request: WorkflowActionRequest & { callbackId: string }, running?: Promise<Outputs>): void {
    if (this.completed.has(request.callbackId) || this.pending.has(request.callbackId)) return;
    this.pending.set(request.callbackId, { action, request, ...(running ? { running } : {}) });
    this.o.log?.({ level: 'warn', event: 'workflow_action_blocked', action: action.id, objectId: request.object.objectId });
    this.timer ??= setInterval(() => void this.tick(), this.o.retryMs ?? 1_000);
    (this.timer as { unref?: () => void }).unref?.();
  }

  /** How many enrolments wait for their callback. */
  get waiting(): number {
    return this.pending.size;
  }

  /** Tries everything blocked once: what finishes is completed in one callback batch. */
  tick(): Promise<void> {
    return (this.ticking ??= this.runOnce().finally(() => (this.ticking = undefined)));
  }

  private async runOnce(): Promise<void> {
    const ready: { callbackId: string; outputFields: Record<string, string> }[] = [];
    await Promise.all(
      [...this.pending.values()].map(async (b) => {
        const run = b.running ?? b.action.run(this.o.context(), b.request, this.o.deps);
        delete b.running;
        try {
          const outputs = await run;
          ready.push({ callbackId: b.request.callbackId, outputFields: strings({ ...outputs, hs_execution_state: 'SUCCESS' }) });
        } catch (e) {
          const err = toHandlerError(e);
          // Still unavailable: tried again next time. Anything else fails the step, as a direct answer would.
          if (!err.retryable) ready.push({ callbackId: b.request.callbackId, outputFields: { hs_execution_state: 'FAIL_CONTINUE', error_code: err.code, error_message: err.message } });
        }
      }),
    );
    if (!ready.length) return;
    try {
      await this.o.crm().completeActions(ready);
    } catch (e) {
      this.o.log?.({ level: 'warn', event: 'workflow_callback_failed', message: e instanceof Error ? e.message : String(e) });
      return; // the actions are replayed from the ledger next time, and completed then
    }
    for (const r of ready) {
      this.pending.delete(r.callbackId);
      this.completed.add(r.callbackId);
    }
    if (this.completed.size > 100_000) this.completed.clear();
    if (!this.pending.size && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

const strings = (o: Outputs): Record<string, string> => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)]));
