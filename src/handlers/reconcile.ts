import { OWNED_STATES, decideOwnerChanged, nextSlaCheckAt, HANDOFF_STATES, ownerNameOf, type HandoffRecord } from '../domain/index.js';
import { propertiesForRecord } from '../hubspot/contactRecord.js';
import type { ContactSnapshot } from '../hubspot/crmGateway.js';
import { CONTACT_PROPERTY_NAMES, P } from '../hubspot/handoffProperties.js';
import type { HandlerContext } from './handlerContext.js';
import { handler } from './handler.js';
import { parseInput } from './handlerError.js';
import { deliveryKey, RouteLeadInput } from './inputs.js';
import { startSla } from './routeLead.js';
import { projectNow } from './write/ledgerWrite.js';
import { writeHandoff } from './write/handoffWrite.js';
import { leadMirrorEffects } from './write/leadMirror.js';

/** Handoff states in which HubSpot's owner is the one working the lead (routing counts follow it). */
/** The handoff properties Handoff writes; an edit by hand is put back from the ledger (the owner is HubSpot's to change). */
const PROJECTED = CONTACT_PROPERTY_NAMES.filter((p) => p !== P.lastEvent && p !== P.slaStatus && p !== P.ownerAtHandoff);

export type Finding =
  | { kind: 'contact-gone'; why: string }
  | { kind: 'owner-changed'; from?: string; to?: string }
  | { kind: 'properties-edited'; properties: { name: string; hubspot: string; ledger: string }[] };

/**
 * What HubSpot says that the ledger does not believe, for one handoff (pure): the contact is gone
 * (deleted, or merged into another), its owner was changed by hand while the lead is being
 * worked, or handoff properties were edited by hand. `contact` undefined means HubSpot has none.
 */
export function reconcileFindings(record: HandoffRecord, contact: ContactSnapshot | undefined): Finding[] {
  if (!contact) return [{ kind: 'contact-gone', why: 'HubSpot has no such contact (deleted)' }];
  if (contact.id !== record.contactId) return [{ kind: 'contact-gone', why: `merged into contact ${contact.id}` }];
  const findings: Finding[] = [];
  const owner = contact.properties.hubspot_owner_id || undefined;
  if (OWNED_STATES.includes(record.state) && owner !== record.ownerId) findings.push({ kind: 'owner-changed', ...(record.ownerId ? { from: record.ownerId } : {}), ...(owner ? { to: owner } : {}) });
  const expected = propertiesForRecord({ ...record, version: 0, state: 'new' }, record);
  const edited = PROJECTED.filter((name) => name in expected && (contact.properties[name] ?? '') !== expected[name]).map((name) => ({ name, hubspot: contact.properties[name] ?? '', ledger: expected[name]! }));
  if (edited.length) findings.push({ kind: 'properties-edited', properties: edited });
  return findings;
}

export interface ReconcileResult {
  checked: number;
  findings: { contactId: string; finding: Finding; did: string }[];
}

/**
 * Reconciles handoffs with HubSpot: contacts read in batches of 100; a gone contact leaves the
 * ledger's open load (its history stays); an owner changed by hand becomes the handoff's owner,
 * recorded as an assignment (routing counts follow it) and in the timeline; hand-edited handoff
 * properties are put back from the ledger. Each finding is recorded.
 */
export async function reconcileContacts(ctx: HandlerContext, contactIds: readonly string[]): Promise<ReconcileResult> {
  const result: ReconcileResult = { checked: 0, findings: [] };
  for (let i = 0; i < contactIds.length; i += 100) {
    const ids = contactIds.slice(i, i + 100);
    const contacts = new Map((await ctx.crm.readContacts([...ids], { properties: [...CONTACT_PROPERTY_NAMES, 'hubspot_owner_id'] })).map((c) => [c.id, c]));
    for (const id of ids) {
      const record = await ctx.ledger.handoff(id);
      if (!record) continue;
      result.checked++;
      for (const finding of reconcileFindings(record, contacts.get(id))) {
        // HubSpot lags the ledger while the outbox still owes it a write: not an edit by hand.
        if (finding.kind === 'properties-edited' && (await ctx.ledger.hasPending(id))) continue;
        result.findings.push({ contactId: id, finding, did: await apply(ctx, record, finding, contacts.get(id)) });
      }
    }
  }
  return result;
}

