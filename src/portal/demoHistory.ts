import { Faker, base, en } from '@faker-js/faker';
import { addBusinessMinutes, businessMinutesBetween, ownerCalendar, type HandoffPolicy } from '../domain/index.js';
import type { CrmStore } from '../fake-hubspot/crm/crmStore.js';
import type { CrmRecord } from '../fake-hubspot/crm/records.js';
import type { DemoContactTruth } from '../fake-hubspot/seed/seedDemoPortal.js';
import { checkSla } from '../handlers/checkSla.js';
import type { HandlerContext } from '../handlers/handlerContext.js';
import { recordOutcome } from '../handlers/recordOutcome.js';
import { routeLead } from '../handlers/routeLead.js';
import { HandlerError } from '../handlers/handlerError.js';
import { drawOutcome } from './outcomeModel.js';

/** What the history did to one lead, logged as it did it: the ground truth the manager view is checked against. */
export interface HandoffTruth {
  contactId: string;
  /** When marketing's workflow made it an MQL and asked Handoff to route it. */
  mqlAt: number;
  /** Whether the policy agreed it is an MQL (it was routed). */
  routed: boolean;
  ownerId?: string;
  touchedAt?: number;
  acceptedAt?: number;
  rejectedAt?: number;
  rejectionReason?: string;
  recycledAt?: number;
  convertedAt?: number;
  dealId?: string;
}

type Event = { at: number; seq: number; run: () => Promise<void> };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WORKFLOW = { kind: 'workflow' as const, id: 'demo-lifecycle-workflow' };
const SWEEP = { kind: 'system' as const, id: 'sla-check' };

export interface DemoHistoryOptions {
  seed: number;
  /** The portal's "now": nothing happens after it. */
  now: number;
  /** The handler context at a given instant (same HubSpot client, the clock pinned there). */
  contextAt: (at: number) => HandlerContext;
  store: CrmStore;
  policy: HandoffPolicy;
  /** Told after each tenth of the leads' MQL events has run: how many leads so far, of how many. */
  onProgress?: (played: number, of: number) => void;
}

/**
 * The portal's past, played through Handoff's own handlers in time order: marketing's workflow
 * makes leads MQLs and calls "route lead"; reps log a call in their working hours (HubSpot moves
 * last-contacted) and the SLA check runs; reps accept, reject with a reason from the policy (a
 * reroute reason routes the lead again at once) or recycle with a reason, and some accepted leads
 * get a deal and are marked converted, each as the stated outcome model draws it from the criteria
 * the lead met (outcomeModel.ts), so the policy page's evidence has something true to find; the SLA check runs whenever the handler said to check again, so
 * reminders, breaches, manager alerts, reassignments (within the policy's limit), stuck leads and
 * idle accepted leads going back to marketing happen as they would have.
 */
