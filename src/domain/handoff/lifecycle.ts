// HubSpot's lifecycle stages in order (HubSpot's own values: the rule is the handoff's, so it lives in the domain). Handoff moves a contact forward (MQL at routing, SQL at
// acceptance, opportunity at conversion) so HubSpot's own stage dates and reports agree with the
// handoff, and never moves it backward.
const ORDER = ['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist'];

/** `{ lifecyclestage: target }` when that moves the contact forward, else nothing. */
export function lifecycleForward(current: unknown, target: 'marketingqualifiedlead' | 'salesqualifiedlead' | 'opportunity'): Record<string, string> {
  const at = typeof current === 'string' ? ORDER.indexOf(current) : -1;
  return at < ORDER.indexOf(target) && current !== 'other' ? { lifecyclestage: target } : {};
}