async function apply(ctx: HandlerContext, record: HandoffRecord, finding: Finding, contact: ContactSnapshot | undefined): Promise<string> {
  switch (finding.kind) {
    case 'contact-gone':
      await ctx.ledger.reconcile(record.contactId, finding.kind, { why: finding.why, state: record.state, ...(record.ownerId ? { ownerId: record.ownerId } : {}) }, true);
      return `taken out of the ledger's open handoffs (${finding.why}); its timeline and assignments are kept`;
    case 'owner-changed':
      return takeOwnerFromHubSpot(ctx, record, finding, contact?.properties ?? {}, 'contact');
    case 'properties-edited': {
      const writes = Object.fromEntries(finding.properties.map((p) => [p.name, p.ledger]));
      // Queued under the handoff's lock, and only while it is still the version read: a change
      // committed meanwhile writes its own properties, and this write must never land after it
      // (a routing batch leases its items as it commits them, behind only what is pending then).
      const queued = await ctx.ledger.transaction(async (tx) => {
        if ((await tx.handoff(record.contactId))?.version !== record.version) return false;
        await tx.project(record.contactId, record.version, [{ kind: 'updateContact', contactId: record.contactId, properties: writes }]);
        return true;
      });
      if (!queued) return 'left as it is: the handoff changed while it was being compared, and its own write puts HubSpot right';
      await ctx.ledger.reconcile(record.contactId, finding.kind, finding);
      await projectNow(ctx, record.contactId);
      return `put back ${finding.properties.map((p) => p.name).join(', ')} from the ledger`;
    }
  }
}

const withoutOwner = ({ hubspot_owner_id: _o, ...rest }: Record<string, string>) => rest;

/**
 * An owner set by hand in HubSpot, on the contact or on its Lead in the prospecting workspace,
 * becomes the handoff's owner: an assignment (routing counts follow), a timeline entry, and the
 * new attempt's SLA written back. Changed on the Lead, the contact's owner follows it.
 */
export async function takeOwnerFromHubSpot(ctx: HandlerContext, record: HandoffRecord, change: { from?: string; to?: string }, properties: Record<string, string>, where: 'contact' | 'lead'): Promise<string> {
  const now = ctx.now();
  const name = (id: string | undefined) => (id ? ownerNameOf(ctx.policy, id) : 'nobody');
  const reason = `${where === 'lead' ? "The Lead's owner" : 'Owner'} changed in HubSpot from ${name(change.from)} to ${name(change.to)}`;
  await writeHandoff(ctx, {
    contactId: record.contactId,
    properties,
    key: (current) => deliveryKey(where === 'lead' ? 'lead-owner' : 'reconcile', { contactId: record.contactId }, current.version),
    decide: async (_tx, current) => {
      // It moved on meanwhile: the next sweep looks again.
      if (current.version !== record.version) return { result: { reconciled: 'moved-on' }, unchanged: true, owed: true };
      const next = decideOwnerChanged(current, change.to, ctx.policy, now);
      const event = { event: 'reassign', from: current.state, to: current.state, at: now.toISOString(), actor: where === 'lead' ? 'system:lead-owner' : 'system:reconcile', reason, policyVersion: ctx.policy.version, ...(change.to ? { ownerId: change.to } : {}) };
      const written = propertiesForRecord(current, next);
      return {
        result: { reconciled: 'owner-changed' },
        change: {
          record: next,
          events: [event],
          ...(change.to ? { assignment: { ownerId: change.to, why: reason, source: 'hubspot' as const } } : {}),
          // HubSpot has the owner where it was changed; what follows from it (the new attempt, its SLA, the contact's owner for a Lead) is written back.
          effects: [{ kind: 'updateContact', contactId: record.contactId, properties: { ...(where === 'lead' ? written : withoutOwner(written)), [P.lastEvent]: JSON.stringify(event) } }, ...leadMirrorEffects(ctx.policy, record.contactId, current, next)],
          slaTimerAt: nextSlaCheckAt(next, ctx.policy, now) ?? null,
        },
      };
    },
  });
  await ctx.ledger.reconcile(record.contactId, where === 'lead' ? 'lead-owner-changed' : 'owner-changed', { kind: 'owner-changed', ...change });
  return `the handoff's owner is now ${name(change.to)}, as in HubSpot; routing counts follow`;
}

/** Every state a handoff the ledger holds can be in. */
export const ALL_STATES: readonly string[] = HANDOFF_STATES;

/** Every handoff the ledger holds, in pages (the sweep of `handoff reconcile`). */
export async function allHandoffIds(ctx: Pick<HandlerContext, 'ledger'>, states: readonly string[], since?: Date): Promise<string[]> {
  const ids: string[] = [];
  for (let after = ''; ; ) {
    const page = await ctx.ledger.handoffsIn(states, after, 500, since);
    if (!page.length) return ids;
    ids.push(...page.map((r) => r.contactId));
    after = page.at(-1)!.contactId;
  }
}


/** A webhook's "reconcile this contact" (deleted, merged away, or a handoff property edited in HubSpot). */
export const reconcileContact = handler(async (ctx: HandlerContext, raw: unknown): Promise<ReconcileResult> => {
  const input = parseInput(RouteLeadInput, raw);
  return reconcileContacts(ctx, [input.contactId]);
});

/**
 * A webhook's "the owner changed in HubSpot": for a lead being worked, the ledger takes HubSpot's
 * owner (reconcile); for a contact in no handoff, the SLA starts for the owner HubSpot assigned.
 */
export const ownerChanged = handler(async (ctx: HandlerContext, raw: unknown): Promise<unknown> => {
  const input = parseInput(RouteLeadInput, raw);
  const record = await ctx.ledger.handoff(input.contactId);
  if (record && OWNED_STATES.includes(record.state)) return reconcileContacts(ctx, [input.contactId]);
  return startSla(ctx, raw);
});