export async function playDemoHistory(leads: DemoContactTruth[], options: DemoHistoryOptions): Promise<HandoffTruth[]> {
  const f = new Faker({ locale: [en, base] });
  f.seed(options.seed);
  const { store, now, policy } = options;
  const queue: Event[] = [];
  let seq = 0;
  const at = (when: number, run: () => Promise<void>) => {
    if (when <= now) queue.push({ at: when, seq: seq++, run });
  };
  const truth: HandoffTruth[] = [];
  const owners = new Map<string, string>();
  const nextCheck = new Map<string, number>();
  const reasons = policy.rejectionReasons.map((r) => r.code);
  const contact = (id: string) => store.get('contacts', id)!;

  // A lead whose owner never touched it is reassigned by the SLA check; most new owners then call.
  const reassigned = new Map<string, (at: number, dueAt: string | undefined) => void>();
  const scheduleCheck = (contactId: string, when: string | undefined) => {
    if (!when) return;
    const t = Date.parse(when);
    if (nextCheck.get(contactId) === t) return;
    nextCheck.set(contactId, t);
    at(t, async () => {
      if (nextCheck.get(contactId) !== t) return;
      const r = await checkSla(options.contextAt(t), { contactId, actor: SWEEP });
      if (r.ownerId) owners.set(contactId, r.ownerId);
      scheduleCheck(contactId, r.nextCheckAt);
      if (r.reassignedTo) reassigned.get(contactId)?.(t, r.slaDueAt);
    });
  };

  // Reps work in their working hours: a touch "x % of the way through the SLA" is x % of its business time.
  const businessAt = (ownerId: string, from: number, minutes: number) => addBusinessMinutes(new Date(from), minutes, ownerCalendar(policy, ownerId)).getTime();
  const slaMinutes = (ownerId: string, from: number, dueAt: string) => businessMinutesBetween(new Date(from), new Date(dueAt), ownerCalendar(policy, ownerId));
  const recycleReasons = policy.recycleReasons.map((r) => r.code);
  let mqlEvents = 0;
  let mqlsPlayed = 0;

  for (const lead of leads) {
    // Marketing's share of leads that become MQLs, a few hours after they convert.
    if (!f.datatype.boolean(0.55)) continue;
    const mqlAt = lead.createdAt + f.number.int({ min: 5, max: 360 }) * 60_000;
    const behaviour = { touch: f.number.float({ min: 0, max: 1 }), speed: f.number.float({ min: 0.1, max: 0.9 }), lateHours: f.number.int({ min: 2, max: 24 }), decide: f.number.float({ min: 0, max: 1 }), accept: f.number.float({ min: 0, max: 1 }), recycle: f.number.float({ min: 0, max: 1 }), decideHours: f.number.int({ min: 1, max: 30 }), reason: f.helpers.arrayElement(reasons), recycleReason: f.helpers.arrayElement(recycleReasons), convert: f.number.float({ min: 0, max: 1 }), convertDays: f.number.int({ min: 2, max: 25 }), amount: f.number.int({ min: 40, max: 900 }) * 100, followUp: f.number.float({ min: 0, max: 1 }) };
    mqlEvents++;
    at(mqlAt, async () => {
      if (++mqlsPlayed % Math.max(1, Math.ceil(mqlEvents / 10)) === 0) options.onProgress?.(mqlsPlayed, mqlEvents);
      const record = contact(lead.contactId);
      store.update(record, new Map([['lifecyclestage', 'marketingqualifiedlead']]), { sourceType: 'AUTOMATION_PLATFORM', sourceLabel: 'Lifecycle workflow' }, mqlAt);
      const t: HandoffTruth = { contactId: lead.contactId, mqlAt, routed: false };
      truth.push(t);
      const routed = await routeLead(options.contextAt(mqlAt), { contactId: lead.contactId, actor: WORKFLOW });
      if (!routed.ownerId || !routed.slaDueAt) return;
      t.routed = true;
      t.ownerId = routed.ownerId;
      owners.set(lead.contactId, routed.ownerId);
      scheduleCheck(lead.contactId, routed.slaDueAt);
      // 70 % touched in time, 20 % late, 10 % never by the first owner: the SLA check escalates and
      // reassigns those (never back to anyone who had it), and the next owner mostly calls.
      const owner = routed.ownerId;
      const touchAt = behaviour.touch < 0.7 ? businessAt(owner, mqlAt, slaMinutes(owner, mqlAt, routed.slaDueAt) * behaviour.speed) : behaviour.touch < 0.9 ? businessAt(owner, Date.parse(routed.slaDueAt), behaviour.lateHours * 60) : undefined;
      if (touchAt !== undefined) touch(touchAt);
      else
        reassigned.set(lead.contactId, (when, dueAt) => {
          reassigned.delete(lead.contactId);
          const next = owners.get(lead.contactId)!;
          if (dueAt && behaviour.speed < 0.8) touch(businessAt(next, when, slaMinutes(next, when, dueAt) * behaviour.speed));
        });
      function touch(touchAt: number) {
        at(touchAt, async () => {
          store.logSalesActivity(contact(lead.contactId), touchAt);
          t.touchedAt = touchAt;
          const checked = await checkSla(options.contextAt(touchAt), { contactId: lead.contactId, actor: SWEEP });
          if (checked.ownerId) owners.set(lead.contactId, checked.ownerId);
          // The response is in; the check still comes back if nobody accepts or rejects in time (stuck).
          scheduleCheck(lead.contactId, checked.nextCheckAt);
          // After talking to the lead, the owner decides as the stated outcome model says, from the
          // criteria the lead met as recorded at routing (outcomeModel.ts): the evidence has something true to find.
          const recorded = (await options.contextAt(touchAt).ledger.handoff(lead.contactId))?.qualification;
          const met = new Set(recorded?.criteria.filter((c) => c.met).map((c) => c.id));
          const decision = drawOutcome((key) => met.has(key), { decided: behaviour.decide, accept: behaviour.accept, opportunity: behaviour.convert, recycle: behaviour.recycle });
          if (decision === 'open') return;
          const decideAt = businessAt(owners.get(lead.contactId)!, touchAt, behaviour.decideHours * 60);
          at(decideAt, async () => {
            const ownerId = owners.get(lead.contactId)!;
            const actor = { kind: 'user' as const, id: ownerId };
            const ctx = options.contextAt(decideAt);
            if (decision === 'accepted' || decision === 'opportunity') {
              const r = await recordOutcome(ctx, { contactId: lead.contactId, actor, action: 'accept' });
              if (r.stage !== 'accepted') return;
              t.acceptedAt = decideAt;
              // The check learns when an accepted lead with no further activity goes back to marketing.
              scheduleCheck(lead.contactId, (await checkSla(ctx, { contactId: lead.contactId, actor: SWEEP })).nextCheckAt);
              if (decision === 'accepted') {
                // Some reps keep working the lead; the rest leave it, and it recycles at its due instant.
                if (behaviour.followUp < 0.5) at(businessAt(ownerId, decideAt, 3 * 8 * 60), async () => store.logSalesActivity(contact(lead.contactId), businessAt(ownerId, decideAt, 3 * 8 * 60)));
                return;
              }
              const dealAt = decideAt + behaviour.convertDays * DAY;
              // Working towards the deal: a call halfway keeps the accepted lead from going idle.
              const midway = decideAt + (behaviour.convertDays * DAY) / 2;
              at(midway, async () => store.logSalesActivity(contact(lead.contactId), midway));
              at(dealAt, async () => {
                const deal = createDeal(store, contact(lead.contactId), ownerId, behaviour.amount, dealAt);
                // The lead may have gone back to marketing meanwhile (idle too long): the deal stands, the handoff is not converted.
                const c = await recordOutcome(options.contextAt(dealAt), { contactId: lead.contactId, actor, action: 'convert', dealId: deal.id }).catch((e: unknown) => {
                  if (e instanceof HandlerError && (e.code === 'FORBIDDEN' || e.code === 'ILLEGAL_TRANSITION')) return undefined;
                  throw e;
                });
                if (c?.stage === 'converted') Object.assign(t, { convertedAt: dealAt, dealId: deal.id });
              });
            } else if (decision === 'rejected') {
              const r = await recordOutcome(ctx, { contactId: lead.contactId, actor, action: 'reject', reasonCode: behaviour.reason, note: 'Demo history: rejected after the first call.' });
              if (r.changed) Object.assign(t, { rejectedAt: decideAt, rejectionReason: behaviour.reason });
              if (r.reroutedTo) {
                // Rerouted at once: the new owner gets a fresh SLA; the check follows it.
                owners.set(lead.contactId, r.reroutedTo.ownerId);
                scheduleCheck(lead.contactId, (await checkSla(ctx, { contactId: lead.contactId, actor: SWEEP })).nextCheckAt);
              }
            } else {
              const r = await recordOutcome(ctx, { contactId: lead.contactId, actor, action: 'recycle', reasonCode: behaviour.recycleReason, note: 'Demo history: not ready; back to marketing.' });
              if (r.changed) t.recycledAt = decideAt;
            }
          });
        });
      }
    });
  }

  // Run in time order; events scheduled while running join the queue.
  while (queue.length) {
    queue.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = queue.shift()!;
    await next.run();
  }
  return truth.sort((a, b) => a.mqlAt - b.mqlAt);
}

/** A deal created by the rep in HubSpot, associated with the contact and its company. */
function createDeal(store: CrmStore, contact: CrmRecord, ownerId: string, amount: number, at: number): CrmRecord {
  const company = contact.properties.get('company') ?? `${contact.properties.get('firstname')} ${contact.properties.get('lastname')}`;
  const check = store.checkWrite('deals', { dealname: `${company} – first order`, amount: String(amount), pipeline: 'default', dealstage: 'qualifiedtobuy', hubspot_owner_id: ownerId });
  if (!check.ok) throw new Error(`demo deal is invalid: ${JSON.stringify(check.errors)}`);
  const deal = store.create('deals', check.values, { sourceType: 'CRM_UI', sourceLabel: 'Sales rep' }, at);
  store.associate('deals', deal.id, 'contacts', contact.id, 3);
  const companyId = contact.properties.get('associatedcompanyid');
  if (companyId) store.associate('deals', deal.id, 'companies', companyId, 5);
  return deal;
}
