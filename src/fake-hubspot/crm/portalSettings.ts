import { OBJECT_TYPE_NAMES, type ObjectType } from './objectTypes.js';
import { defaultPipelines, type Pipeline } from './pipelines.js';
import type { ValidationRule } from './validationRules.js';

export type SalesHubTier = 'free' | 'starter' | 'professional' | 'enterprise';

/**
 * What a portal's admin and subscription decide, apart from its records: the Sales Hub tier
 * (Leads exist on Professional and Enterprise only), the validation rules HubSpot enforces on
 * writes, and the pipelines. Tests and the local portal set them; the routes read them.
 */
export class PortalSettings {
  /** The portal's Sales Hub. */
  salesHub: SalesHubTier = 'professional';
  /** The portal's validation rules (set by an admin in HubSpot; by tests and the portal here). */
  readonly validationRules: ValidationRule[] = [];
  /** Pipelines per object type (the default lead and deal pipelines). */
  private readonly pipelines = new Map<ObjectType, Pipeline[]>(OBJECT_TYPE_NAMES.map((type) => [type, defaultPipelines(type)]));

  /** Whether this portal has the Leads object (Sales Hub Professional or Enterprise). */
  get hasLeads(): boolean {
    return this.salesHub === 'professional' || this.salesHub === 'enterprise';
  }

  pipelinesOf(type: ObjectType): Pipeline[] {
    return this.pipelines.get(type) ?? [];
  }
}
