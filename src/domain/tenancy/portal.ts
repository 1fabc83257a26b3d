// Who a HubSpot portal is: what account-info's details tell, as Handoff keeps it. A ledger serves
// named portals only; money is shown in the portal's currency, and instants in its time zone
// wherever no person's zone applies.

/** HubSpot's account types (GET /account-info/2026-03/details). */
export const PORTAL_TYPES = ['STANDARD', 'SANDBOX', 'DEVELOPER_TEST', 'APP_DEVELOPER'] as const;
export type PortalType = (typeof PORTAL_TYPES)[number];

export interface Portal {
  /** HubSpot's portal (hub) id, as text. */
  id: string;
  type: PortalType;
  /** The portal's IANA time zone (Europe/Dublin, Europe/London). */
  timeZone: string;
  /** The company currency (ISO 4217: EUR, GBP). */
  currency: string;
}

/** What people read for each account type: a sandbox is never mistaken for production. */
export const PORTAL_TYPE_LABELS: Readonly<Record<PortalType, string>> = {
  STANDARD: 'production account',
  SANDBOX: 'sandbox',
  DEVELOPER_TEST: 'developer test account',
  APP_DEVELOPER: 'app developer account',
};

/** "HubSpot portal 24681357 (production account)". */
export function portalName(portal: Pick<Portal, 'id' | 'type'>): string {
  return `HubSpot portal ${portal.id} (${PORTAL_TYPE_LABELS[portal.type] ?? portal.type})`;
}

/** Whether a delivery's portal id (a number or text, as HubSpot sends it) names this portal. */
export function isThisPortal(portal: Pick<Portal, 'id'>, claimed: string | number | undefined): boolean {
  return claimed === undefined || String(claimed) === portal.id;
}
