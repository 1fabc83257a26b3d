import { labelsFor, type Labels, type PortalOptions } from '../domain/index.js';
import type { CrmGateway } from '../hubspot/crmGateway.js';
import type { HandlerContext } from './handlerContext.js';

/** The HubSpot enumerations people see values of, and their object: labelled as the portal labels them, never from a table of ours. */
export const LABELLED_PROPERTIES = { lifecyclestage: 'contacts', hs_analytics_source: 'contacts', dealstage: 'deals' } as const;
export type LabelledProperty = keyof typeof LABELLED_PROPERTIES;

const TTL_MS = 10 * 60_000;
// The portal's option labels change rarely (an admin renames a stage): read once per gateway and property, again after ten minutes.
const cache = new WeakMap<CrmGateway, Map<LabelledProperty, { at: number; options: Promise<Record<string, string>> }>>();

function optionsOf(crm: CrmGateway, name: LabelledProperty, now: number): Promise<Record<string, string>> {
  const byName = cache.get(crm) ?? new Map();
  cache.set(crm, byName);
  const hit = byName.get(name);
  if (hit && now - hit.at < TTL_MS) return hit.options;
  const options = crm.propertyOptions(LABELLED_PROPERTIES[name], name);
  // A failed read is not remembered: the next request tries again.
  options.catch(() => byName.delete(name));
  byName.set(name, { at: now, options });
  return options;
}

/** The portal's option labels for these properties, from HubSpot's property definitions (one read each, cached). */
export async function portalOptions(crm: CrmGateway, names: readonly LabelledProperty[], now = Date.now()): Promise<PortalOptions> {
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await optionsOf(crm, name, now)] as const)));
}

/** Everything people read for values in this portal: the policy's words and HubSpot's option labels for `names`. */
export async function portalLabels(ctx: Pick<HandlerContext, 'crm' | 'policy'> & Partial<Pick<HandlerContext, 'portal'>>, names: readonly LabelledProperty[]): Promise<Labels> {
  return labelsFor(ctx.policy, await portalOptions(ctx.crm, names), ctx.portal?.currency);
}
