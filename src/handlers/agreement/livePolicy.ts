import { policyAtStart, policyInWords, withAvailability, type ActiveVersion, type AvailabilitySetting, type HandoffPolicy, type PolicyAtStart } from '../../domain/index.js';
import type { HandoffLedger } from '../../ledger/ledger.js';
import { policyAsYaml } from '../../policy-file/policySource.js';
import { activeOf } from './storedAgreement.js';

export interface LivePolicyOptions {
  ledger: HandoffLedger;
  /** The policy file the host was started with: its policy, its text when read from a file, and its name. */
  file: { policy: HandoffPolicy; source?: string; name: string };
  /** The handlers' clock, for the instant a file's version becomes active (the local portal's is simulated). */
  now?: () => Date;
  log?: (entry: Record<string, unknown>) => void;
}

/**
 * The policy a host runs: the ledger's active version, with the availability managers and reps
 * set in HubSpot. Every instance follows the ledger (a poll of one small query), so a version the
 * approvers activate, or a rep marked out of office, is used everywhere within a second or so,
 * without a restart.
 */
export class LivePolicy {
  private stamp = '';
  private following?: ReturnType<typeof setInterval>;
  private refreshing?: Promise<void>;

  private constructor(
    private readonly o: LivePolicyOptions,
    readonly atStart: PolicyAtStart,
    private current: { active: ActiveVersion; settings: AvailabilitySetting[]; policy: HandoffPolicy },
  ) {}

  /** Decides at start which version runs (policyAtStart), activating the file's when it should, under the agreement's lock. */
  static async open(o: LivePolicyOptions): Promise<LivePolicy> {
    const wall = o.now ?? (() => new Date());
    const { decision, active } = await o.ledger.agreement.locked(async (tx) => {
      const stored = await tx.active();
      const before = stored ? activeOf(stored) : undefined;
      const decision = policyAtStart(o.file.policy, o.file.name, before);
      if (!decision.activate) return { decision, active: before! };
      const activated = await tx.activate({ version: o.file.policy.version, source: o.file.source ?? policyAsYaml(o.file.policy), policy: o.file.policy, how: 'file', by: o.file.name }, wall());
      return { decision, active: activeOf(activated) };
    });
    o.log?.({ level: decision.run === 'ledger' && decision.differs ? 'warn' : 'info', event: 'policy_at_start', version: active.version, why: decision.why });
    const settings = await o.ledger.agreement.availability();
    const live = new LivePolicy(o, decision, { active, settings, policy: withAvailability(active.policy, settings) });
    live.stamp = await o.ledger.agreement.stamp();
    await o.ledger.recordPolicy(policyInWords(active.policy), wall());
    return live;
  }

  /** The policy as routing runs it now (the active version with availability set in HubSpot). */
  get policy(): HandoffPolicy {
    return this.current.policy;
  }

  get active(): ActiveVersion {
    return this.current.active;
  }

  /** Reloads when the ledger's active version or availability changed since the last look. */
  refresh(): Promise<void> {
    return (this.refreshing ??= this.reload().finally(() => (this.refreshing = undefined)));
  }

  private async reload(): Promise<void> {
    const stamp = await this.o.ledger.agreement.stamp();
    if (stamp === this.stamp) return;
    const stored = await this.o.ledger.agreement.active();
    const active = stored && stored.id !== this.current.active.id ? activeOf(stored) : this.current.active;
    const settings = await this.o.ledger.agreement.availability();
    if (active.id !== this.current.active.id) {
      await this.o.ledger.recordPolicy(policyInWords(active.policy), (this.o.now ?? (() => new Date()))());
      this.o.log?.({ level: 'info', event: 'policy_activated', version: active.version, how: active.how });
    }
    this.current = { active, settings, policy: withAvailability(active.policy, settings) };
    this.stamp = stamp;
  }

  /** Looks at the ledger every `pollMs` until stopped; a failed look (the database away) keeps the version it has. */
  follow(pollMs = 1_000): void {
    this.following ??= setInterval(() => void this.refresh().catch((e: unknown) => this.o.log?.({ level: 'warn', event: 'policy_refresh_failed', message: e instanceof Error ? e.message : String(e) })), pollMs);
    (this.following as { unref?: () => void }).unref?.();
  }

  stop(): void {
    if (this.following) clearInterval(this.following);
    this.following = undefined;
  }
}

/**
 * The policy a one-off tool runs under (reconcile): the ledger's active version with availability
 * set in HubSpot, as every server runs it; the file given when the ledger has no active version yet.
 */
export async function policyInForce(ledger: HandoffLedger, file: HandoffPolicy): Promise<HandoffPolicy> {
  const stored = await ledger.agreement.active();
  if (!stored) return file;
  return withAvailability(activeOf(stored).policy, await ledger.agreement.availability());
}
