import { OPEN_STATES } from '../domain/index.js';
import { recordFromProperties } from '../hubspot/contactRecord.js';
import type { CrmGateway } from '../hubspot/crmGateway.js';
import { CONTACT_PROPERTY_NAMES, P } from '../hubspot/handoffProperties.js';
import type { HandoffLedger } from '../ledger/ledger.js';
import { fillAccountIndexOnce, type IndexFill } from './accountIndex.js';

// A portal adopted at install: what HubSpot already holds that routing must count from the first
// lead on. The handoffs open in HubSpot before this ledger existed (an earlier Handoff, a restored
// ledger) are taken in once, so capacity, fairness and SLA timers include them, instead of being
// adopted one by one when next touched; and the account index is filled from the company list.

type Deps = { crm: Pick<CrmGateway, 'searchContacts' | 'hasContactProperty' | 'companiesPage' | 'companyRecords'>; ledger: HandoffLedger };

export interface Adoption {
  /** Open handoffs HubSpot reported. */
  found: number;
  /** Of those, the ones the ledger did not have. */
  adopted: number;
}

/**
 * Takes HubSpot's open handoffs into the ledger, once per portal. A one-off search at install
 * (paged past 10,000): it coordinates nothing, and a handoff search has not caught up with is
 * adopted when it is next touched, as before.
 */
export async function adoptOpenHandoffsOnce(deps: Deps): Promise<Adoption | undefined> {
  if (await deps.ledger.adoption()) return undefined;
  // A portal Handoff never set up holds no handoffs: nothing to search for.
  if (!(await deps.crm.hasContactProperty(P.stage))) {
    await deps.ledger.markAdopted(0);
    return { found: 0, adopted: 0 };
  }
  const open = await deps.crm.searchContacts([{ property: P.stage, op: 'IN', values: [...OPEN_STATES] }], [...CONTACT_PROPERTY_NAMES, 'hubspot_owner_id']);
  const records = open.map((c) => recordFromProperties(c.id, c.properties)).filter((r) => OPEN_STATES.includes(r.state));
  let adopted = 0;
  for (let i = 0; i < records.length; i += 500) adopted += await deps.ledger.adoptHandoffs(records.slice(i, i + 500));
  await deps.ledger.markAdopted(adopted);
  return { found: records.length, adopted };
}

/** What a host does once per portal before it serves: the account index filled, the open handoffs adopted. */
export async function installPortal(deps: Deps): Promise<{ index?: IndexFill; adoption?: Adoption }> {
  const index = await fillAccountIndexOnce(deps);
  const adoption = await adoptOpenHandoffsOnce(deps);
  return { ...(index ? { index } : {}), ...(adoption ? { adoption } : {}) };
}
