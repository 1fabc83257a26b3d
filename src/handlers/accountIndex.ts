import { ACCOUNT_PROPERTIES, accountOf } from '../domain/accounts/index.js';
import type { CrmGateway } from '../hubspot/crmGateway.js';
import type { HandoffLedger } from '../ledger/ledger.js';

// The account index, kept from HubSpot: filled whole by paged list reads of the companies (never
// search: consistent, and not stopped at 10,000), and kept fresh company by company from webhooks.

type Deps = { crm: Pick<CrmGateway, 'companiesPage' | 'companyRecords'>; ledger: HandoffLedger };

export interface IndexFill {
  companies: number;
  pages: number;
  /** Companies the index held that HubSpot no longer has (deleted while no webhook came). */
  dropped: number;
}

/** Reads every company of the portal, 100 a page, into the index; what it no longer finds is dropped. */
export async function fillAccountIndex(deps: Deps, onPage?: (companies: number) => void): Promise<IndexFill> {
  const startedAt = new Date();
  let after: string | undefined;
  let companies = 0;
  let pages = 0;
  do {
    const page = await deps.crm.companiesPage(after, [...ACCOUNT_PROPERTIES]);
    await deps.ledger.upsertAccounts(page.companies.map((c) => accountOf(c.id, c.properties, c.updatedAt)));
    companies += page.companies.length;
    pages++;
    onPage?.(companies);
    after = page.after;
  } while (after);
  const dropped = await deps.ledger.finishAccountFill(startedAt, companies);
  return { companies, pages, dropped };
}

/** Fills the index once, at a portal's first start (or after a ledger was stamped): later starts find it filled. */
export async function fillAccountIndexOnce(deps: Deps): Promise<IndexFill | undefined> {
  if ((await deps.ledger.accountIndex()).filledAt) return undefined;
  return fillAccountIndex(deps);
}

/**
 * Companies a webhook announced (created, changed, merged): read again in batch reads and written
 * to the index; one HubSpot no longer has (deleted, merged away) is removed. `removed`: ids known
 * to be gone (a deletion, the losers of a merge).
 */
export async function refreshAccounts(deps: Deps, companyIds: readonly string[], removed: readonly string[] = []): Promise<{ indexed: number; removed: number }> {
  const ids = [...new Set(companyIds)].filter((id) => !removed.includes(id));
  const found = ids.length ? await deps.crm.companyRecords(ids, [...ACCOUNT_PROPERTIES]) : [];
  await deps.ledger.upsertAccounts(found.map((c) => accountOf(c.id, c.properties, c.updatedAt)));
  const seen = new Set(found.map((c) => c.id));
  const gone = [...removed, ...ids.filter((id) => !seen.has(id))];
  return { indexed: found.length, removed: await deps.ledger.removeAccounts(gone) };
}
