import type { ContactSnapshot } from '../hubspot/crmGateway.js';
import { accountsForMany, askAccountCandidates, type Accounts } from './accountMatch.js';
import type { HandlerContext } from './handlerContext.js';
import { contactLeads, readBatchContacts, withPrimaryCompanies, withAssociatedCompanies, withLeadCompanies, withMatchedCompanies, type LeadContacts, type LeadRead } from './leadReads.js';
import type { RouteInput } from './routeLead.js';

/** A batch's leads whole (contact, company, record), and each one's account as routing reads it, by contact id. */
export interface BatchRead {
  reads: Map<string, LeadRead>;
  accounts: Map<string, Accounts>;
}

/**
 * A batch's leads read in as few round trips to HubSpot as it allows, each ledger read beside one:
 *   1. The contacts: those their enrolments brought whole need no read; the others in a batch read.
 *   2. The account index asked for every lead's candidates, while HubSpot says which companies the
 *      contacts naming no primary company are associated with, and, at the same time, the
 *      companies the others name are read with those lead-to-account matching found for the former.
 *   3. Rarely: a contact naming no primary company that HubSpot associates with one after all has
 *      that company read (it is the lead's, not the one matching found); a lead whose company is
 *      gone has the company matching finds read.
 * A contact that is gone is missing from `reads`.
 */
export async function readRouteBatch(ctx: HandlerContext, inputs: readonly RouteInput[]): Promise<BatchRead> {
  const contacts = await batchContacts(ctx, inputs);
  const probe = askAccountCandidates(ctx, contactLeads(contacts));
  const associated = withAssociatedCompanies(ctx, contacts);
  // (Both awaited below; a failure of one first must not leave the other unheard.)
  probe.catch(() => undefined);
  associated.catch(() => undefined);
  const accounts = new Map<string, Accounts>();
  const loose = contactLeads(contacts).flatMap((l, i) => (l.companyId ? [] : [{ ...l, contactId: contacts.contacts[i]!.id }]));
  if (loose.length) (await accountsForMany(ctx, loose, await probe)).forEach((a, i) => accounts.set(loose[i]!.contactId, a));
  const reads = await withLeadCompanies(ctx, contacts, matchedCompanies(accounts));
  const found = await associated;
  const late = new Set(loose.filter((l) => found.companyIds[l.contactId]?.length).map((l) => l.contactId));
  if (late.size) {
    for (const id of late) accounts.delete(id);
    const again = await withLeadCompanies(ctx, { contacts: found.contacts.filter((c) => late.has(c.id)), companyIds: found.companyIds });
    for (const [id, read] of again) reads.set(id, read);
  }
  const asked = await probe;
  // The other leads' accounts, now their companies are known. A lead whose company turns out to
  // be gone is asked for again by what else it says, and the company it matches read (rarely).
  const rest = [...reads.values()].filter((r) => !accounts.has(r.contact.id));
  (await accountsForMany(ctx, rest.map((r) => ({ lead: r.lead, ...(r.companyId ? { companyId: r.companyId } : {}) })), asked)).forEach((a, i) => accounts.set(rest[i]!.contact.id, a));
  const gone = matchedCompanies(new Map(rest.flatMap((r) => (r.companyId ? [] : [[r.contact.id, accounts.get(r.contact.id)!] as const]))));
  if (gone.size) for (const r of await withMatchedCompanies(ctx, rest, gone)) reads.set(r.contact.id, r);
  return { reads, accounts };
}

/** The batch's contacts, in the order first asked for: as their enrolments brought them, the others read in batch reads. */
async function batchContacts(ctx: HandlerContext, inputs: readonly RouteInput[]): Promise<LeadContacts> {
  const brought = new Map<string, ContactSnapshot>();
  for (const i of inputs) if (i.contactProperties && !brought.has(i.contactId)) brought.set(i.contactId, { id: i.contactId, properties: i.contactProperties, history: {}, companyIds: [], dealIds: [] });
  const ids = [...new Set(inputs.map((i) => i.contactId))];
  const unread = ids.filter((id) => !brought.has(id));
  const read = new Map(unread.length ? (await readBatchContacts(ctx, unread)).contacts.map((c) => [c.id, c] as const) : []);
  return withPrimaryCompanies(ids.flatMap((id) => brought.get(id) ?? read.get(id) ?? []));
}

/** The companies lead-to-account matching found for leads HubSpot associates with none, by contact id. */
function matchedCompanies(accounts: ReadonlyMap<string, Accounts>): Map<string, string> {
  return new Map([...accounts].flatMap(([id, a]) => (a.account ? [[id, a.account.companyId] as const] : [])));
}
