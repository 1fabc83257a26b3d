import { DateTime } from 'luxon';
import { z } from 'zod';
import { PORTAL_TYPE_LABELS, policyChanges, seesHandoffOperations, policyInWords, type HubSpotNames, type PolicyInWords } from '../domain/index.js';
import { toHubSpotError } from '../hubspot/hubspotError.js';
import type { HandlerContext } from './handlerContext.js';
import { handler } from './handler.js';
import { parseInput } from './handlerError.js';

export const GetPolicyOverviewInput = z.strictObject({
  /** Who is looking (from the signed request, never the body): admins and managers also see how Handoff itself is doing. */
  viewerOwnerId: z.string().optional(),
  /** Where this server answers (its public URL), as a portal admin needs it. */
  serverUrl: z.string().optional(),
});

export interface PolicyOverview {
  /** The HubSpot portal this server serves, so nobody mistakes a sandbox for production. */
  portal: { id: string; type: string; typeLabel: string; currency: string; timeZone: string; production: boolean };
  /** The active policy in words, HubSpot's own names filled in where the policy names its ids. */
  policy: PolicyInWords;
  /** The version run before this one, and what changed since, in the same words. */
  previous?: { version: string; firstSeenAt: string; changes: string[] };
  /** Every version this ledger has run, newest first. */
  versionsRun: { version: string; firstSeenAt: string }[];
  /** For portal admins and managers: where the server is and how its own work is going. */
  admin?: {
    serverUrl?: string;
    ledger: string;
    outbox: { pending: number; retrying: number; parked: number };
    parkedJobs: number;
    lastReconcile?: { at: string; finding: string };
    /** What HubSpot said when asked for the lead pipeline, when it refused (no Leads object, a missing pipeline). */
    leads?: string;
    /** HubSpot's daily API limit is reached: until when Handoff's HubSpot work waits, in words. */
    dailyLimit?: string;
  };
}

/**
 * "Handoff policy", the app page: the signed-off policy in words, its version and approvals, what
 * changed since the version before (the ledger keeps each version's words from when it first
 * ran), and, for admins and managers, where the server is and what it could not finish.
 */
export const getPolicyOverview = handler(async (ctx: HandlerContext, raw: unknown): Promise<PolicyOverview> => {
  const input = parseInput(GetPolicyOverviewInput, raw);
  const { names, refused } = await hubspotNames(ctx);
  const plain = policyInWords(ctx.policy);
  const runs = await ctx.ledger.policyVersions(20);
  const before = runs.find((r) => r.version !== ctx.policy.version);
  const overview: PolicyOverview = {
    portal: { id: ctx.portal.id, type: ctx.portal.type, typeLabel: PORTAL_TYPE_LABELS[ctx.portal.type], currency: ctx.portal.currency, timeZone: ctx.portal.timeZone, production: ctx.portal.type === 'STANDARD' },
    policy: policyInWords(ctx.policy, names),
    ...(before ? { previous: { version: before.version, firstSeenAt: before.firstSeenAt.toISOString(), changes: policyChanges(before.words, plain) } } : {}),
    versionsRun: runs.map((r) => ({ version: r.version, firstSeenAt: r.firstSeenAt.toISOString() })),
  };
  if (!input.viewerOwnerId || !seesHandoffOperations(ctx.policy, input.viewerOwnerId)) return overview;
  const parkedUntil = ctx.hubspotParkedUntil?.();
  const [outbox, parkedJobs, [lastReconcile]] = await Promise.all([ctx.ledger.outboxStatus(), ctx.jobs?.parked(1000) ?? [], ctx.ledger.reconciliations(1)]);
  return {
    ...overview,
    admin: {
      ...(input.serverUrl ? { serverUrl: input.serverUrl } : {}),
      ledger: ctx.ledger.engine.name === 'postgresql' ? 'PostgreSQL' : 'PGlite (embedded)',
      outbox: { pending: outbox.pending, retrying: outbox.retrying, parked: outbox.parked.length },
      parkedJobs: parkedJobs.length,
      ...(lastReconcile ? { lastReconcile: { at: lastReconcile.at.toISOString(), finding: lastReconcile.finding } } : {}),
      ...(refused ? { leads: refused } : {}),
      ...(parkedUntil ? { dailyLimit: `HubSpot's daily API limit for this portal is reached. "Route lead" enrolments are still routed, from the properties HubSpot sends with them, and answered with their owner; what Handoff owes HubSpot (owners, stages, tasks) and the leads announced by webhook wait until ${DateTime.fromJSDate(parkedUntil, { zone: ctx.portal.timeZone }).toFormat('ccc d LLL, HH:mm')} (${ctx.portal.timeZone}), when the portal's day resets.` } : {}),
    },
  };
});

/** The lead pipeline's name and HubSpot's labels for its disqualification reasons, when Leads are mirrored. */
async function hubspotNames(ctx: HandlerContext): Promise<{ names: HubSpotNames; refused?: string }> {
  if (ctx.policy.hubspot.leads !== 'mirror') return { names: {} };
  try {
    const [pipeline, reasons] = await Promise.all([ctx.crm.leadPipeline(ctx.policy.hubspot.leadPipeline.pipeline), ctx.crm.propertyOptions('leads', 'hs_lead_disqualification_reason')]);
    if (!pipeline) return { names: { disqualificationReasons: reasons }, refused: `HubSpot has no lead pipeline ${ctx.policy.hubspot.leadPipeline.pipeline}` };
    return { names: { leadPipeline: pipeline.label, disqualificationReasons: reasons } };
  } catch (e) {
    return { names: {}, refused: toHubSpotError(e, 'reading the lead pipeline').message };
  }
}
